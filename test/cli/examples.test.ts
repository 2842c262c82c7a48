// The bundled examples: the README's first command scans them and must end cleanly.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { json, ROOT, run } from './helpers';

describe('examples/', () => {
  test('the hardened example has no findings under any profile', () => {
    for (const profile of ['baseline', 'restricted', 'all']) {
      const result = run(['scan', '--profile', profile, '--format', 'json', 'examples/hardened-deployment.yaml']);
      const report = json(result);
      assert.deepEqual(report.findings.map((f) => `${f.rule}: ${f.message}`), [], `profile ${profile}`);
      assert.equal(result.code, 0);
    }
  });

  test('the demo scan (scan --exit-zero examples) exits 0, reads every example and finds problems in the others', () => {
    const result = run(['scan', '--exit-zero', '--format', 'json', 'examples']);
    assert.equal(result.code, 0, result.stderr);
    const report = json(result);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.skipped, []);
    const examples = readdirSync(path.join(ROOT, 'examples')).filter((name) => /\.ya?ml$/.test(name));
    const withFindings = new Set(report.findings.map((f) => path.basename(f.file)));
    for (const name of examples) {
      assert.equal(withFindings.has(name), name !== 'hardened-deployment.yaml', name);
    }
  });
});
