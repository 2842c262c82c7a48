import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectiveTag, parseImageRef } from '../../server/src/engine/model/image-ref';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseImageRef', () => {
  const table: [string, Record<string, unknown>][] = [
    ['nginx', { registry: 'docker.io', repository: 'library/nginx', tag: undefined, digest: undefined }],
    ['nginx:1.27', { registry: 'docker.io', repository: 'library/nginx', tag: '1.27' }],
    ['team/app:v1', { registry: 'docker.io', repository: 'team/app', tag: 'v1' }],
    ['registry:5000/app', { registry: 'registry:5000', repository: 'app', tag: undefined, explicitRegistry: true }],
    ['localhost/app:dev', { registry: 'localhost', repository: 'app', tag: 'dev' }],
    ['ghcr.io/org/team/app:1.0', { registry: 'ghcr.io', repository: 'org/team/app', tag: '1.0' }],
    [`app@${DIGEST}`, { repository: 'library/app', tag: undefined, digest: DIGEST }],
    [`app:1.0@${DIGEST}`, { tag: '1.0', digest: DIGEST }],
    ['app@sha256:abc', { digest: undefined, malformedDigest: 'sha256:abc' }],
    [`app@sha256:${'A'.repeat(64)}`, { digest: undefined }],
    ['index.docker.io/library/nginx:1', { registry: 'docker.io', repository: 'library/nginx' }],
    ['Registry/app', { registry: 'Registry', repository: 'app' }],
    ['[::1]:5000/app:1', { registry: '[::1]:5000', repository: 'app' }],
  ];
  for (const [raw, expected] of table) {
    it(raw, () => {
      const parsed = parseImageRef(raw);
      assert.ok(parsed.ok, `parses: ${parsed.ok ? '' : parsed.reason}`);
      for (const [key, value] of Object.entries(expected)) assert.equal((parsed.ref as unknown as Record<string, unknown>)[key], value, key);
    });
  }

  for (const bad of ['', 'team/App', 'app:bad tag', 'app:-x', 'a//b']) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.equal(parseImageRef(bad).ok, false));
  }

  it('knows what tag a runtime pulls', () => {
    const ref = (raw: string) => {
      const parsed = parseImageRef(raw);
      assert.ok(parsed.ok);
      return parsed.ref;
    };
    assert.equal(effectiveTag(ref('nginx')), 'latest');
    assert.equal(effectiveTag(ref(`nginx@${DIGEST}`)), undefined);
    assert.equal(effectiveTag(ref('nginx:1')), '1');
  });
});
