import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ClientNotifications, ServerRequests } from '../../server/src/protocol';
import type { RegistrySettings } from '../../server/src/lsp/settings';
import { LspClient } from '../harness/lsp-client';

interface Effective {
  readonly trusted: boolean;
  readonly excluded: boolean;
  readonly registry: RegistrySettings;
  readonly settings: { readonly profile: string };
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: registry.internal:5000/app:1.0\n';

describe('Workspace Trust', () => {
  let root: string;
  const uriOf = (relative: string) => pathToFileURL(path.join(root, relative)).href;
  const clients: LspClient[] = [];
  const start = async (workspaceTrusted?: boolean) => {
    const client = await LspClient.start({
      workspaceFolders: [pathToFileURL(root).href],
      settings: { registry: { insecureHosts: ['user.example:5000'], useDockerConfig: true } },
      ...(workspaceTrusted !== undefined ? { initializationOptions: { workspaceTrusted } } : {}),
    });
    clients.push(client);
    return client;
  };
  const effective = (client: LspClient) => client.request<Effective>(ServerRequests.documentSettings, { uri: uriOf('app/pod.yaml') });

  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-trust-')));
    fs.mkdirSync(path.join(root, 'app'));
    fs.writeFileSync(path.join(root, 'app/pod.yaml'), POD);
    fs.writeFileSync(path.join(root, '.kubeward.yaml'), 'profile: baseline\nregistry:\n  insecureHosts: ["registry.internal:5000"]\n');
  });

  after(() => {
    for (const client of clients) client.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test("in Restricted Mode the repository's .kubeward.yaml cannot add insecure registry hosts; analysis settings still apply", async () => {
    const client = await start(false);
    const result = await effective(client);
    assert.equal(result.trusted, false);
    // What the client hands over is the user's (VS Code withholds workspace values of restricted settings).
    assert.deepEqual(result.registry, { insecureHosts: ['user.example:5000'], useDockerConfig: true, timeoutMs: 5000, dropTag: false });
    assert.equal(result.settings.profile, 'baseline', 'the rest of the config file applies');
    await client.open(uriOf('app/pod.yaml'), POD);
    await client.waitForDiagnostics(uriOf('app/pod.yaml'));
  });

  test('granting trust takes the repository hosts into account without a restart', async () => {
    const client = await start(false);
    assert.equal((await effective(client)).registry.insecureHosts.length, 1);
    await client.notify(ClientNotifications.workspaceTrusted);
    const result = await effective(client);
    assert.equal(result.trusted, true);
    assert.deepEqual(result.registry.insecureHosts, ['user.example:5000', 'registry.internal:5000']);
  });

  test('clients without Workspace Trust are trusted', async () => {
    const client = await start();
    const result = await effective(client);
    assert.equal(result.trusted, true);
    assert.deepEqual(result.registry.insecureHosts, ['user.example:5000', 'registry.internal:5000']);
  });
});
