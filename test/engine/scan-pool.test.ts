import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { normalizeSettings } from '../../server/src/engine/config';
import { RULE_IDS } from '../../server/src/engine/rules';
import { ScanPool, scanFiles } from '../../server/src/engine/scan-pool';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      privileged: true\n';
const settings = normalizeSettings({ profile: 'baseline', today: '2026-01-01' }, RULE_IDS);

describe('scan pool (worker threads)', () => {
  let dir: string;
  const files: string[] = [];

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-pool-'));
    for (let i = 0; i < 200; i++) {
      const file = path.join(dir, `pod-${String(i).padStart(3, '0')}.yaml`);
      fs.writeFileSync(file, i % 2 === 0 ? POD : POD.replace('privileged: true', 'privileged: false'));
      files.push(file);
    }
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('returns one result per file, in the order given, with ranges and objects but no syntax trees', async () => {
    const missing = path.join(dir, 'missing.yaml');
    const outcome = await scanFiles([...files.slice(0, 4), missing], () => settings, { size: 2 });
    assert.equal(outcome.cancelled, false);
    assert.deepEqual(outcome.results.map((r) => path.basename(r.path)), ['pod-000.yaml', 'pod-001.yaml', 'pod-002.yaml', 'pod-003.yaml', 'missing.yaml']);
    const [first, second] = outcome.results;
    assert.equal(first?.status, 'ok');
    if (first?.status !== 'ok' || second?.status !== 'ok') return;
    assert.deepEqual(first.findings.map((f) => [f.ruleId, f.range]), [['privileged', { start: { line: 9, character: 18 }, end: { line: 9, character: 22 } }]]);
    assert.equal(first.findings[0]?.fixable, 'unsafe');
    assert.deepEqual(first.objects, [{ id: { apiVersion: 'v1', kind: 'Pod', name: 'web' }, range: { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } } }]);
    assert.deepEqual(second.findings, []);
    assert.deepEqual(outcome.results[4], { status: 'error', path: missing, message: 'No such file or directory.' });
  });

  it('uses each file\'s own settings and reports progress for every file', async () => {
    const off = normalizeSettings({ profile: 'baseline', rules: { privileged: 'off' } }, RULE_IDS);
    const progress: number[] = [];
    const outcome = await scanFiles(files.slice(0, 10), (file) => (file.endsWith('000.yaml') ? off : settings), { onProgress: (done) => progress.push(done) });
    assert.deepEqual(progress, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const counts = outcome.results.map((r) => (r.status === 'ok' ? r.findings.length : -1));
    assert.deepEqual(counts, [0, 0, 1, 0, 1, 0, 1, 0, 1, 0]);
  });

  it('stops at once when the signal fires, returning what finished', async () => {
    const pool = new ScanPool({ size: 2 });
    try {
      const controller = new AbortController();
      const outcome = await pool.scan(files, () => settings, { signal: controller.signal, onProgress: (done) => done === 5 && controller.abort() });
      assert.equal(outcome.cancelled, true);
      assert.ok(outcome.results.length >= 5 && outcome.results.length < files.length, String(outcome.results.length));
      // The pool stays usable after a cancelled scan.
      const again = await pool.scan(files.slice(0, 3), () => settings);
      assert.equal(again.results.length, 3);
    } finally {
      await pool.dispose();
    }
  });

  it('runs concurrent scans on one pool without mixing their results', async () => {
    const pool = new ScanPool({ size: 2 });
    try {
      const [a, b] = await Promise.all([pool.scan(files.slice(0, 50), () => settings), pool.scan(files.slice(50, 60), () => settings)]);
      assert.deepEqual(a.results.map((r) => r.path), files.slice(0, 50));
      assert.deepEqual(b.results.map((r) => r.path), files.slice(50, 60));
    } finally {
      await pool.dispose();
    }
  });

  it('analyses the contents the caller hands over instead of reading the file again', async () => {
    const [privileged, unprivileged] = files as [string, string];
    const handed = { path: privileged, text: fs.readFileSync(unprivileged, 'utf8'), bom: false, mode: 0o644, uid: 0, gid: 0, mtimeMs: 0, size: 0 };
    const asked: string[] = [];
    const outcome = await scanFiles([privileged, unprivileged], () => settings, {
      read: (file) => {
        asked.push(file);
        return file === privileged ? handed : undefined;
      },
    });
    assert.deepEqual(asked.sort(), [privileged, unprivileged].sort());
    assert.deepEqual(outcome.results.map((r) => (r.status === 'ok' ? r.findings.length : -1)), [0, 0]);
  });

  it('reports the file that killed a worker mid-batch, and scans the rest of the batch in a fresh one', async () => {
    // A stand-in worker that speaks the pool's protocol and dies on one file.
    const workerPath = path.join(dir, 'dying-worker.js');
    fs.writeFileSync(
      workerPath,
      `const { parentPort, workerData } = require('node:worker_threads');
      parentPort.on('message', (message) => {
        if (message.type !== 'files') return;
        const results = message.files.map((file) => {
          Atomics.store(workerData.running, 0, file.task);
          if (file.path.endsWith('pod-005.yaml')) process.exit(3);
          return { status: 'skipped', path: file.path, message: 'seen' };
        });
        parentPort.postMessage({ json: JSON.stringify(results) });
      });`,
    );
    const outcome = await scanFiles(files.slice(0, 40), () => settings, { size: 1, workerPath });
    assert.deepEqual(outcome.results.map((r) => path.basename(r.path)), files.slice(0, 40).map((f) => path.basename(f)));
    const failed = outcome.results.filter((r) => r.status === 'error');
    assert.deepEqual(failed, [{ status: 'error', path: files[5], message: 'The analysis thread failed on this file: it exited with code 3' }]);
  });

  it('forgets an earlier scan\'s CRDs when a later job comes without a context', async () => {
    const crd = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec:\n            type: object\n            properties: {size: {type: integer}}\n';
    const widget = path.join(dir, 'widget.yaml');
    fs.writeFileSync(widget, 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 1, colour: red}\n');
    const all = normalizeSettings({ profile: 'baseline' }, RULE_IDS);
    const unknownFields = (result: Awaited<ReturnType<ScanPool['scan']>>) =>
      result.results.flatMap((r) => (r.status === 'ok' ? r.findings.filter((f) => f.ruleId === 'unknown-field') : []));
    const pool = new ScanPool({ size: 1 });
    try {
      const withCrd = await pool.scan([widget], () => all, { context: { facts: [], crdSources: [['crd.yaml', crd]] } });
      assert.equal(unknownFields(withCrd).length, 1, 'the CRD validates the widget');
      const without = await pool.scan([widget], () => all);
      assert.deepEqual(unknownFields(without), [], 'no CRD is known without a context');
    } finally {
      pool.dispose();
    }
  });
});
