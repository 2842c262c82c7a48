// Writes RULES.md, docs/rules/<id>.md and the `kubeward.rules` setting's per-rule entries in
// package.json from the rule metadata; `--check` only reports staleness.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { docsUrl, renderRulePage, renderRulesIndex } from '../server/src/engine/docs';
import type { RuleMeta } from '../server/src/engine/rule';
import { RULES } from '../server/src/engine/rules';

const RULE_LEVELS = ['off', 'error', 'warning', 'info', 'hint'];

/** The settings editor's entry for one rule: completion of its id, its levels, and what it checks. */
function ruleSetting(meta: RuleMeta): Record<string, unknown> {
  return {
    type: 'string',
    enum: RULE_LEVELS,
    description: `${meta.title} (default: ${meta.severity}).`,
    markdownDescription: `${meta.title} (default: \`${meta.severity}\`). [Documentation](${docsUrl(meta.id)})`,
  };
}

/**
 * package.json with `kubeward.rules.properties` generated from the registry, everything else as
 * it is (key order included), or undefined when package.json has no `kubeward.rules` setting.
 */
export function packageJsonWithRules(current: string): string | undefined {
  const pkg = JSON.parse(current) as { contributes?: { configuration?: { properties?: Record<string, Record<string, unknown>> } } };
  const setting = pkg.contributes?.configuration?.properties?.['kubeward.rules'];
  if (!setting) return undefined;
  const properties = Object.fromEntries(RULES.map((rule) => [rule.meta.id, ruleSetting(rule.meta)]));
  if ('properties' in setting) {
    setting['properties'] = properties;
  } else {
    // Placed before `additionalProperties`, which still accepts ids the registry does not know.
    const rebuilt: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(setting)) {
      if (key === 'additionalProperties') rebuilt['properties'] = properties;
      rebuilt[key] = value;
    }
    rebuilt['properties'] ??= properties;
    for (const key of Object.keys(setting)) delete setting[key];
    Object.assign(setting, rebuilt);
  }
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

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
  const pkgPath = path.join(root, 'package.json');
  const pkg = fs.readFileSync(pkgPath, 'utf8');
  const withRules = packageJsonWithRules(pkg);
  if (withRules === undefined || withRules !== pkg) stale.push('package.json (kubeward.rules)');
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
  const pkgPath = path.join(root, 'package.json');
  const withRules = packageJsonWithRules(fs.readFileSync(pkgPath, 'utf8'));
  if (withRules === undefined) throw new Error('package.json has no kubeward.rules setting to fill in.');
  fs.writeFileSync(pkgPath, withRules);
  console.log(`Wrote RULES.md, ${expected.size - 1} rule pages and the kubeward.rules entries of package.json.`);
}

if (require.main === module) main();
