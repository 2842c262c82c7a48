// `npm run conformance`: prints agreement with the outside corpus and writes docs/conformance.md.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusMissing, defaultCorpusDir, failures, renderMarkdown, renderSummary, repoRoot, runConformance } from './conformance-core';

function main(): void {
  const root = repoRoot();
  const corpusDir = defaultCorpusDir(root);
  const missing = corpusMissing(corpusDir);
  if (missing) {
    console.log(missing);
    return;
  }
  const report = runConformance({ corpusDir, exceptionsFile: path.join(root, 'scripts', 'conformance-exceptions.tsv') });
  fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(root, 'docs', 'conformance.md'), renderMarkdown(report));
  console.log(renderSummary(report));
  console.log('\nWrote docs/conformance.md.');
  if (failures(report).length > 0) process.exitCode = 1;
}

main();
