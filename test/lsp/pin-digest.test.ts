import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { CancellationTokenSource, MessageType, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { ClientNotifications } from '../../server/src/protocol';
import { applyTextEdits, editsFor, LspClient, onlyRules, positionOf } from '../harness/lsp-client';
import { opensslAvailable } from '../harness/registry/certs';
import { dockerRegistrySkipReason, startDockerRegistry, type RunningRegistry } from '../harness/registry/docker-registry';
import { pushImage, pushIndex, type PushedManifest } from '../harness/registry/push';
import { startTokenIssuer, type TokenIssuer } from '../harness/registry/token-issuer';
import { freePort, scratchDir } from '../harness/registry/util';

/**
 * "Pin image digest" through the built server against Debian's docker-registry on 127.0.0.1. The
 * images name the local registry explicitly (`127.0.0.1:<port>/library/nginx:1.27`); the server is
 * allowed plain HTTP to it only through kubeward.registry.insecureHosts, as a user would.
 */
const SKIP = dockerRegistrySkipReason() ?? (opensslAvailable() ? undefined : 'openssl is not installed, so the LSP real-registry tests are SKIPPED; run `bash scripts/ci-registry-deps.sh`');
if (SKIP) console.log(`# ${SKIP}`);
const TEST = { timeout: 20_000 };
const RULES = onlyRules('image-digest', 'image-latest-tag');

let scratch: { path: string; dispose(): Promise<void> } | undefined;
let open: RunningRegistry | undefined;
let secured: RunningRegistry | undefined;
let issuer: TokenIssuer | undefined;
/** Accepts connections and never answers: a registry that is too slow. */
let hanging: net.Server | undefined;
const held: net.Socket[] = [];
let slowHost = '';
let deadHost = '';
const pushed: Record<string, PushedManifest> = {};

/** A TCP server that counts connections and answers nothing. */
async function countingServer(): Promise<{ server: net.Server; host: string; connections: () => number }> {
  let count = 0;
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => {
    count++;
    sockets.push(socket);
    socket.on('error', () => undefined);
  });
  server.on('close', () => sockets.forEach((s) => s.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { server, host: `127.0.0.1:${port}`, connections: () => count };
}

function pod(images: readonly string[]): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: web # the front end',
    'spec:',
    '  containers:',
    ...images.flatMap((image, i) => [`  - name: c${i}`, `    image: ${image}`]),
    '',
  ].join('\n');
}

let counter = 0;
function nextUri(): string {
  return `file:///tmp/kubeward-pin-test/pod-${++counter}.yaml`;
}

