import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { LspClient, onlyRules, parseFrames, rangeOf } from '../harness/lsp-client';

const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      privileged: true
      allowPrivilegeEscalation: false
      runAsNonRoot: true
      readOnlyRootFilesystem: true
`;

/** The first six rules; the catalog's others are off so that these expectations stay exact. */
const SETTINGS = { rules: onlyRules('host-namespaces', 'image-latest-tag', 'privilege-escalation', 'privileged', 'read-only-root-filesystem', 'run-as-non-root', 'yaml-syntax') };

const codes = (diagnostics: { code?: string | number | undefined }[]) => diagnostics.map((d) => d.code).sort();

describe('diagnostics', () => {
  let client: LspClient;

  before(async () => {
    // An unknown rule id makes the server log a settings warning, which must travel as protocol.
    client = await LspClient.start({ settings: { rules: { ...SETTINGS.rules, 'no-such-rule': 'off' } } });
  });

  after(() => client.kill());

  test('advertises incremental sync', () => {
    const sync = client.initializeResult.capabilities.textDocumentSync;
    assert.equal(typeof sync === 'object' ? sync.change : sync, 2);
  });

  test('open: one diagnostic per finding, with code, range, docs link, severity and fix data', async () => {
    const uri = 'file:///ws/open.yaml';
    await client.open(uri, PRIVILEGED_POD);
    const published = await client.waitForDiagnostics(uri);
    assert.equal(published.version, 1);
    assert.equal(published.diagnostics.length, 1);
    const [diagnostic] = published.diagnostics;
    const valueRange = rangeOf(PRIVILEGED_POD, 'true');
    assert.deepEqual(diagnostic, {
      range: valueRange,
      severity: DiagnosticSeverity.Error,
      source: 'kubeward',
      code: 'privileged',
      codeDescription: { href: 'https://github.com/kubeward/kubeward/blob/main/docs/rules/privileged.md' },
      message: 'Container "app" in Pod "web" runs privileged, with full access to the host.',
      data: {
        ruleId: 'privileged',
        version: 1,
        fix: { title: 'Set privileged to false', safety: 'unsafe', edits: [{ range: valueRange, newText: 'false' }] },
      },
    });
  });

  test('incremental changes: diagnostics follow the edited text', async () => {
    const uri = 'file:///ws/change.yaml';
    await client.open(uri, PRIVILEGED_POD);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 1);

    await client.change(uri, 2, [{ range: rangeOf(PRIVILEGED_POD, 'true'), text: 'false' }]);
    const fixed = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(fixed.diagnostics, []);

    // Insert a line above the container: the server must place the edit where the client did.
    await client.change(uri, 3, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: '  hostPID: true\n' }]);
    const hostPid = await client.waitForDiagnostics(uri, (p) => p.version === 3);
    assert.deepEqual(
      hostPid.diagnostics.map((d) => [d.code, d.range]),
      [['host-namespaces', { start: { line: 5, character: 11 }, end: { line: 5, character: 15 } }]],
    );
  });

  test('close clears the diagnostics', async () => {
    const uri = 'file:///ws/close.yaml';
    await client.open(uri, PRIVILEGED_POD);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    await client.close(uri);
    const cleared = await client.waitForDiagnostics(uri);
    assert.deepEqual(cleared.diagnostics, []);
  });

  test('YAML that is not Kubernetes gets no diagnostics, even with a syntax error', async () => {
    const compose = 'services:\n  web:\n    image: nginx:latest\n    privileged: true\n';
    const workflow = 'on: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{run: echo hi}\n';
    await client.open('file:///ws/compose.yaml', compose);
    await client.open('file:///ws/workflow.yaml', workflow);
    assert.deepEqual((await client.waitForDiagnostics('file:///ws/compose.yaml')).diagnostics, []);
    assert.deepEqual((await client.waitForDiagnostics('file:///ws/workflow.yaml')).diagnostics, []);
  });

  test('a syntax error is one yaml-syntax diagnostic, and the other documents are still analysed', async () => {
    const uri = 'file:///ws/broken.yaml';
    const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: p\n---\n${PRIVILEGED_POD}`;
    await client.open(uri, text);
    const published = await client.waitForDiagnostics(uri);
    assert.deepEqual(codes(published.diagnostics), ['privileged', 'yaml-syntax']);
    const syntax = published.diagnostics.find((d) => d.code === 'yaml-syntax')!;
    // The parser notices the unclosed `{` where the first document ends, at its `---` line at the latest.
    assert.ok(syntax.range.start.line <= 3, 'the syntax error is reported in the first document');
    assert.equal(published.diagnostics.find((d) => d.code === 'privileged')!.range.start.line, 13);
  });

  test('template syntax: no diagnostics, and the reason is logged once per file', async () => {
    const uri = 'file:///ws/chart/templates/pod.yaml';
    const template = `{{- if .Values.enabled }}\n${PRIVILEGED_POD}{{- end }}\n`;
    await client.open(uri, template);
    assert.deepEqual((await client.waitForDiagnostics(uri)).diagnostics, []);
    await client.waitForLog((log) => log.message.includes(uri) && log.message.includes('template syntax'));

    await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
    assert.deepEqual((await client.waitForDiagnostics(uri, (p) => p.version === 2)).diagnostics, []);
    const logged = client.logs.filter((log) => log.message.includes(uri) && log.message.includes('template syntax'));
    assert.equal(logged.length, 1);
  });

  test('settings problems are logged through the protocol', async () => {
    await client.waitForLog((log) => log.message.includes('no-such-rule'));
  });

  test('the server writes nothing but protocol messages to stdout', async () => {
    const code = await client.stop();
    assert.equal(code, 0);
    const messages = parseFrames(Buffer.concat(client.stdout)) as { method?: string }[];
    assert.ok(messages.some((m) => m.method === 'textDocument/publishDiagnostics'));
    assert.ok(messages.some((m) => m.method === 'window/logMessage'));
  });
});

describe('debouncing', () => {
  test('only the newest version is published when edits come faster than the debounce', async () => {
    const client = await LspClient.start({ debounceMs: 150, settings: SETTINGS });
    try {
      const uri = 'file:///ws/typing.yaml';
      await client.open(uri, PRIVILEGED_POD);
      await client.waitForDiagnostics(uri, (p) => p.version === 1);
      // Type `false`, then back to `true`, and so on; version 6 ends on `false`.
      const value = rangeOf(PRIVILEGED_POD, 'true');
      let current = 'true';
      for (let version = 2; version <= 6; version++) {
        const next = current === 'true' ? 'false' : 'true';
        const range = { start: value.start, end: { line: value.start.line, character: value.start.character + current.length } };
        void client.change(uri, version, [{ range, text: next }]);
        current = next;
      }
      const last = await client.waitForDiagnostics(uri, (p) => p.version === 6);
      assert.deepEqual(last.diagnostics, []);
      assert.deepEqual(client.publishedFor(uri).map((p) => p.version), [1, 6]);
    } finally {
      client.kill();
    }
  });
});

describe('IPC transport', () => {
  test('the server also runs over --node-ipc, as VS Code starts it', async () => {
    const client = await LspClient.start({ transport: 'ipc', settings: SETTINGS });
    try {
      const uri = 'file:///ws/ipc.yaml';
      await client.open(uri, PRIVILEGED_POD);
      assert.deepEqual(codes((await client.waitForDiagnostics(uri)).diagnostics), ['privileged']);
      assert.equal(await client.stop(), 0);
    } finally {
      client.kill();
    }
  });
});
