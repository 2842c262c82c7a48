import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { analyzeText } from '../../server/src/engine/analyze';
import { applyEdits } from '../../server/src/engine/apply';
import { DEFAULT_SETTINGS } from '../../server/src/engine/config';
import { pinImages, RegistryResolver, unpinnedImages, type RegistryResolverOptions, type ResolveResult } from '../../server/src/registry';
import { MEDIA_TYPES } from '../../server/src/registry/resolver';
import { loopbackTlsCert, opensslAvailable, type CertPair } from '../harness/registry/certs';
import { startRecordingProxy, type RecordingProxy } from '../harness/registry/connect-proxy';
import { dockerRegistrySkipReason, startDockerRegistry, type RunningRegistry } from '../harness/registry/docker-registry';
import { installLoopbackGuard } from '../harness/registry/loopback-guard';
import { DOCKER_MANIFEST_LIST, pushImage, pushIndex, type PushedManifest } from '../harness/registry/push';
import { startTokenIssuer, type TokenIssuer } from '../harness/registry/token-issuer';
import { scratchDir } from '../harness/registry/util';

/**
 * The resolver against Debian's docker-registry (CNCF distribution 2.8) on 127.0.0.1, with images
 * pushed by the test: one anonymous registry, and one in `auth: token` mode behind a token issuer
 * the test runs. Skipped, loudly, when docker-registry is not installed.
 */
const guard = installLoopbackGuard();
const SKIP = dockerRegistrySkipReason() ?? (opensslAvailable() ? undefined : 'openssl is not installed, so the real-registry tests are SKIPPED; run `bash scripts/ci-registry-deps.sh`');
if (SKIP) console.log(`# ${SKIP}`);
const TEST = { timeout: 20_000 };
const SUITE = { skip: SKIP ?? false, timeout: 120_000 };

let scratch: { path: string; dispose(): Promise<void> } | undefined;
let open: RunningRegistry | undefined;
let secured: RunningRegistry | undefined;
let issuer: TokenIssuer | undefined;
let tlsCert: CertPair | undefined;
let overTls: RunningRegistry | undefined;
let proxy: RecordingProxy | undefined;
const pushed: Record<string, PushedManifest> = {};
const platform: Record<string, PushedManifest> = {};

before(async () => {
  if (SKIP) return;
  scratch = await scratchDir();
  const dir = scratch.path;
  // The two registries are independent; starting them side by side halves the setup time.
  const startOpen = async (): Promise<void> => {
    open = await startDockerRegistry({ dir });
    const url = open.url;
    pushed['oci'] = await pushImage(url, 'library/nginx', '1.27', { format: 'oci' });
    pushed['latest'] = await pushImage(url, 'library/nginx', 'latest', { format: 'oci', content: 'newer' });
    pushed['docker'] = await pushImage(url, 'team/app', 'docker', { format: 'docker' });
    platform['amd64'] = await pushImage(url, 'team/multi', undefined, { format: 'oci', architecture: 'amd64' });
    platform['arm64'] = await pushImage(url, 'team/multi', undefined, { format: 'oci', architecture: 'arm64' });
    pushed['index'] = await pushIndex(url, 'team/multi', 'multi', [
      { manifest: platform['amd64'], architecture: 'amd64' },
      { manifest: platform['arm64'], architecture: 'arm64' },
    ]);
    platform['docker-amd64'] = await pushImage(url, 'team/list', undefined, { format: 'docker', architecture: 'amd64' });
    platform['docker-arm64'] = await pushImage(url, 'team/list', undefined, { format: 'docker', architecture: 'arm64' });
    pushed['list'] = await pushIndex(
      url,
      'team/list',
      'v1',
      [
        { manifest: platform['docker-amd64'], architecture: 'amd64' },
        { manifest: platform['docker-arm64'], architecture: 'arm64' },
      ],
      {},
      DOCKER_MANIFEST_LIST,
    );
  };
  const startSecured = async (): Promise<void> => {
    issuer = await startTokenIssuer({
      dir,
      users: { robot: 's3cret' },
      refreshTokens: { 'refresh-1': 'robot' },
      privateRepositories: ['private/app'],
    });
    secured = await startDockerRegistry({
      dir,
      auth: { realm: issuer.realm, service: issuer.service, issuer: issuer.issuer, rootCertBundle: issuer.cert.certPath },
    });
    for (const [repository, tag] of [['team/app', '1.0'], ['team/app', '2.0'], ['team/other', '1.0'], ['private/app', '1.0']] as const) {
      const authorization = `Bearer ${issuer.mint(repository, ['pull', 'push'])}`;
      pushed[`${repository}:${tag}`] = await pushImage(secured.url, repository, tag, { format: 'oci', content: `${repository}:${tag}` }, { authorization });
    }
    issuer.requests.length = 0;
  };
  await Promise.all([startOpen(), startSecured()]);
  // The open registry's storage served again over real TLS, for the HTTPS-through-a-proxy path.
  tlsCert = await loopbackTlsCert(dir);
  overTls = await startDockerRegistry({ dir, storageDir: open!.storageDir, tls: { certificate: tlsCert.certPath, key: tlsCert.keyPath } });
  proxy = await startRecordingProxy();
}, { timeout: 60_000 });

