import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { FileChangeType, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient, onlyRules } from '../harness/lsp-client';

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

const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((d) => String(d.code)).sort();

describe('repository config file (.kubeward.yaml) and kubeward.exclude', () => {
  let client: LspClient;
  let root: string;
  const uriOf = (relative: string) => pathToFileURL(path.join(root, relative)).href;
  const configPath = () => path.join(root, '.kubeward.yaml');

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-lsp-')));
    fs.writeFileSync(configPath(), 'rules:\n  privileged: off\nexclude: ["generated/**"]\n');
    client = await LspClient.start({
      workspaceFolders: [pathToFileURL(root).href],
      settings: { rules: onlyRules('image-latest-tag', 'privileged'), exclude: ['vendor/**'] },
    });
  });

  after(() => {
    client.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('the server watches config files, and YAML files for the workspace scan', async () => {
    const registration = await client.waitForRegistration('workspace/didChangeWatchedFiles');
    assert.deepEqual(registration.registerOptions, { watchers: [{ globPattern: '**/{.kubeward.yaml,.kubeward.yml}' }, { globPattern: '**/*.{yaml,yml}' }] });
  });

  test("the repository's config file applies over the editor settings", async () => {
    const uri = uriOf('apps/pod.yaml');
    await client.open(uri, POD);
    assert.deepEqual(codes(await client.waitForDiagnostics(uri)), ['image-latest-tag']);
  });

  test("files matching the config file's exclude, or the editor's, are not analysed", async () => {
    for (const relative of ['generated/pod.yaml', 'vendor/pod.yaml']) {
      const uri = uriOf(relative);
      await client.open(uri, POD);
      assert.deepEqual((await client.waitForDiagnostics(uri)).diagnostics, [], relative);
    }
  });

  test('editing the config file on disk re-analyses open documents', async () => {
    fs.writeFileSync(configPath(), 'profile: baseline\n');
    await client.filesChanged([{ uri: pathToFileURL(configPath()).href, type: FileChangeType.Changed }]);
    await client.waitForDiagnostics(uriOf('apps/pod.yaml'), (p) => codes(p).join() === 'image-latest-tag,privileged');
    await client.waitForDiagnostics(uriOf('generated/pod.yaml'), (p) => p.diagnostics.length === 2);
  });

  test('a mistake in the config file is logged with its line, and the rest still applies', async () => {
    fs.writeFileSync(configPath(), 'exclude: ["apps/**"]\nrules:\n  privileged: sometimes\n');
    await client.filesChanged([{ uri: pathToFileURL(configPath()).href, type: FileChangeType.Changed }]);
    await client.waitForLog((log) => log.message.startsWith(`${configPath()}:`) && log.message.includes('rules'));
    assert.ok(client.logs.some((log) => log.message.startsWith(`${configPath()}:3:`)), JSON.stringify(client.logs));
    // The invalid `rules` is dropped; the valid `exclude` still takes effect.
    await client.waitForDiagnostics(uriOf('apps/pod.yaml'), (p) => p.diagnostics.length === 0);
  });
});
