/**
 * Keeps the issue-10 bench harness from rotting: runs bench/main.ts on a tiny corpus (our server
 * only, one run, no packaging, no engine suites) and checks the shape of what it writes. Timing
 * is never asserted: these machines are shared and a smoke run measures nothing.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '..', '..', '..');

function run(args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'out', 'bench', 'main.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    // The bench kills its own servers on exit; a hung run must not hang the suite.
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test('npm run bench harness: tiny corpus, structure only', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kubeward-bench-smoke-'));
  try {
    const out = path.join(dir, 'results.md');
    const json = path.join(dir, 'results.json');
    const { code, output } = await run(['--docs', '20', '--files', '20', '--runs', '1', '--no-peer', '--no-engine', '--no-package', '--out', out, '--json', json]);
    assert.equal(code, 0, output);

    const markdown = readFileSync(out, 'utf8');
    for (const heading of ['# Issue 10 benchmark results', '## Summary', '## Editor: open and one-line edit', '## Bulk scan', '## Server memory with a scanned workspace', '## Start-up']) {
      assert.ok(markdown.includes(`${heading}\n`), `missing "${heading}"`);
    }
    assert.ok(markdown.includes('| measure | ours | peer / baseline | ratio | target | result |'));

    const results = JSON.parse(readFileSync(json, 'utf8')) as {
      rows: { measure: string; result: string }[];
      editor: { server: string; openDiagnostics: number; editDiagnostics: number; sync: string }[];
      scan: { cli: unknown[]; floor: unknown[]; findings: number; floorDocuments: number };
      startup: { runs: { outcome: string }[] };
    };
    const measures = results.rows.map((r) => r.measure);
    for (const expected of ['Edit → diagnostics, server time', 'Bulk scan (CLI) vs parse floor, end to end', 'Server RSS, big file open + workspace scanned']) {
      assert.ok(measures.includes(expected), `missing row "${expected}"`);
    }
    for (const row of results.rows) assert.ok(['pass', 'FAIL', 'n/a'].includes(row.result), row.measure);

    assert.equal(results.editor.length, 1);
    const [ours] = results.editor;
    assert.equal(ours?.server, 'kubeward');
    assert.equal(ours?.sync, 'incremental');
    // 20 Deployments: every 7th privileged, so the rules must have found something, before and after the edit.
    assert.ok((ours?.openDiagnostics ?? 0) > 0 && (ours?.editDiagnostics ?? 0) > 0);

    assert.equal(results.scan.cli.length, 1);
    assert.equal(results.scan.floor.length, 1);
    assert.ok(results.scan.findings > 0);
    assert.ok(results.scan.floorDocuments >= 20);
    assert.equal(results.startup.runs.length, 1);
    assert.ok(['resolved', 'rejected', 'timeout', 'failed'].includes(results.startup.runs[0]?.outcome ?? ''));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