after(async () => {
  await Promise.all([open?.stop(), secured?.stop(), overTls?.stop(), issuer?.close(), proxy?.close()]);
  await scratch?.dispose();
  assert.deepEqual(guard.violations, [], 'no test contacted a non-loopback address');
}, { timeout: 60_000 });

function expectOk(result: ResolveResult) {
  assert.ok(result.ok, result.ok ? '' : `${result.error.kind}: ${result.error.message}`);
  return result;
}

function expectError(result: ResolveResult, kind: string) {
  assert.ok(!result.ok, `expected ${kind}, got ${result.ok ? result.digest : ''}`);
  assert.equal(result.error.kind, kind, result.error.message);
  return result.error;
}

function openResolver(options: RegistryResolverOptions = {}): RegistryResolver {
  return new RegistryResolver({ env: {}, insecureHosts: [open!.host], ...options });
}

function securedResolver(options: RegistryResolverOptions = {}): RegistryResolver {
  return new RegistryResolver({ env: {}, insecureHosts: [secured!.host, issuer!.host], ...options });
}

describe('real registry: each manifest type', SUITE, () => {
  test('OCI image manifest (HEAD needs the full Accept list for it)', TEST, async () => {
    const result = expectOk(await openResolver().resolve(`${open!.host}/library/nginx:1.27`));
    assert.equal(result.digest, pushed['oci']!.digest);
    assert.equal(result.mediaType, MEDIA_TYPES.ociManifest);
    assert.equal(result.source, 'header');
    assert.equal(result.multiArch, false);
  });

  test('Docker v2 manifest', TEST, async () => {
    const result = expectOk(await openResolver().resolve(`${open!.host}/team/app:docker`));
    assert.equal(result.digest, pushed['docker']!.digest);
    assert.equal(result.mediaType, MEDIA_TYPES.dockerManifest);
  });

  test('multi-arch OCI index: the index digest, not a platform digest', TEST, async () => {
    const result = expectOk(await openResolver().resolve(`${open!.host}/team/multi:multi`));
    assert.equal(result.digest, pushed['index']!.digest);
    assert.notEqual(result.digest, platform['amd64']!.digest);
    assert.notEqual(result.digest, platform['arm64']!.digest);
    assert.equal(result.mediaType, MEDIA_TYPES.ociIndex);
    assert.equal(result.multiArch, true);
  });

  test('Docker manifest list: the list digest', TEST, async () => {
    const result = expectOk(await openResolver().resolve(`${open!.host}/team/list:v1`));
    assert.equal(result.digest, pushed['list']!.digest);
    assert.equal(result.mediaType, MEDIA_TYPES.dockerManifestList);
    assert.equal(result.multiArch, true);
  });

  test('verified by GET too', TEST, async () => {
    const result = expectOk(await openResolver({ verifyDigest: true }).resolve(`${open!.host}/team/multi:multi`));
    assert.equal(result.digest, pushed['index']!.digest);
    assert.equal(result.source, 'computed');
  });

  test('Docker Hub names: nginx:1.27 is library/nginx', TEST, async () => {
    const result = expectOk(await openResolver({ endpoint: (registry) => (registry === 'docker.io' ? open!.url : undefined) }).resolve('nginx:1.27'));
    assert.equal(result.digest, pushed['oci']!.digest);
  });

  test('unknown tag and unknown repository', TEST, async () => {
    const resolver = openResolver();
    const error = expectError(await resolver.resolve(`${open!.host}/library/nginx:0.0.0`), 'tag-not-found');
    assert.match(error.message, /has no tag "0\.0\.0" for library\/nginx/);
    expectError(await resolver.resolve(`${open!.host}/nobody/here:1`), 'tag-not-found');
  });
});

