import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { effectiveTag, parseImageRef } from '../../server/src/engine/model/image-ref';
import { DOCKER_HUB_API, parseHostPattern, registryBaseUrl } from '../../server/src/registry/endpoint';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

function ok(raw: string) {
  const parsed = parseImageRef(raw);
  assert.ok(parsed.ok, `${raw}: ${parsed.ok ? '' : parsed.reason}`);
  return parsed.ref;
}

describe('image references by the distribution grammar, as the resolver needs them', { timeout: 10_000 }, () => {
  const cases: [string, { registry: string; repository: string; tag?: string; digest?: string }][] = [
    ['nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    ['nginx:1.27', { registry: 'docker.io', repository: 'library/nginx', tag: '1.27' }],
    ['docker.io/nginx:1.27', { registry: 'docker.io', repository: 'library/nginx', tag: '1.27' }],
    ['index.docker.io/library/nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    ['bitnami/redis:7', { registry: 'docker.io', repository: 'bitnami/redis', tag: '7' }],
    ['localhost/app', { registry: 'localhost', repository: 'app' }],
    ['localhost:5000/team/sub/app:v1.2_rc-3', { registry: 'localhost:5000', repository: 'team/sub/app', tag: 'v1.2_rc-3' }],
    ['127.0.0.1:5000/library/nginx:1.27', { registry: '127.0.0.1:5000', repository: 'library/nginx', tag: '1.27' }],
    ['[::1]:5000/app:1', { registry: '[::1]:5000', repository: 'app', tag: '1' }],
    ['ghcr.io/org/a.b__c---d/e:tag', { registry: 'ghcr.io', repository: 'org/a.b__c---d/e', tag: 'tag' }],
    [`quay.io/org/app:1@${DIGEST}`, { registry: 'quay.io', repository: 'org/app', tag: '1', digest: DIGEST }],
    [`nginx@${DIGEST}`, { registry: 'docker.io', repository: 'library/nginx', digest: DIGEST }],
    ['Registry.Example.com/app', { registry: 'Registry.Example.com', repository: 'app' }],
  ];
  for (const [raw, expected] of cases) {
    test(raw, () => {
      const ref = ok(raw);
      assert.equal(ref.registry, expected.registry);
      assert.equal(ref.repository, expected.repository);
      assert.equal(ref.tag, expected.tag);
      assert.equal(ref.digest, expected.digest);
    });
  }

  test('rejects what the grammar rejects', () => {
    for (const raw of ['', 'Nginx', 'nginx:', 'nginx:-1', 'nginx:.x', 'a_-b', 'example.com/', 'example.com//app', 'host:port/app', 'foo_bar.com/app', '-x.com/app', `nginx:${'a'.repeat(129)}`]) {
      assert.equal(parseImageRef(raw).ok, false, raw);
    }
  });

  test('caps the normalized name at 255 characters, as registries do', () => {
    const long = `example.com/${'a'.repeat(243)}`;
    assert.equal(long.length, 255);
    assert.equal(parseImageRef(long).ok, true);
    assert.equal(parseImageRef(`${long}b`).ok, false);
    // Docker Hub's implied prefix counts: `docker.io/library/` + 238 characters is 256.
    assert.equal(parseImageRef('a'.repeat(238)).ok, false);
    assert.equal(parseImageRef('a'.repeat(237)).ok, true);
  });

  test('keeps a malformed digest aside and resolves the tag', () => {
    const ref = ok('nginx:1.27@sha256:abc');
    assert.equal(ref.malformedDigest, 'sha256:abc');
    assert.equal(effectiveTag(ref), '1.27');
    assert.equal(effectiveTag(ok('nginx')), 'latest');
    assert.equal(effectiveTag(ok(`nginx@${DIGEST}`)), undefined);
  });
});

describe('registry endpoints', { timeout: 10_000 }, () => {
  test('Docker Hub is served from registry-1.docker.io', () => {
    assert.equal(registryBaseUrl('docker.io', []), DOCKER_HUB_API);
    assert.equal(DOCKER_HUB_API, 'https://registry-1.docker.io');
  });

  test('HTTPS unless the host is listed as insecure', () => {
    const insecure = ['127.0.0.1:5000', 'localhost', '[::1]:5001'].map((e) => parseHostPattern(e)!);
    assert.equal(registryBaseUrl('ghcr.io', insecure), 'https://ghcr.io');
    assert.equal(registryBaseUrl('127.0.0.1:5000', insecure), 'http://127.0.0.1:5000');
    assert.equal(registryBaseUrl('127.0.0.1:5001', insecure), 'https://127.0.0.1:5001');
    assert.equal(registryBaseUrl('localhost:1234', insecure), 'http://localhost:1234');
    assert.equal(registryBaseUrl('[::1]:5001', insecure), 'http://[::1]:5001');
  });

  test('insecure host entries are host[:port] only', () => {
    assert.deepEqual(parseHostPattern('Registry.Local:5000'), { hostname: 'registry.local', port: 5000 });
    for (const bad of ['http://x', 'x/y', 'x:0', 'x:70000', '*', '']) assert.equal(parseHostPattern(bad), undefined, bad);
  });
});
