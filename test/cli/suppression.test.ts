// Suppressed findings: hidden and not counted by default, listed with their reasons on request.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { json, run, suppressedFixture, type JsonFinding, type JsonReport } from './helpers';

describe('suppressed findings', () => {
  test('are not reported by default and do not count for the exit code', () => {
    const dir = suppressedFixture();
    const result = run(['scan', '--format', 'json', '--rule', 'host-namespaces=off', 'agent.yaml'], { cwd: dir });
    assert.equal(result.code, 0);
    const report = json(result);
    assert.deepEqual(report.findings, []);
    assert.equal('suppressed' in report, false, 'the JSON shape is unchanged without --show-suppressed');
  });

  test('--show-suppressed lists them with the reason, in text and in a separate JSON array', () => {
    const dir = suppressedFixture();
    const text = run(['scan', '--show-suppressed', 'agent.yaml'], { cwd: dir });
    assert.equal(text.code, 1, 'the unsuppressed host-namespaces finding remains');
    assert.match(text.stdout, /^agent\.yaml:74:25 error privileged .* \[suppressed by comment: the node agent needs raw devices\]$/m);
    assert.match(text.stderr, /^1 suppressed\.$/m);
    const report = json<JsonReport & { suppressed: (JsonFinding & { suppression: unknown })[] }>(run(['scan', '--show-suppressed', '--format', 'json', 'agent.yaml'], { cwd: dir }));
    assert.deepEqual(report.findings.map((f) => f.rule), ['host-namespaces']);
    assert.deepEqual(report.suppressed.map((f) => [f.rule, f.suppression]), [['privileged', { kind: 'comment', justification: 'the node agent needs raw devices' }]]);
  });
});