/** The pin action on the line of `needle`, as a VS Code lightbulb would list it. */
async function pinAction(client: LspClient, uri: string, text: string, needle: string): Promise<CodeAction> {
  const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'image-digest'));
  const line = positionOf(text, needle).line;
  const diagnostic = published.diagnostics.find((d: Diagnostic) => d.code === 'image-digest' && d.range.start.line === line);
  assert.ok(diagnostic, `an image-digest diagnostic on line ${line}: ${JSON.stringify(published.diagnostics)}`);
  const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
  const action = actions.find((a) => (a.data as { kubeward?: string } | undefined)?.kubeward === 'pin-digest');
  assert.ok(action, `a pin action among ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.equal(action.edit, undefined, 'the lightbulb request carries no edit: nothing was looked up');
  return action;
}

/** Opens a pod with `images`, asks for the pin of `needle`'s image and resolves it. */
async function pin(client: LspClient, images: readonly string[], needle: string, token?: CancellationTokenSource) {
  const uri = nextUri();
  const text = pod(images);
  await client.open(uri, text);
  const action = await pinAction(client, uri, text, needle);
  const messagesBefore = client.messages.length;
  const resolved = await client.resolveCodeAction(action, token?.token);
  const { edits, version } = editsFor(resolved.edit, uri);
  return { uri, text, action, resolved, edits, version, after: applyTextEdits(text, edits), messages: client.messages.slice(messagesBefore) };
}

describe('pin image digest: no request without the user', () => {
  test('opening, editing, hovering and listing code actions make no connection; resolving does', TEST, async () => {
    const counting = await countingServer();
    const client = await LspClient.start({ settings: { profile: 'all', rules: RULES, registry: { insecureHosts: [counting.host], timeout: 300 } } });
    try {
      const uri = nextUri();
      const images = [`${counting.host}/library/nginx:1.27`, `${counting.host}/library/redis:latest`, `${counting.host}/team/app`];
      const text = pod(images);
      await client.open(uri, text);
      await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
      const edited = text.replace('1.27', '1.28');
      await client.change(uri, 2, [{ text: edited }]);
      const published = await client.waitForDiagnostics(uri, (p) => p.version === 2);
      for (const diagnostic of published.diagnostics) {
        await client.hover(uri, diagnostic.range.start);
        const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
        assert.ok(actions.every((a) => a.edit === undefined || (a.data as { kubeward?: string } | undefined)?.kubeward !== 'pin-digest'));
      }
      const whole = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };
      await client.codeActions(uri, whole, published.diagnostics);
      await client.codeActions(uri, whole, published.diagnostics, ['source.fixAll.kubeward']);
      await client.hover(uri, positionOf(edited, 'nginx'));
      assert.equal(counting.connections(), 0, 'no connection before the user picks the fix');
      // The counter works: picking the fix is what connects (the server never answers: a timeout).
      const action = (await client.codeActions(uri, published.diagnostics[0]!.range, [published.diagnostics[0]!])).find((a) => a.title.startsWith('Pin image'));
      assert.ok(action);
      const resolved = await client.resolveCodeAction(action);
      assert.equal(resolved.edit, undefined);
      assert.ok(counting.connections() > 0);
    } finally {
      await client.stop();
      counting.server.close();
    }
  });

  test('a client that cannot resolve edits lazily is not offered the pin', TEST, async () => {
    const client = await LspClient.start({ settings: { profile: 'all', rules: RULES }, resolveEdit: false });
    try {
      const uri = nextUri();
      const text = pod(['127.0.0.1:9/library/nginx:1.27']);
      await client.open(uri, text);
      const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
      const actions = await client.codeActions(uri, published.diagnostics[0]!.range, published.diagnostics);
      assert.ok(actions.every((a) => !a.title.startsWith('Pin image')), JSON.stringify(actions.map((a) => a.title)));
    } finally {
      await client.stop();
    }
  });
});

describe('pin image digest against a real registry', { skip: SKIP ?? false, timeout: 180_000 }, () => {
  let client: LspClient;
  const baseSettings = () => ({ profile: 'all', rules: RULES, registry: { insecureHosts: [open!.host, secured!.host, issuer!.host, slowHost, deadHost], timeout: 3000 } });

  before(async () => {
    scratch = await scratchDir('kubeward-lsp-registry-');
    const dir = scratch.path;
    const startOpen = async () => {
      open = await startDockerRegistry({ dir });
      pushed['oci'] = await pushImage(open.url, 'library/nginx', '1.27', { format: 'oci' });
      pushed['docker'] = await pushImage(open.url, 'team/app', 'docker', { format: 'docker' });
      const amd64 = await pushImage(open.url, 'team/multi', undefined, { format: 'oci', architecture: 'amd64' });
      const arm64 = await pushImage(open.url, 'team/multi', undefined, { format: 'oci', architecture: 'arm64' });
      pushed['index'] = await pushIndex(open.url, 'team/multi', 'multi', [
        { manifest: amd64, architecture: 'amd64' },
        { manifest: arm64, architecture: 'arm64' },
      ]);
      pushed['platform'] = amd64;
    };
    const startSecured = async () => {
      issuer = await startTokenIssuer({ dir, users: { robot: 's3cret' }, privateRepositories: ['private/app'] });
      secured = await startDockerRegistry({ dir, auth: { realm: issuer.realm, service: issuer.service, issuer: issuer.issuer, rootCertBundle: issuer.cert.certPath } });
      for (const repository of ['team/app', 'private/app']) {
        const authorization = `Bearer ${issuer.mint(repository, ['pull', 'push'])}`;
        pushed[`secured:${repository}`] = await pushImage(secured.url, repository, '1.0', { format: 'oci', content: repository }, { authorization });
      }
      issuer.requests.length = 0;
    };
    await Promise.all([startOpen(), startSecured()]);
    hanging = net.createServer((socket) => {
      held.push(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => hanging!.listen(0, '127.0.0.1', resolve));
    slowHost = `127.0.0.1:${(hanging.address() as net.AddressInfo).port}`;
    deadHost = `127.0.0.1:${await freePort()}`;
    client = await LspClient.start({ settings: baseSettings() });
  }, { timeout: 90_000 });

  after(async () => {
    await client?.stop();
    held.forEach((s) => s.destroy());
    hanging?.close();
    await Promise.all([open?.stop(), secured?.stop(), issuer?.close()]);
    await scratch?.dispose();
  }, { timeout: 60_000 });

  test('an OCI manifest: repo:tag@digest, keeping the tag, quotes and comments', TEST, async () => {
    const image = `${open!.host}/library/nginx:1.27`;
    const result = await pin(client, [`"${image}" # pinned by CI`, 'busybox:1.36'], 'nginx');
    assert.equal(result.action.title, `Pin image "${image}" to its registry digest`);
    assert.equal(result.version, 1, 'the edit is for the version the look-up was made for');
    assert.equal(result.after, result.text.replace(`"${image}"`, `"${image}@${pushed['oci']!.digest}"`));
    assert.match(result.after, /# pinned by CI/);
    assert.match(result.after, /# the front end/);
    assert.deepEqual(result.messages, []);
  });

  test('a Docker v2 manifest, in single quotes', TEST, async () => {
    const image = `${open!.host}/team/app:docker`;
    const result = await pin(client, [`'${image}'`], 'team/app');
    assert.equal(result.after, result.text.replace(image, `${image}@${pushed['docker']!.digest}`));
  });

  test('a multi-arch index: the index digest, not a platform digest', TEST, async () => {
    const image = `${open!.host}/team/multi:multi`;
    const result = await pin(client, [image], 'team/multi');
    assert.equal(result.after, result.text.replace(image, `${image}@${pushed['index']!.digest}`));
    assert.ok(!result.after.includes(pushed['platform']!.digest));
  });

  test('the token-auth registry: the bearer challenge is followed', TEST, async () => {
    issuer!.requests.length = 0;
    const image = `${secured!.host}/team/app:1.0`;
    const result = await pin(client, [image], 'team/app');
    assert.equal(result.after, result.text.replace(image, `${image}@${pushed['secured:team/app']!.digest}`));
    assert.ok(issuer!.requests.length > 0, 'a token was fetched');
  });

  test('kubeward.registry.dropTag drops the tag', TEST, async () => {
    client.settings = { ...baseSettings(), registry: { ...baseSettings().registry, dropTag: true } };
    await client.configurationChanged();
    try {
      const result = await pin(client, [`${open!.host}/library/nginx:1.27`], 'nginx');
      assert.match(result.action.title, /drop the tag/);
      assert.equal(result.after, result.text.replace(`${open!.host}/library/nginx:1.27`, `${open!.host}/library/nginx@${pushed['oci']!.digest}`));
    } finally {
      client.settings = baseSettings();
      await client.configurationChanged();
    }
  });

  test('an unknown tag: an error message, and no edit', TEST, async () => {
    const result = await pin(client, [`${open!.host}/library/nginx:0.0.0`], 'nginx');
    assert.equal(result.resolved.edit, undefined);
    const message = await client.waitForMessage((m) => m.type === MessageType.Error && m.message.includes('0.0.0'));
    assert.match(message.message, /has no tag "0\.0\.0"/);
  });

  test('an unreachable registry: an error message, and no edit', TEST, async () => {
    const result = await pin(client, [`${deadHost}/library/nginx:1.27`], 'nginx');
    assert.equal(result.resolved.edit, undefined);
    const message = await client.waitForMessage((m) => m.type === MessageType.Error && m.message.includes(deadHost));
    assert.ok(message.message.length > 20, message.message);
  });

  test('a slow registry: a timeout error within kubeward.registry.timeout', TEST, async () => {
    client.settings = { ...baseSettings(), registry: { ...baseSettings().registry, timeout: 400 } };
    await client.configurationChanged();
    try {
      const started = Date.now();
      const result = await pin(client, [`${slowHost}/library/nginx:1.27`], 'nginx');
      assert.equal(result.resolved.edit, undefined);
      assert.ok(Date.now() - started < 5000, 'the small timeout applied');
      const message = await client.waitForMessage((m) => m.type === MessageType.Error && m.message.includes(slowHost));
      assert.match(message.message, /time|took|seconds|ms/i);
    } finally {
      client.settings = baseSettings();
      await client.configurationChanged();
    }
  });

  test('a cancelled resolve ($/cancelRequest) ends the look-up without an edit or an error message', TEST, async () => {
    const source = new CancellationTokenSource();
    const uri = nextUri();
    const text = pod([`${slowHost}/team/app:2.0`]);
    await client.open(uri, text);
    const action = await pinAction(client, uri, text, 'team/app');
    const before = client.messages.length;
    const pending = client.resolveCodeAction(action, source.token).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    setTimeout(() => source.cancel(), 100);
    const started = Date.now();
    const outcome = await pending;
    assert.ok(Date.now() - started < 2500, 'cancellation did not wait for the 3 s timeout');
    if ('value' in outcome) assert.equal(outcome.value.edit, undefined);
    assert.equal(client.messages.slice(before).filter((m) => m.type === MessageType.Error).length, 0);
    // The server is still there.
    assert.ok(await client.hover(uri, positionOf(text, 'team/app')) !== undefined);
  });

  test('a plain-HTTP host that is not listed: the error names kubeward.registry.insecureHosts', TEST, async () => {
    client.settings = { profile: 'all', rules: RULES, registry: { insecureHosts: [], timeout: 3000 } };
    await client.configurationChanged();
    try {
      const result = await pin(client, [`${open!.host}/library/nginx:1.27`], 'nginx');
      assert.equal(result.resolved.edit, undefined);
      const message = await client.waitForMessage((m) => m.type === MessageType.Error && m.message.includes('kubeward.registry.insecureHosts'));
      assert.ok(message.message.includes(open!.host));
    } finally {
      client.settings = baseSettings();
      await client.configurationChanged();
    }
  });

  test('a document edited since the lightbulb: no look-up result is applied to it', TEST, async () => {
    const uri = nextUri();
    const text = pod([`${open!.host}/library/nginx:1.27`]);
    await client.open(uri, text);
    const action = await pinAction(client, uri, text, 'nginx');
    await client.change(uri, 2, [{ text: `# a new first line\n${text}` }]);
    const resolved = await client.resolveCodeAction(action);
    assert.equal(resolved.edit, undefined);
    await client.close(uri);
    // Closed: still a graceful answer.
    assert.equal((await client.resolveCodeAction(action)).edit, undefined);
  });

  test('a credential helper in the Docker config: public images pin with a notice, private ones say why not', TEST, async () => {
    const dockerDir = join(scratch!.path, 'docker-helper');
    mkdirSync(dockerDir, { recursive: true });
    writeFileSync(join(dockerDir, 'config.json'), JSON.stringify({ auths: { [secured!.host]: {} }, credHelpers: { [secured!.host]: 'pass' } }));
    const helperClient = await LspClient.start({
      settings: { ...baseSettings(), registry: { ...baseSettings().registry, useDockerConfig: true } },
      env: { DOCKER_CONFIG: dockerDir },
    });
    try {
      const publicImage = await pin(helperClient, [`${secured!.host}/team/app:1.0`], 'team/app');
      assert.ok(publicImage.resolved.edit);
      await helperClient.waitForMessage((m) => m.type === MessageType.Info && /credential helper/.test(m.message));
      const privateImage = await pin(helperClient, [`${secured!.host}/private/app:1.0`], 'private/app');
      assert.equal(privateImage.resolved.edit, undefined);
      await helperClient.waitForMessage((m) => m.type === MessageType.Error && /credential helper/.test(m.message) && m.message.includes('private/app'));
    } finally {
      await helperClient.stop();
    }
  });

  test("Restricted Mode: the repository's .kubeward.yaml cannot list the insecure host; trusting the workspace can", TEST, async () => {
    const root = join(scratch!.path, 'untrusted');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, '.kubeward.yaml'), `registry:\n  insecureHosts: ["${open!.host}"]\n`);
    const folder = pathToFileURL(root).href;
    const restricted = await LspClient.start({
      settings: { profile: 'all', rules: RULES, registry: { timeout: 3000 } },
      workspaceFolders: [folder],
      initializationOptions: { workspaceTrusted: false },
    });
    try {
      const uri = pathToFileURL(join(root, 'pod.yaml')).href;
      const image = `${open!.host}/library/nginx:1.27`;
      const text = pod([image]);
      writeFileSync(join(root, 'pod.yaml'), text);
      await restricted.open(uri, text);
      const action = await pinAction(restricted, uri, text, 'nginx');
      assert.equal((await restricted.resolveCodeAction(action)).edit, undefined);
      await restricted.waitForMessage((m) => m.type === MessageType.Error && m.message.includes('kubeward.registry.insecureHosts'));
      await restricted.notify(ClientNotifications.workspaceTrusted);
      await restricted.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
      const trusted = await pinAction(restricted, uri, text, 'nginx');
      const { edits } = editsFor((await restricted.resolveCodeAction(trusted)).edit, uri);
      assert.equal(applyTextEdits(text, edits), text.replace(image, `${image}@${pushed['oci']!.digest}`));
    } finally {
      await restricted.stop();
    }
  });
});
