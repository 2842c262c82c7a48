import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { RegistryResolver, type RegistryResolverOptions, type ResolveResult } from '../../server/src/registry';
import { MANIFEST_ACCEPT, MEDIA_TYPES } from '../../server/src/registry/resolver';
import { fakeManifest, startFakeRegistry, type FakeRegistry, type FakeRegistryOptions } from '../harness/registry/fake-registry';
import { installLoopbackGuard } from '../harness/registry/loopback-guard';
import { sha256 } from '../harness/registry/push';
import { freePort, scratchDir } from '../harness/registry/util';

/**
 * The resolver against scripted registries in Node: the failure modes a real registry will not
 * produce on request. Loopback only; every test is bounded.
 */
const guard = installLoopbackGuard();
const TEST = { timeout: 15_000 };

const OCI = fakeManifest(MEDIA_TYPES.ociManifest, 'oci');
const INDEX = fakeManifest(MEDIA_TYPES.ociIndex, 'index');
const manifests = { 'team/app:1.0': OCI, 'team/app:multi': INDEX, 'library/nginx:1.27': OCI };

const fakes: FakeRegistry[] = [];
async function fake(options: FakeRegistryOptions = {}): Promise<FakeRegistry> {
  const registry = await startFakeRegistry({ manifests, ...options });
  fakes.push(registry);
  return registry;
}

/** A resolver that may use plain HTTP to `registry` only, with no proxy from the environment. */
function resolverFor(registry: { host: string }, options: RegistryResolverOptions = {}): RegistryResolver {
  return new RegistryResolver({ insecureHosts: [registry.host], env: {}, timeoutMs: 5000, ...options });
}

function expectOk(result: ResolveResult) {
  assert.ok(result.ok, result.ok ? '' : `${result.error.kind}: ${result.error.message}`);
  return result;
}

function expectError(result: ResolveResult, kind: string) {
  assert.ok(!result.ok, `expected ${kind}, got digest ${result.ok ? result.digest : ''}`);
  assert.equal(result.error.kind, kind, result.error.message);
  assert.match(result.error.message, /\.$/, 'messages are full sentences');
  return result.error;
}

let scratch: { path: string; dispose(): Promise<void> };
before(async () => {
  scratch = await scratchDir();
}, { timeout: 60_000 });
after(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  await scratch.dispose();
  assert.deepEqual(guard.violations, [], 'no test contacted a non-loopback address');
}, { timeout: 60_000 });

describe('digest headers', () => {
  test('HEAD with Docker-Content-Digest: one request, with the full Accept list', TEST, async () => {
    const registry = await fake();
    const result = expectOk(await resolverFor(registry).resolve(`${registry.host}/team/app:1.0`));
    assert.equal(result.digest, sha256(OCI.body));
    assert.equal(result.source, 'header');
    assert.equal(result.mediaType, MEDIA_TYPES.ociManifest);
    assert.equal(result.multiArch, false);
    assert.deepEqual(registry.requests.map((r) => r.method), ['HEAD']);
    assert.equal(registry.requests[0]?.headers.accept, MANIFEST_ACCEPT);
    for (const type of Object.values(MEDIA_TYPES)) assert.ok(MANIFEST_ACCEPT.includes(type), type);
  });

  test('index media type is reported as multi-arch', TEST, async () => {
    const registry = await fake();
    const result = expectOk(await resolverFor(registry).resolve(`${registry.host}/team/app:multi`));
    assert.equal(result.digest, sha256(INDEX.body));
    assert.equal(result.multiArch, true);
  });

  test('missing header: GET and hash the bytes', TEST, async () => {
    const registry = await fake({ headDigest: 'missing', getDigest: 'missing' });
    const result = expectOk(await resolverFor(registry).resolve(`${registry.host}/team/app:1.0`));
    assert.equal(result.digest, sha256(OCI.body));
    assert.equal(result.source, 'computed');
    assert.deepEqual(registry.requests.map((r) => r.method), ['HEAD', 'GET']);
  });

  test('malformed HEAD header: falls back to GET and verifies', TEST, async () => {
    const registry = await fake({ headDigest: 'malformed' });
    const result = expectOk(await resolverFor(registry).resolve(`${registry.host}/team/app:1.0`));
    assert.equal(result.digest, sha256(OCI.body));
    assert.equal(result.source, 'computed');
  });

  test('wrong header on GET is detected as a mismatch', TEST, async () => {
    const registry = await fake({ headDigest: 'missing', getDigest: 'wrong' });
    const error = expectError(await resolverFor(registry).resolve(`${registry.host}/team/app:1.0`), 'digest-mismatch');
    assert.ok(error.message.includes(sha256(OCI.body)), 'names the computed digest');
    assert.ok(error.message.includes(`sha256:${'0'.repeat(64)}`), 'names the claimed digest');
  });

  test('verifyDigest checks a wrong HEAD digest against the GET bytes', TEST, async () => {
    const registry = await fake({ headDigest: 'wrong', getDigest: 'missing' });
    const trusting = expectOk(await resolverFor(registry).resolve(`${registry.host}/team/app:1.0`));
    assert.equal(trusting.digest, `sha256:${'0'.repeat(64)}`, 'by default the HEAD digest is trusted (the pull verifies it)');
    const error = expectError(await resolverFor(registry, { verifyDigest: true }).resolve(`${registry.host}/team/app:1.0`), 'digest-mismatch');
    assert.match(error.message, /on HEAD/);
  });

  test('HEAD not allowed: GET instead', TEST, async () => {
    const registry = await fake({ headStatus: 405 });
    const result = expectOk(await resolverFor(registry).resolve(`${registry.host}/team/app:1.0`));
    assert.equal(result.digest, sha256(OCI.body));
  });
});

