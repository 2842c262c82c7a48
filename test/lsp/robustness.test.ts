import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { CancellationTokenSource, CodeActionRequest, FileChangeType, HoverRequest, type Diagnostic } from 'vscode-languageserver-protocol';
import { FIX_ALL_KIND, ServerCommands, type ScanSummary } from '../../server/src/protocol';
import { THROWING_RULE_ENV } from '../../server/src/lsp/test-hooks';
import { LspClient, onlyRules, REPO_ROOT } from '../harness/lsp-client';

/** Faults the server must survive (issue 11): stale and cancelled requests, floods of edits, broken config, vanishing folders, failing rules. */
const POD = (extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      privileged: true
${extra}`;

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function scratch(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeward-robust-'));
  dirs.push(dir);
  return dir;
}

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };

describe('stale, closed and cancelled requests', () => {
  test('hover, code actions and resolve for a closed document or an old version answer gracefully', async () => {
    const client = await LspClient.start({ settings: { profile: 'all' } });
    try {
      const uri = 'file:///robust/stale.yaml';
      await client.open(uri, POD());
      const v1 = await client.waitForDiagnostics(uri);
      const fixAll = (await client.codeActions(uri, WHOLE, v1.diagnostics, [FIX_ALL_KIND]))[0];
      assert.ok(fixAll);
      // Version 2 shifts every line: version 1's diagnostics are stale.
      await client.change(uri, 2, [{ text: `# header\n${POD()}` }]);
      await client.waitForDiagnostics(uri, (p) => p.version === 2);
      const stale = await client.codeActions(uri, WHOLE, v1.diagnostics);
      for (const action of stale) {
        for (const change of action.edit?.documentChanges ?? []) {
          if ('textDocument' in change) assert.equal(change.textDocument.version, 1, 'stale edits stay tied to their version, so the client rejects them');
        }
        assert.ok(!action.title.startsWith('Disable'), 'no suppression computed from a stale range');
      }
      await client.close(uri);
      assert.equal(await client.hover(uri, { line: 9, character: 8 }), null);
      assert.deepEqual((await client.codeActions(uri, WHOLE, [], [FIX_ALL_KIND])), []);
      const resolved = await client.resolveCodeAction(fixAll);
      assert.equal(resolved.edit, undefined, 'nothing to edit in a closed document');
      assert.equal(await client.hover('file:///robust/never-opened.yaml', { line: 0, character: 0 }), null);
      // Still serving.
      await client.open('file:///robust/after.yaml', POD());
      await client.waitForDiagnostics('file:///robust/after.yaml');
    } finally {
      await client.stop();
    }
  });

  test('$/cancelRequest: cancelled hovers and code actions end, and the server keeps serving', async () => {
    const client = await LspClient.start({ settings: { profile: 'all' } });
    try {
      const uri = 'file:///robust/cancel.yaml';
      const text = POD();
      await client.open(uri, text);
      const published = await client.waitForDiagnostics(uri);
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) => {
          const source = new CancellationTokenSource();
          const request = i % 2 === 0
            ? client.request(CodeActionRequest.method, { textDocument: { uri }, range: WHOLE, context: { diagnostics: published.diagnostics } }, source.token)
            : client.request(HoverRequest.method, { textDocument: { uri }, position: published.diagnostics[0]!.range.start }, source.token);
          // Sends $/cancelRequest for a request the server may not have started yet.
          source.cancel();
          return request.then(() => 'answered', () => 'cancelled');
        }),
      );
      assert.equal(outcomes.length, 20);
      const hover = await client.hover(uri, published.diagnostics[0]!.range.start);
      assert.ok(hover, 'the server still answers');
    } finally {
      await client.stop();
    }
  });
});

describe('edits faster than analysis', () => {
  test('50 rapid edits with debounce 0: versions published in order, the last one is correct', async () => {
    const client = await LspClient.start({ settings: { profile: 'all' }, debounceMs: 0 });
    try {
      const uri = 'file:///robust/rapid.yaml';
      await client.open(uri, POD());
      await client.waitForDiagnostics(uri);
      let text = POD();
      for (let version = 2; version <= 51; version++) {
        // Alternate between privileged and not, so stale results would be visible.
        text = POD(`    # edit ${version}\n`).replace('privileged: true', version % 2 === 0 ? 'privileged: true' : 'privileged: false');
        void client.change(uri, version, [{ text }]);
      }
      const last = await client.waitForDiagnostics(uri, (p) => p.version === 51);
      const versions = client.publishedFor(uri).map((p) => p.version ?? 0);
      for (let i = 1; i < versions.length; i++) assert.ok(versions[i]! >= versions[i - 1]!, `monotonic versions: ${versions.join(',')}`);
      assert.ok(!last.diagnostics.some((d) => d.code === 'privileged'), 'version 51 has privileged: false');
      // The published result is exactly what a fresh analysis of the final text gives.
      await client.open('file:///robust/rapid-fresh.yaml', text);
      const fresh = await client.waitForDiagnostics('file:///robust/rapid-fresh.yaml');
      const simplify = (ds: Diagnostic[]) => ds.map((d) => [d.code, d.range.start.line, d.range.start.character, d.message]).sort();
      assert.deepEqual(simplify(last.diagnostics), simplify(fresh.diagnostics));
    } finally {
      await client.stop();
    }
  });
});