describe('real registry over HTTPS', SUITE, () => {
  test('through an HTTPS_PROXY CONNECT tunnel, and directly with NO_PROXY', TEST, async () => {
    const image = `${overTls!.host}/team/multi:multi`;
    const options = { extraCaCertificates: [tlsCert!.certPem] };
    const proxied = expectOk(await new RegistryResolver({ ...options, env: { HTTPS_PROXY: proxy!.url } }).resolve(image));
    assert.equal(proxied.digest, pushed['index']!.digest);
    assert.deepEqual(proxy!.tunnels, [overTls!.host]);
    const direct = expectOk(await new RegistryResolver({ ...options, env: { HTTPS_PROXY: proxy!.url, NO_PROXY: '127.0.0.1' } }).resolve(image));
    assert.equal(direct.digest, pushed['index']!.digest);
    assert.deepEqual(proxy!.tunnels, [overTls!.host], 'NO_PROXY: no second tunnel');
  });
});

describe('real registry: pinning a manifest', SUITE, () => {
  test('pins every unpinned image, keeps comments and layout, leaves failures alone', TEST, async () => {
    const host = open!.host;
    const text = [
      '# web tier -- reviewed by security',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web  # owned by team-a',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '      - name: web',
      `        image: "${host}/library/nginx:latest"   # TODO pin`,
      '      - name: sidecar',
      `        image: ${host}/team/app:docker`,
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: multi}',
      'spec:',
      `  containers: [{name: m, image: '${host}/team/multi:multi'}]`,
      '  initContainers:',
      '  - name: missing',
      `    image: ${host}/team/app:does-not-exist # stays as written`,
      '',
    ].join('\n');
    const before = analyzeText(text, { settings: DEFAULT_SETTINGS });
    assert.ok(before.findings.some((f) => f.ruleId === 'image-latest-tag'), 'the latest tag is flagged before');
    const report = await pinImages(unpinnedImages(before.objects), openResolver());
    const out = applyEdits(text, report.edits);
    const expected = text
      .replace(`nginx:latest"`, `nginx:latest@${pushed['latest']!.digest}"`)
      .replace(`team/app:docker`, `team/app:docker@${pushed['docker']!.digest}`)
      .replace(`team/multi:multi'`, `team/multi:multi@${pushed['index']!.digest}'`);
    assert.equal(out, expected);
    assert.deepEqual(report.failed.map((f) => [f.target.image.value, f.kind]), [[`${host}/team/app:does-not-exist`, 'tag-not-found']]);
    const after = analyzeText(out, { settings: DEFAULT_SETTINGS });
    assert.ok(!after.findings.some((f) => f.ruleId === 'image-latest-tag'), 'a pinned latest tag is no longer flagged');
  });
});