describe('failures', () => {
  test('unknown tag', TEST, async () => {
    const registry = await fake();
    const error = expectError(await resolverFor(registry).resolve(`${registry.host}/team/app:9.9`), 'tag-not-found');
    assert.match(error.message, /no tag "9\.9" for team\/app/);
    assert.equal(error.status, 404);
  });

  test('rate limited', TEST, async () => {
    const registry = await fake({ headStatus: 429 });
    const error = expectError(await resolverFor(registry).resolve(`${registry.host}/team/app:1.0`), 'registry-error');
    assert.match(error.message, /HTTP 429/);
  });

  test('unreachable: a closed port', TEST, async () => {
    const port = await freePort();
    const host = `127.0.0.1:${port}`;
    const error = expectError(await resolverFor({ host }).resolve(`${host}/team/app:1.0`), 'unreachable');
    assert.match(error.message, /Could not reach the registry 127\.0\.0\.1:\d+ .*connection refused/);
  });

  test('slow registry: the look-up times out', { timeout: 10_000 }, async () => {
    const registry = await fake({ hang: true });
    const started = Date.now();
    const error = expectError(await resolverFor(registry, { timeoutMs: 300 }).resolve(`${registry.host}/team/app:1.0`), 'timeout');
    assert.match(error.message, /timed out after 300 ms/);
    assert.equal(registry.requests.length, 1, 'the request did reach the registry');
    assert.ok(Date.now() - started < 5000, 'the timeout, not the default, ended it');
  });

  test('cancelled by the caller', TEST, async () => {
    const registry = await fake({ hang: true });
    const controller = new AbortController();
    const pending = resolverFor(registry, { timeoutMs: 10_000 }).resolve(`${registry.host}/team/app:1.0`, { signal: controller.signal });
    await registry.nextRequest(0);
    controller.abort();
    expectError(await pending, 'cancelled');
  });

  test('too many redirects', TEST, async () => {
    const registry = await fake({ redirectLoop: true });
    const error = expectError(await resolverFor(registry, { maxRedirects: 3 }).resolve(`${registry.host}/team/app:1.0`), 'too-many-redirects');
    assert.match(error.message, /more than 3 times/);
    assert.equal(registry.requests.length, 4);
  });

  test('invalid or already pinned references make no request', TEST, async () => {
    const registry = await fake();
    const resolver = resolverFor(registry);
    expectError(await resolver.resolve(`${registry.host}/Team/App:1`), 'invalid-reference');
    expectError(await resolver.resolve(`${registry.host}/team/app@sha256:${'a'.repeat(64)}`), 'invalid-reference');
    assert.equal(registry.requests.length, 0);
  });
});