describe('configuration and workspace faults', () => {
  test('a .kubeward.yaml that becomes invalid mid-session: its mistakes are diagnostics, the valid parts still apply', async () => {
    const root = scratch();
    const config = path.join(root, '.kubeward.yaml');
    writeFileSync(config, 'rules:\n  privileged: "off"\n');
    writeFileSync(path.join(root, 'pod.yaml'), POD());
    const client = await LspClient.start({ settings: { profile: 'all' }, workspaceFolders: [pathToFileURL(root).href] });
    try {
      const uri = pathToFileURL(path.join(root, 'pod.yaml')).href;
      await client.open(uri, POD());
      const first = await client.waitForDiagnostics(uri);
      assert.ok(!first.diagnostics.some((d) => d.code === 'privileged'));
      const configUri = pathToFileURL(config).href;
      const broken = 'rules:\n  privileged: "off"\nprofile: 42\nnotAKey: true\n';
      writeFileSync(config, broken);
      await client.filesChanged([{ uri: configUri, type: FileChangeType.Changed }]);
      const again = await client.waitForDiagnostics(uri);
      assert.ok(again.diagnostics.length > 0, 'analysis continues');
      assert.ok(!again.diagnostics.some((d) => d.code === 'privileged'), 'the valid part still applies');
      // Open in the editor, the config file shows its own mistakes.
      await client.open(configUri, broken);
      const configDiagnostics = await client.waitForDiagnostics(configUri);
      assert.ok(configDiagnostics.diagnostics.length >= 1, JSON.stringify(configDiagnostics));
      // Unparsable YAML: still no crash, and the manifest is analysed with what remains.
      const garbage = 'rules: [\n  : : :\n';
      await client.change(configUri, 2, [{ text: garbage }]);
      await client.waitForDiagnostics(configUri, (p) => p.version === 2 && p.diagnostics.length > 0);
      writeFileSync(config, garbage);
      await client.filesChanged([{ uri: configUri, type: FileChangeType.Changed }]);
      const last = await client.waitForDiagnostics(uri);
      assert.ok(last.diagnostics.length > 0);
    } finally {
      await client.stop();
    }
  });

  test('a workspace folder deleted during a scan: the scan finishes or cancels with a summary, and the server lives on', async () => {
    const root = scratch();
    const folder = path.join(root, 'ws');
    mkdirSync(folder);
    for (let i = 0; i < 400; i++) writeFileSync(path.join(folder, `pod-${i}.yaml`), POD().replace('name: web', `name: web-${i}`));
    const client = await LspClient.start({ settings: { profile: 'all' }, workspaceFolders: [pathToFileURL(folder).href] });
    try {
      const scan = client.executeCommand<ScanSummary>(ServerCommands.scanWorkspace);
      setTimeout(() => rmSync(folder, { recursive: true, force: true }), 5);
      const summary = await scan;
      assert.equal(typeof summary.filesScanned, 'number');
      assert.equal(typeof summary.cancelled, 'boolean');
      assert.ok(!existsSync(folder));
      // Rescanning the vanished folder is an ordinary empty scan.
      const again = await client.executeCommand<ScanSummary>(ServerCommands.scanFolder, [pathToFileURL(folder).href]);
      assert.equal(again.filesScanned, 0);
      await client.open('file:///robust/alive.yaml', POD());
      await client.waitForDiagnostics('file:///robust/alive.yaml');
    } finally {
      await client.stop();
    }
  });
});

