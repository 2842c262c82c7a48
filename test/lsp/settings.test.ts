import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient, onlyRules } from '../harness/lsp-client';

// Baseline: privileged, image-latest-tag. Restricted adds privilege-escalation, run-as-non-root
// and read-only-root-filesystem.
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:latest
    securityContext:
      privileged: true
`;

/** The catalog's other rules are off so that these expectations stay exact as it grows. */
const RULES = onlyRules('image-latest-tag', 'privilege-escalation', 'privileged', 'read-only-root-filesystem', 'run-as-non-root');

const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((d) => String(d.code)).sort();
const codesAre = (expected: string[]) => (params: PublishDiagnosticsParams) => JSON.stringify(codes(params)) === JSON.stringify(expected);

describe('settings', () => {
  let client: LspClient;
  const uri = 'file:///ws/settings/pod.yaml';

  before(async () => {
    client = await LspClient.start({ settings: { rules: RULES } });
    await client.open(uri, POD);
  });

  after(() => client.kill());

  test('defaults: the restricted profile', async () => {
    const published = await client.waitForDiagnostics(uri);
    assert.deepEqual(codes(published), ['image-latest-tag', 'privilege-escalation', 'privileged', 'read-only-root-filesystem', 'run-as-non-root']);
  });

  test('settings are pulled per document, in the kubeward section', () => {
    // The only unscoped pull is the one at startup for kubeward.scanOnStartup.
    assert.deepEqual(client.configurationRequests.filter((r) => r.scopeUri !== undefined)[0], { scopeUri: uri, section: 'kubeward' });
    assert.deepEqual(client.configurationRequests.filter((r) => r.scopeUri === undefined), [{ section: 'kubeward' }]);
  });

  test('turning a rule off re-analyses open documents without reopening them', async () => {
    const pulls = client.configurationRequests.length;
    client.settings = { rules: { ...RULES, privileged: 'off' } };
    await client.configurationChanged();
    const published = await client.waitForDiagnostics(uri, (p) => !codes(p).includes('privileged'));
    assert.equal(published.version, 1);
    assert.deepEqual(codes(published), ['image-latest-tag', 'privilege-escalation', 'read-only-root-filesystem', 'run-as-non-root']);
    assert.ok(client.configurationRequests.length > pulls, 'the cached settings were dropped and pulled again');
  });

  test('profile baseline keeps only baseline rules', async () => {
    client.settings = { profile: 'baseline', rules: RULES };
    await client.configurationChanged();
    await client.waitForDiagnostics(uri, codesAre(['image-latest-tag', 'privileged']));
  });

  test('a severity override changes the diagnostic severity', async () => {
    client.settings = { profile: 'baseline', rules: { ...RULES, privileged: 'hint' } };
    await client.configurationChanged();
    const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'privileged' && d.severity === DiagnosticSeverity.Hint));
    assert.equal(published.diagnostics.find((d) => d.code === 'image-latest-tag')?.severity, DiagnosticSeverity.Warning);
  });

  test('kubeward.enable false silences the file', async () => {
    client.settings = { enable: false, rules: RULES };
    await client.configurationChanged();
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
  });

  test('a file over kubeward.maxFileSize gets no diagnostics, and the reason is logged', async () => {
    client.settings = { rules: RULES, maxFileSize: 100 };
    await client.configurationChanged();
    assert.deepEqual((await client.waitForDiagnostics(uri)).diagnostics, []);
    await client.waitForLog((log) => log.message.startsWith(uri) && log.message.includes('over the 100 bytes limit'));
  });

  test('a malformed setting is reported once and replaced by its default', async () => {
    const other = 'file:///ws/settings/other.yaml';
    await client.open(other, POD);
    client.settings = { profile: 'paranoid', rules: RULES };
    await client.configurationChanged();
    const restricted = ['image-latest-tag', 'privilege-escalation', 'privileged', 'read-only-root-filesystem', 'run-as-non-root'];
    await client.waitForDiagnostics(uri, codesAre(restricted));
    await client.waitForDiagnostics(other, codesAre(restricted));
    await client.waitForLog((log) => log.message.includes('Unknown profile "paranoid"'));
    // Both documents pulled the same bad settings; the user hears about it once.
    assert.equal(client.logs.filter((log) => log.message.includes('Unknown profile "paranoid"')).length, 1);
  });
});