describe('plain HTTP only for listed hosts', () => {
  test('an unlisted plain-HTTP registry is refused, with the setting named', TEST, async () => {
    const registry = await fake();
    const resolver = new RegistryResolver({
      env: {},
      settingNames: { insecureHosts: 'the setting kubeward.registry.insecureHosts', useDockerConfig: 'x' },
    });
    const error = expectError(await resolver.resolve(`${registry.host}/team/app:1.0`), 'insecure-host');
    assert.match(error.message, /kubeward\.registry\.insecureHosts/);
    assert.ok(error.message.includes(`"${registry.host}"`), 'says which host to add');
    assert.ok(registry.requests.every((r) => r.method !== 'HEAD'), 'no registry request was answered over plain HTTP');
    expectOk(await resolverFor(registry).resolve(`${registry.host}/team/app:1.0`));
  });

  test('an http:// endpoint override is refused before any request unless listed', TEST, async () => {
    const registry = await fake();
    const resolver = new RegistryResolver({ env: {}, endpoint: () => registry.url });
    expectError(await resolver.resolve('nginx:1.27'), 'insecure-host');
    assert.equal(registry.requests.length, 0);
  });

  test('a listed host port does not allow another port', TEST, async () => {
    const registry = await fake();
    const resolver = new RegistryResolver({ env: {}, insecureHosts: ['127.0.0.1:1'] });
    expectError(await resolver.resolve(`${registry.host}/team/app:1.0`), 'insecure-host');
  });

  test('a redirect to an unlisted plain-HTTP host is refused', TEST, async () => {
    const target = await fake();
    const registry = await fake({ redirectTo: `${target.url}/v2/team/app/manifests/1.0` });
    const error = expectError(await resolverFor(registry).resolve(`${registry.host}/team/app:1.0`), 'insecure-host');
    assert.match(error.message, /redirected to/);
    assert.equal(target.requests.length, 0);
  });
});

describe('Docker Hub defaults', () => {
  test('nginx:1.27 is library/nginx on the Docker Hub endpoint', TEST, async () => {
    const registry = await fake();
    const seen: string[] = [];
    const resolver = resolverFor(registry, {
      endpoint: (host) => {
        seen.push(host);
        return registry.url;
      },
    });
    const result = expectOk(await resolver.resolve('nginx:1.27'));
    assert.deepEqual(seen, ['docker.io']);
    assert.equal(result.registry, 'docker.io');
    assert.equal(result.repository, 'library/nginx');
    assert.equal(registry.requests[0]?.path, '/v2/library/nginx/manifests/1.27');
  });
});

