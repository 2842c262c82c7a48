// Writes RULES.md and docs/rules/<id>.md from the rule metadata; `--check` only reports staleness.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderRulePage, renderRulesIndex } from '../server/src/engine/docs';
import { RULES } from '../server/src/engine/rules';

/** Every generated file with its expected content, keyed by path relative to the repo root. */
export function generatedDocs(): Map<string, string> {
  const files = new Map<string, string>();
  files.set('RULES.md', renderRulesIndex(RULES));
  for (const rule of RULES) files.set(`docs/rules/${rule.meta.id}.md`, renderRulePage(rule.meta));
  return files;
}

/** Paths whose content differs from what the generator writes, plus generated pages no rule owns. */
export function staleDocs(root: string): string[] {
  const expected = generatedDocs();
  const stale = [...expected].filter(([file, content]) => {
    const full = path.join(root, file);
    return !fs.existsSync(full) || fs.readFileSync(full, 'utf8') !== content;
  }).map(([file]) => file);
  const rulesDir = path.join(root, 'docs', 'rules');
  if (fs.existsSync(rulesDir)) {
    for (const name of fs.readdirSync(rulesDir)) if (!expected.has(`docs/rules/${name}`)) stale.push(`docs/rules/${name}`);
  }
  return stale;
}

function main(): void {
  const root = path.resolve(__dirname, '..', '..');
  if (process.argv.includes('--check')) {
    const stale = staleDocs(root);
    if (stale.length > 0) {
      console.error(`Generated docs are stale: ${stale.join(', ')}. Run npm run docs and commit the result.`);
      process.exitCode = 1;
    }
    return;
  }
  const expected = generatedDocs();
  fs.rmSync(path.join(root, 'docs', 'rules'), { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'docs', 'rules'), { recursive: true });
  for (const [file, content] of expected) fs.writeFileSync(path.join(root, file), content);
  console.log(`Wrote RULES.md and ${expected.size - 1} rule pages.`);
}

if (require.main === module) main();
