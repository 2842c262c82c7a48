// Realistic and hostile inputs: what gets analysed, skipped or refused, and where findings land.
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { fixture, isRoot, json, NOBODY, run, shown, tempDir, type JsonFinding, type JsonReport } from './helpers';

function scanJson(...args: string[]): { code: number | null; report: JsonReport; stderr: string } {
  const result = run(['scan', '--format', 'json', ...args]);
  return { code: result.code, report: json(result), stderr: result.stderr };
}

function only(findings: readonly JsonFinding[], rule: string): JsonFinding[] {
  return findings.filter((f) => f.rule === rule);
}

describe('inputs', () => {
  test('multi-document file with a syntax error: one yaml-syntax finding, the other documents still checked', () => {
    const { code, report } = scanJson(shown('multi-doc-syntax-error.yaml'));
    assert.equal(code, 1);
    const syntax = only(report.findings, 'yaml-syntax');
    assert.equal(syntax.length, 1);
    assert.equal(syntax[0]?.resource, null);
    assert.equal(syntax[0]?.range.start.line, 17, 'in the second document, at the end of the unclosed flow sequence');
    assert.match(syntax[0]?.message ?? '', /^The YAML cannot be parsed: /);
    // The first and the third document were analysed.
    assert.deepEqual(only(report.findings, 'host-namespaces').map((f) => [f.resource?.name, f.range.start]), [['first', { line: 6, character: 11 }]]);
    assert.deepEqual(only(report.findings, 'privileged').map((f) => [f.resource?.name, f.range.start]), [['third', { line: 27, character: 20 }]]);
  });

  test('CRLF line endings and a byte-order mark give the same ranges as the LF file', () => {
    const lf = scanJson(shown('fixable.yaml')).report.findings;
    const crlf = scanJson(shown('crlf-bom.yaml')).report.findings;
    assert.ok(lf.length > 0);
    assert.deepEqual(crlf.map((f) => [f.rule, f.range]), lf.map((f) => [f.rule, f.range]));
    assert.deepEqual(crlf[0]?.range, { start: { line: 63, character: 10 }, end: { line: 63, character: 19 } });
    // The check above means something only if the fixture really is CRLF with a BOM.
    const bytes = readFileSync(fixture('crlf-bom.yaml'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(bytes.includes('\r\n'));
  });

  test('a byte-order mark does not shift columns on the first line', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'bom.yaml'), '\ufeffapiVersion: v1\nkind: Pod\nmetadata: {name: p\n');
    const { report } = scanJson(path.join(dir, 'bom.yaml'));
    const plain = path.join(dir, 'plain.yaml');
    writeFileSync(plain, 'apiVersion: v1\nkind: Pod\nmetadata: {name: p\n');
    assert.deepEqual(report.findings.map((f) => f.range), scanJson(plain).report.findings.map((f) => f.range));
  });

  test('a Helm template is skipped, not an error', () => {
    const { code, report, stderr } = scanJson(shown('helm-chart'));
    assert.equal(code, 0, stderr);
    assert.deepEqual(report.findings, []);
    assert.deepEqual(report.errors, []);
    assert.equal(report.skipped.length, 1);
    assert.equal(report.skipped[0]?.file, shown('helm-chart/templates/deployment.yaml'));
    assert.match(report.skipped[0]?.message ?? '', /template syntax/);
    const text = run(['scan', shown('helm-chart')]);
    assert.match(text.stderr, /^skipped: test\/fixtures\/cli\/helm-chart\/templates\/deployment\.yaml: .*template syntax/m);
  });

  test('a binary file is an error (exit 2) with a clear message, also in JSON', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'image.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    const result = run(['scan', '--format', 'json', '.'], { cwd: dir });
    assert.equal(result.code, 2);
    assert.deepEqual(json(result).errors, [{ file: 'image.yaml', message: 'The file looks binary (it contains NUL bytes); it was not analysed.' }]);
    assert.match(result.stderr, /image\.yaml: The file looks binary/);
  });

  test('invalid UTF-8 is an error (exit 2)', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.from('apiVersion: v1\nkind: ConfigMap\ndata: {city: "M\xfcnchen"}\n', 'latin1'));
    const result = run(['scan', '--format', 'json', 'latin1.yaml'], { cwd: dir });
    assert.equal(result.code, 2);
    assert.deepEqual(json(result).errors, [{ file: 'latin1.yaml', message: 'The file is not valid UTF-8; it was not analysed.' }]);
  });

  test('a file over --max-file-size is skipped, not an error', () => {
    const { code, report } = scanJson('--max-file-size', '100', shown('two-problems.yaml'));
    assert.equal(code, 0);
    assert.deepEqual(report.findings, []);
    assert.deepEqual(report.errors, []);
    assert.equal(report.skipped.length, 1);
    assert.match(report.skipped[0]?.message ?? '', /over the 100 bytes limit \(--max-file-size\)/);
  });

  test('a file that cannot be read is an error (exit 2)', () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    copyFileSync(fixture('two-problems.yaml'), path.join(dir, 'secret.yaml'));
    chmodSync(path.join(dir, 'secret.yaml'), 0o000);
    const result = run(['scan', '--format', 'json', 'secret.yaml'], { cwd: dir, ...(isRoot() ? { user: NOBODY } : {}) });
    assert.equal(result.code, 2);
    assert.deepEqual(json(result).errors, [{ file: 'secret.yaml', message: 'Permission denied.' }]);
  });

  test('YAML that is not Kubernetes (a CI workflow) has no findings', () => {
    const { code, report } = scanJson(shown('workflow.yml'));
    assert.equal(code, 0);
    assert.deepEqual(report, { version: report.version, findings: [], errors: [], skipped: [] });
  });

  test('the items of a kind: List are checked', () => {
    const { report } = scanJson(shown('list.yaml'));
    const found = only(report.findings, 'host-namespaces');
    assert.equal(found.length, 1);
    assert.equal(found[0]?.path, 'items[0].spec.hostPID');
    assert.deepEqual(found[0]?.resource, { apiVersion: 'v1', kind: 'Pod', name: 'listed', namespace: 'shop' });
    assert.deepEqual(found[0]?.range, { start: { line: 10, character: 15 }, end: { line: 10, character: 19 } });
  });

  test('a CronJob pod template is checked', () => {
    const { report } = scanJson(shown('cronjob.yaml'));
    const found = only(report.findings, 'privileged');
    assert.equal(found.length, 1);
    assert.equal(found[0]?.path, 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged');
    assert.equal(found[0]?.container, 'report');
    assert.deepEqual(found[0]?.range.start, { line: 17, character: 28 });
  });

  test('anchors and aliases: both containers that share a privileged context are reported', () => {
    const { report } = scanJson(shown('anchors.yaml'));
    const found = only(report.findings, 'privileged');
    assert.deepEqual(found.map((f) => f.container), ['first', 'second']);
    // Both point at the anchored value, the only place the setting is written.
    for (const f of found) assert.deepEqual(f.range, { start: { line: 10, character: 20 }, end: { line: 10, character: 24 } });
  });

  test('YAML 1.1 booleans: hostNetwork: yes is true, as the API server reads it', () => {
    const { report } = scanJson(shown('yaml11-booleans.yaml'));
    const found = only(report.findings, 'host-namespaces');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]?.range, { start: { line: 6, character: 15 }, end: { line: 6, character: 18 } });
  });

  test('the insecure fixture shows several rules at once', () => {
    const { code, report } = scanJson(shown('insecure.yaml'));
    assert.equal(code, 1);
    const rules = new Set(report.findings.map((f) => f.rule));
    for (const rule of ['host-namespaces', 'privileged', 'privilege-escalation', 'run-as-non-root', 'read-only-root-filesystem', 'image-latest-tag']) {
      assert.ok(rules.has(rule), `expected a ${rule} finding`);
    }
  });
});