describe('credentials from the Docker config', () => {
  const basic = `Basic ${Buffer.from('robot:s3cret').toString('base64')}`;

  test('used only when useDockerConfig is on (Basic challenge)', TEST, async () => {
    const registry = await fake({ requireAuthorization: basic, challenge: 'Basic realm="test"' });
    const configPath = join(scratch.path, 'basic-config.json');
    await writeFile(configPath, JSON.stringify({ auths: { [`http://${registry.host}`]: { auth: Buffer.from('robot:s3cret').toString('base64') } } }));

    const off = expectError(await resolverFor(registry, { dockerConfigPath: configPath }).resolve(`${registry.host}/team/app:1.0`), 'unauthorized');
    assert.match(off.message, /refused anonymous access to team\/app \(HTTP 401\)/);
    assert.match(off.message, /useDockerConfig/);
    assert.ok(registry.requests.every((r) => r.headers.authorization === undefined), 'no credentials sent while off');

    const on = expectOk(await resolverFor(registry, { dockerConfigPath: configPath, useDockerConfig: true }).resolve(`${registry.host}/team/app:1.0`));
    assert.equal(on.digest, sha256(OCI.body));
    assert.equal(registry.requests.at(-1)?.headers.authorization, basic);
  });

  test('wrong credentials say where they came from', TEST, async () => {
    const registry = await fake({ requireAuthorization: basic, challenge: 'Basic realm="test"' });
    const configPath = join(scratch.path, 'wrong-config.json');
    await writeFile(configPath, JSON.stringify({ auths: { [registry.host]: { username: 'robot', password: 'wrong' } } }));
    const error = expectError(await resolverFor(registry, { dockerConfigPath: configPath, useDockerConfig: true }).resolve(`${registry.host}/team/app:1.0`), 'unauthorized');
    assert.ok(error.message.includes(configPath));
  });

  test('registrytoken is sent as a bearer token', TEST, async () => {
    const registry = await fake({ requireAuthorization: 'Bearer static-token' });
    const configPath = join(scratch.path, 'token-config.json');
    await writeFile(configPath, JSON.stringify({ auths: { [registry.host]: { registrytoken: 'static-token' } } }));
    expectOk(await resolverFor(registry, { dockerConfigPath: configPath, useDockerConfig: true }).resolve(`${registry.host}/team/app:1.0`));
  });

  test('Docker Hub credentials under https://index.docker.io/v1/', TEST, async () => {
    const registry = await fake({ requireAuthorization: basic, challenge: 'Basic realm="hub"' });
    const configPath = join(scratch.path, 'hub-config.json');
    await writeFile(configPath, JSON.stringify({ auths: { 'https://index.docker.io/v1/': { auth: Buffer.from('robot:s3cret').toString('base64') } } }));
    expectOk(await resolverFor(registry, { dockerConfigPath: configPath, useDockerConfig: true, endpoint: () => registry.url }).resolve('nginx:1.27'));
  });

  test('a credential helper: anonymous look-up, and a clear message when that is refused', TEST, async () => {
    const configPath = join(scratch.path, 'helper-config.json');
    const open = await fake();
    const locked = await fake({ requireAuthorization: basic, challenge: 'Basic realm="test"' });
    await writeFile(configPath, JSON.stringify({ credHelpers: { [open.host]: 'ecr-login' }, credsStore: 'desktop' }));

    const publicImage = expectOk(await resolverFor(open, { dockerConfigPath: configPath, useDockerConfig: true }).resolve(`${open.host}/team/app:1.0`));
    assert.equal(publicImage.notices.length, 1);
    assert.match(publicImage.notices[0] ?? '', /"credHelpers" names the helper "ecr-login".*does not run credential helpers.*anonymously/);

    const error = expectError(await resolverFor(locked, { dockerConfigPath: configPath, useDockerConfig: true }).resolve(`${locked.host}/team/app:1.0`), 'credential-helper');
    assert.match(error.message, /"credsStore" names the helper "desktop"/);
    assert.match(error.message, /does not run credential helpers/);
  });
});

describe('cache', () => {
  test('a second look-up is served from memory until it expires', TEST, async () => {
    const registry = await fake();
    let now = 1_000_000;
    const resolver = resolverFor(registry, { cacheTtlMs: 60_000, now: () => now });
    const image = `${registry.host}/team/app:1.0`;
    const first = expectOk(await resolver.resolve(image));
    assert.equal(first.cached, false);
    const second = expectOk(await resolver.resolve(image));
    assert.equal(second.cached, true);
    assert.equal(second.digest, first.digest);
    assert.equal(registry.requests.length, 1, 'no request for the cached answer');
    expectOk(await resolver.resolve(`${registry.host}/team/app:multi`));
    assert.equal(registry.requests.length, 2, 'another tag is another look-up');
    now += 60_001;
    assert.equal(expectOk(await resolver.resolve(image)).cached, false);
    assert.equal(registry.requests.length, 3, 'expired entries are looked up again');
  });

  test('failures are not cached; concurrent look-ups share requests', TEST, async () => {
    const registry = await fake();
    const resolver = resolverFor(registry);
    expectError(await resolver.resolve(`${registry.host}/team/app:nope`), 'tag-not-found');
    expectError(await resolver.resolve(`${registry.host}/team/app:nope`), 'tag-not-found');
    assert.equal(registry.requests.length, 2);
    const [a, b] = await Promise.all([resolver.resolve(`${registry.host}/team/app:1.0`), resolver.resolve(`${registry.host}/team/app:1.0`)]);
    assert.equal(expectOk(a).digest, expectOk(b).digest);
    assert.equal(registry.requests.length, 3);
  });

  test('configure() drops the cache', TEST, async () => {
    const registry = await fake();
    const resolver = resolverFor(registry);
    expectOk(await resolver.resolve(`${registry.host}/team/app:1.0`));
    resolver.configure({ insecureHosts: [registry.host], env: {} });
    assert.equal(expectOk(await resolver.resolve(`${registry.host}/team/app:1.0`)).cached, false);
  });
});
