import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RegistryResolver, type RegistryResolverOptions, type ResolveResult } from '../../server/src/registry';
import { MEDIA_TYPES } from '../../server/src/registry/resolver';
import { loopbackTlsCert, opensslAvailable, type CertPair } from '../harness/registry/certs';
import { startRecordingProxy, type RecordingProxy } from '../harness/registry/connect-proxy';
import { fakeManifest, startFakeRegistry, type FakeRegistry } from '../harness/registry/fake-registry';
import { installLoopbackGuard } from '../harness/registry/loopback-guard';
import { sha256 } from '../harness/registry/push';
import { freePort, scratchDir } from '../harness/registry/util';

/**
 * HTTPS and proxies. The registry here speaks TLS with a per-run certificate for 127.0.0.1, so the
 * proxy test exercises the path real registries take: a CONNECT tunnel with TLS inside it, the
 * proxy seeing only `host:port`. Plain-HTTP registries (insecureHosts) go through HTTP_PROXY in
 * absolute form instead.
 */
const guard = installLoopbackGuard();
const TEST = { timeout: 15_000 };
const SKIP = opensslAvailable()
  ? false
  : 'openssl is not installed, so the HTTPS and proxy tests are SKIPPED; run `bash scripts/ci-registry-deps.sh` to install it';
if (SKIP) console.log(`# ${SKIP}`);

const OCI = fakeManifest(MEDIA_TYPES.ociManifest, 'tls');
const manifests = { 'team/app:1.0': OCI };

let scratch: { path: string; dispose(): Promise<void> };
let cert: CertPair;
let tlsRegistry: FakeRegistry;
let plainRegistry: FakeRegistry;
let proxy: RecordingProxy;

before(async () => {
  scratch = await scratchDir();
  plainRegistry = await startFakeRegistry({ manifests });
  proxy = await startRecordingProxy();
  if (SKIP) return;
  cert = await loopbackTlsCert(scratch.path);
  tlsRegistry = await startFakeRegistry({ manifests, tls: { cert: cert.certPem, key: cert.keyPem } });
}, { timeout: 60_000 });

after(async () => {
  await Promise.all([tlsRegistry?.close(), plainRegistry?.close(), proxy?.close()]);
  await scratch?.dispose();
  assert.deepEqual(guard.violations, [], 'no test contacted a non-loopback address');
}, { timeout: 60_000 });

function tlsResolver(env: Record<string, string>, options: RegistryResolverOptions = {}): RegistryResolver {
  return new RegistryResolver({ env, extraCaCertificates: [cert.certPem], timeoutMs: 5000, ...options });
}

function expectOk(result: ResolveResult) {
  assert.ok(result.ok, result.ok ? '' : `${result.error.kind}: ${result.error.message}`);
  return result;
}

function expectError(result: ResolveResult, kind: string) {
  assert.ok(!result.ok, `expected ${kind}`);
  assert.equal(result.error.kind, kind, result.error.message);
  return result.error;
}

/** Resets the recordings so each test sees only its own traffic. */
function reset(): void {
  proxy.tunnels.length = 0;
  proxy.forwarded.length = 0;
  proxy.proxyAuthorizations.length = 0;
  // Without openssl there is no HTTPS registry, and only the plain-HTTP tests run.
  if (tlsRegistry) tlsRegistry.requests.length = 0;
  plainRegistry.requests.length = 0;
}

describe('HTTPS registry', { skip: SKIP }, () => {
  test('direct HTTPS with a trusted certificate', TEST, async () => {
    reset();
    const result = expectOk(await tlsResolver({}).resolve(`${tlsRegistry.host}/team/app:1.0`));
    assert.equal(result.digest, sha256(OCI.body));
    assert.equal(proxy.tunnels.length, 0);
  });

  test('an untrusted certificate is refused with a reason', TEST, async () => {
    const error = expectError(await new RegistryResolver({ env: {} }).resolve(`${tlsRegistry.host}/team/app:1.0`), 'unreachable');
    assert.match(error.message, /TLS certificate is not trusted/);
  });

  test('a redirect from HTTPS to unlisted plain HTTP is refused', TEST, async () => {
    const redirecting = await startFakeRegistry({ tls: { cert: cert.certPem, key: cert.keyPem }, redirectTo: `${plainRegistry.url}/v2/team/app/manifests/1.0` });
    try {
      reset();
      const error = expectError(await tlsResolver({}).resolve(`${redirecting.host}/team/app:1.0`), 'insecure-host');
      assert.match(error.message, /redirected to http:\/\/127\.0\.0\.1/);
      assert.equal(plainRegistry.requests.length, 0);
    } finally {
      await redirecting.close();
    }
  });
});