describe('a rule that throws', () => {
  test('is isolated: logged once with its id, the other rules still publish', async () => {
    const client = await LspClient.start({
      settings: { profile: 'all', rules: onlyRules('privileged', 'run-as-non-root', 'image-digest') },
      env: { [THROWING_RULE_ENV]: 'privileged' },
    });
    try {
      for (const name of ['a', 'b', 'c']) {
        const uri = `file:///robust/throw-${name}.yaml`;
        await client.open(uri, POD());
        const published = await client.waitForDiagnostics(uri);
        const codes = published.diagnostics.map((d) => d.code);
        assert.ok(codes.includes('run-as-non-root') && codes.includes('image-digest'), JSON.stringify(codes));
        assert.ok(!codes.includes('privileged'));
      }
      const failures = client.logs.filter((log) => log.type === 1 && log.message.includes('"privileged"'));
      assert.equal(failures.length, 1, JSON.stringify(client.logs));
      assert.match(failures[0]!.message, /Rule "privileged" failed/);
    } finally {
      await client.stop();
    }
  });

  test('without the environment variable, no rule is wrapped', async () => {
    const client = await LspClient.start({ settings: { profile: 'all', rules: onlyRules('privileged') } });
    try {
      await client.open('file:///robust/no-hook.yaml', POD());
      const published = await client.waitForDiagnostics('file:///robust/no-hook.yaml');
      assert.ok(published.diagnostics.some((d) => d.code === 'privileged'));
      assert.ok(!client.logs.some((log) => log.message.includes(THROWING_RULE_ENV)));
    } finally {
      await client.stop();
    }
  });
});

/** Every file below `dir` that an editor would open as YAML. */
function manifests(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) out.push(...manifests(file));
    else if (/\.(ya?ml|json)$/.test(entry)) out.push(file);
  }
  return out.sort();
}

/**
 * Loaded with `node -r` before the server: records every attempt to open a network connection or
 * resolve a name. stdio is pipes, not sockets the server connects, so it is not recorded.
 */
const PRELOAD = `
const fs = require('node:fs');
const out = process.env.KUBEWARD_NET_LOG;
const record = (what) => { try { fs.appendFileSync(out, what + '\\n'); } catch {} };
const net = require('node:net');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) { record('net.connect ' + JSON.stringify(args[0] && typeof args[0] === 'object' ? { host: args[0].host, port: args[0].port, path: args[0].path } : args[0])); return connect.apply(this, args); };
for (const name of ['http', 'https']) {
  const mod = require('node:' + name);
  const request = mod.request, get = mod.get;
  mod.request = function (...args) { record(name + '.request'); return request.apply(this, args); };
  mod.get = function (...args) { record(name + '.get'); return get.apply(this, args); };
}
const dns = require('node:dns');
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
  const original = dns[name];
  dns[name] = function (...args) { record('dns.' + name); return original.apply(this, args); };
}
const tls = require('node:tls');
const tlsConnect = tls.connect;
tls.connect = function (...args) { record('tls.connect'); return tlsConnect.apply(this, args); };
record('preload loaded');
`;

describe('no network while analysing', () => {
  test('every fixture and corpus file: opened, hovered and asked for code actions, with no socket opened', { timeout: 240_000 }, async () => {
    const dir = scratch();
    const preload = path.join(dir, 'record-network.js');
    const log = path.join(dir, 'network.log');
    writeFileSync(preload, PRELOAD);
    const files = [...manifests(path.join(REPO_ROOT, 'test', 'fixtures')), ...manifests(path.join(REPO_ROOT, '..', 'shared', 'corpus'))];
    assert.ok(files.length > 50, `fixtures found: ${files.length}`);
    const client = await LspClient.start({ settings: { profile: 'all' }, execArgv: ['-r', preload], env: { KUBEWARD_NET_LOG: log } });
    try {
      let hovers = 0;
      for (const file of files) {
        const uri = pathToFileURL(file).href;
        const text = readFileSync(file, 'utf8');
        await client.open(uri, text);
        const published = await client.waitForDiagnostics(uri);
        const actions = await client.codeActions(uri, WHOLE, published.diagnostics);
        await client.codeActions(uri, WHOLE, published.diagnostics, [FIX_ALL_KIND]);
        for (const diagnostic of published.diagnostics.slice(0, 3)) {
          await client.hover(uri, diagnostic.range.start);
          hovers++;
        }
        // Resolving a whole-file fix is local work too; a digest pin is the one exception, and it is not resolved here.
        const fixAll = actions.find((a) => (a.data as { kubeward?: string } | undefined)?.kubeward === 'fix-all');
        if (fixAll) await client.resolveCodeAction(fixAll);
        await client.close(uri);
      }
      assert.ok(hovers > 0);
      const recorded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
      assert.deepEqual(recorded, ['preload loaded'], `network use while analysing ${files.length} files:\n${recorded.join('\n')}`);
      console.log(`# no-network check: ${files.length} files, ${hovers} hovers, 0 connections`);
    } finally {
      await client.stop();
    }
  });
});
