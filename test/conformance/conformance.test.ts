import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { corpusMissing, defaultCorpusDir, failures, PSA_PEER, repoRoot, runConformance, type ConformanceReport } from '../../scripts/conformance-core';

const root = repoRoot(__dirname);
const corpusDir = defaultCorpusDir(root);
const missing = corpusMissing(corpusDir);

describe('conformance with ../shared/corpus', () => {
  let report: ConformanceReport | undefined;
  const get = (): ConformanceReport => {
    report ??= runConformance({ corpusDir, exceptionsFile: path.join(root, 'scripts', 'conformance-exceptions.tsv') });
    return report;
  };
  const list = (rows: ReturnType<typeof failures>) => rows.map((r) => `  ${r.peer} ${r.check} ${r.path} [${r.rule}]: ${r.detail}`).join('\n');

  it('agrees 100% with the Pod Security Admission fixtures', { skip: missing }, () => {
    const psa = get().rows.filter((r) => r.peer === PSA_PEER);
    const bad = psa.filter((r) => r.status === 'disagree' || r.status === 'deliberate' || r.status === 'missing-file');
    assert.ok(psa.length > 0, 'the corpus has PSA rows');
    assert.deepEqual(list(bad), '', 'PSA disagreements');
  });

  it('has no unexplained disagreement on a same-relation row of an existing rule', { skip: missing }, () => {
    const bad = failures(get()).filter((r) => r.peer !== PSA_PEER);
    assert.deepEqual(list(bad), '', 'add the row to scripts/conformance-exceptions.tsv with a reason, or fix the rule');
  });
});