describe('proxies from the environment', { skip: SKIP }, () => {
  test('HTTPS_PROXY: the look-up goes through a CONNECT tunnel', TEST, async () => {
    reset();
    const result = expectOk(await tlsResolver({ HTTPS_PROXY: proxy.url }).resolve(`${tlsRegistry.host}/team/app:1.0`));
    assert.equal(result.digest, sha256(OCI.body));
    assert.deepEqual(proxy.tunnels, [tlsRegistry.host], 'the proxy carried the request');
    assert.equal(tlsRegistry.requests.length, 1, 'and the registry answered it through the tunnel');
  });

  test('NO_PROXY exempts the host (by name, by name and port, by CIDR, by *)', TEST, async () => {
    for (const noProxy of ['127.0.0.1', `127.0.0.1:${tlsRegistry.port}`, '127.0.0.0/8', '*', 'other.example, 127.0.0.1']) {
      reset();
      expectOk(await tlsResolver({ HTTPS_PROXY: proxy.url, NO_PROXY: noProxy }).resolve(`${tlsRegistry.host}/team/app:1.0`));
      assert.deepEqual(proxy.tunnels, [], `NO_PROXY=${noProxy} bypasses the proxy`);
      assert.equal(tlsRegistry.requests.length, 1);
    }
  });

  test('NO_PROXY for another port or host still proxies', TEST, async () => {
    reset();
    expectOk(await tlsResolver({ https_proxy: proxy.url, no_proxy: `127.0.0.1:1,registry.example` }).resolve(`${tlsRegistry.host}/team/app:1.0`));
    assert.deepEqual(proxy.tunnels, [tlsRegistry.host]);
  });

  test('proxy credentials go to the proxy and never into messages', TEST, async () => {
    reset();
    const withAuth = proxy.url.replace('http://', 'http://user:pa%40ss@');
    expectOk(await tlsResolver({ HTTPS_PROXY: withAuth }).resolve(`${tlsRegistry.host}/team/app:1.0`));
    assert.deepEqual(proxy.proxyAuthorizations, [`Basic ${Buffer.from('user:pa@ss').toString('base64')}`]);
    assert.equal(tlsRegistry.requests[0]?.headers['proxy-authorization'], undefined, 'the registry never sees them');

    const closed = await freePort();
    const error = expectError(await tlsResolver({ HTTPS_PROXY: `http://user:pa%40ss@127.0.0.1:${closed}` }).resolve(`${tlsRegistry.host}/team/app:1.0`), 'proxy-error');
    assert.match(error.message, /through the proxy http:\/\/127\.0\.0\.1:\d+: could not connect to the proxy \(connection refused\)/);
    assert.doesNotMatch(error.message, /pa%40ss|pa@ss|user:/);
  });

  test('a proxy that is down is reported as a proxy problem, and nothing goes direct', TEST, async () => {
    reset();
    const closed = await freePort();
    expectError(await tlsResolver({ HTTPS_PROXY: `127.0.0.1:${closed}` }).resolve(`${tlsRegistry.host}/team/app:1.0`), 'proxy-error');
    assert.equal(tlsRegistry.requests.length, 0);
  });
});

describe('proxies for plain-HTTP registries', () => {
  test('HTTP_PROXY carries an insecure registry in absolute form; HTTPS_PROXY does not apply', TEST, async () => {
    reset();
    const image = `${plainRegistry.host}/team/app:1.0`;
    const viaHttpProxy = new RegistryResolver({ env: { HTTP_PROXY: proxy.url }, insecureHosts: [plainRegistry.host] });
    expectOk(await viaHttpProxy.resolve(image));
    assert.deepEqual(proxy.forwarded, [`${plainRegistry.url}/v2/team/app/manifests/1.0`]);
    assert.equal(plainRegistry.requests.length, 1);

    reset();
    const httpsOnly = new RegistryResolver({ env: { HTTPS_PROXY: proxy.url }, insecureHosts: [plainRegistry.host] });
    expectOk(await httpsOnly.resolve(image));
    assert.deepEqual(proxy.forwarded, []);
    assert.deepEqual(proxy.tunnels, []);
  });
});