describe('real registry: token auth', SUITE, () => {
  test('Bearer challenge: anonymous token for the pull scope, then the digest', TEST, async () => {
    issuer!.requests.length = 0;
    const result = expectOk(await securedResolver().resolve(`${secured!.host}/team/app:1.0`));
    assert.equal(result.digest, pushed['team/app:1.0']!.digest);
    assert.equal(issuer!.requests.length, 1);
    const request = issuer!.requests[0]!;
    assert.equal(request.query.get('service'), issuer!.service);
    assert.equal(request.query.get('scope'), 'repository:team/app:pull');
    assert.equal(request.authorization, undefined, 'anonymous');
  });

  test('the token is cached per realm and scope until it expires', TEST, async () => {
    issuer!.requests.length = 0;
    let now = 5_000_000;
    // The digest cache is off so that every look-up reaches the registry and needs a token.
    const resolver = securedResolver({ now: () => now, cacheTtlMs: 0 });
    expectOk(await resolver.resolve(`${secured!.host}/team/app:1.0`));
    expectOk(await resolver.resolve(`${secured!.host}/team/app:2.0`));
    expectOk(await resolver.resolve(`${secured!.host}/team/app:1.0`));
    assert.equal(issuer!.requests.length, 1, 'same repository: the cached token is reused');
    expectOk(await resolver.resolve(`${secured!.host}/team/other:1.0`));
    assert.equal(issuer!.requests.length, 2, 'another repository is another scope');
    // expires_in is 300 s; the resolver lets a token go 10 s early.
    now += 290_000;
    expectOk(await resolver.resolve(`${secured!.host}/team/app:1.0`));
    assert.equal(issuer!.requests.length, 3, 'an expired token is fetched again');
  });

  test('a token service on plain HTTP is refused unless listed', TEST, async () => {
    issuer!.requests.length = 0;
    const resolver = new RegistryResolver({ env: {}, insecureHosts: [secured!.host] });
    const error = expectError(await resolver.resolve(`${secured!.host}/team/app:1.0`), 'insecure-host');
    assert.match(error.message, /token request to http:\/\/127\.0\.0\.1:\d+\/token/);
    assert.ok(error.message.includes(`"${issuer!.host}"`));
    assert.equal(issuer!.requests.length, 0);
  });

  test('a private repository: refused anonymously; Docker config credentials only when enabled', TEST, async () => {
    const configPath = join(scratch!.path, 'config.json');
    await writeFile(configPath, JSON.stringify({ auths: { [secured!.host]: { auth: Buffer.from('robot:s3cret').toString('base64') } } }));
    issuer!.requests.length = 0;
    const image = `${secured!.host}/private/app:1.0`;

    const off = expectError(await securedResolver({ dockerConfigPath: configPath }).resolve(image), 'unauthorized');
    assert.match(off.message, /refused anonymous access to private\/app/);
    assert.ok(issuer!.requests.every((r) => r.authorization === undefined), 'no credentials while the option is off');

    issuer!.requests.length = 0;
    const on = expectOk(await securedResolver({ dockerConfigPath: configPath, useDockerConfig: true }).resolve(image));
    assert.equal(on.digest, pushed['private/app:1.0']!.digest);
    assert.equal(issuer!.requests[0]?.authorization, `Basic ${Buffer.from('robot:s3cret').toString('base64')}`);
  });

  test('wrong credentials: the token service refuses, and the message names the config', TEST, async () => {
    const configPath = join(scratch!.path, 'wrong.json');
    await writeFile(configPath, JSON.stringify({ auths: { [`https://${secured!.host}/v1/`]: { username: 'robot', password: 'nope' } } }));
    const error = expectError(await securedResolver({ dockerConfigPath: configPath, useDockerConfig: true }).resolve(`${secured!.host}/private/app:1.0`), 'unauthorized');
    assert.match(error.message, /token service .* refused the credentials/);
    assert.ok(error.message.includes(configPath));
  });

  test('identitytoken: exchanged as an OAuth2 refresh token', TEST, async () => {
    const configPath = join(scratch!.path, 'identity.json');
    await writeFile(configPath, JSON.stringify({ auths: { [secured!.host]: { auth: Buffer.from('<token>:').toString('base64'), identitytoken: 'refresh-1' } } }));
    issuer!.requests.length = 0;
    expectOk(await securedResolver({ dockerConfigPath: configPath, useDockerConfig: true }).resolve(`${secured!.host}/private/app:1.0`));
    assert.equal(issuer!.requests[0]?.method, 'POST');
    assert.equal(issuer!.requests[0]?.form?.get('grant_type'), 'refresh_token');
  });

  test('a credential helper: public images resolve with a notice, private ones say why not', TEST, async () => {
    const configPath = join(scratch!.path, 'helper.json');
    await writeFile(configPath, JSON.stringify({ auths: { [secured!.host]: {} }, credHelpers: { [secured!.host]: 'pass' } }));
    const resolver = securedResolver({ dockerConfigPath: configPath, useDockerConfig: true });
    const publicImage = expectOk(await resolver.resolve(`${secured!.host}/team/app:1.0`));
    assert.match(publicImage.notices.join(' '), /credential helper|credential helpers/);
    const error = expectError(await resolver.resolve(`${secured!.host}/private/app:1.0`), 'credential-helper');
    assert.match(error.message, /"credHelpers" names the helper "pass" for 127\.0\.0\.1:\d+; Kubeward does not run credential helpers/);
  });
});
