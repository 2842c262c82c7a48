import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { credentialsFromConfig, dockerConfigPath, normalizeKey } from '../../server/src/registry/docker-config';
import { bypassesProxy, proxyFor, proxySettingsFromEnv, ProxyConfigError } from '../../server/src/registry/proxy';
import { parseWwwAuthenticate } from '../../server/src/registry/www-authenticate';

describe('WWW-Authenticate', { timeout: 10_000 }, () => {
  test('Docker Hub style Bearer challenge', () => {
    const [c] = parseWwwAuthenticate(['Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"']);
    assert.deepEqual(c, {
      scheme: 'bearer',
      params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/nginx:pull' },
    });
  });

  test('commas inside quoted values, spaces around separators, case-insensitive names', () => {
    const [c] = parseWwwAuthenticate(['BEARER Realm = "http://127.0.0.1:1/token" , Scope="repository:a/b:pull,push",error="insufficient_scope"']);
    assert.equal(c?.scheme, 'bearer');
    assert.equal(c?.params['realm'], 'http://127.0.0.1:1/token');
    assert.equal(c?.params['scope'], 'repository:a/b:pull,push');
    assert.equal(c?.params['error'], 'insufficient_scope');
  });

  test('several challenges in one value and across values; escapes; token68', () => {
    const challenges = parseWwwAuthenticate([
      'Basic realm="Registry \\"main\\"", Bearer realm="https://x/t",service=svc',
      'Negotiate abc123==, Bearer realm="https://y/t"',
    ]);
    assert.deepEqual(challenges.map((c) => c.scheme), ['basic', 'bearer', 'negotiate', 'bearer']);
    assert.equal(challenges[0]?.params['realm'], 'Registry "main"');
    assert.equal(challenges[1]?.params['service'], 'svc');
    assert.equal(challenges[2]?.token68, 'abc123==');
    assert.equal(challenges[3]?.params['realm'], 'https://y/t');
  });

  test('malformed input does not throw', () => {
    for (const input of ['', ',,,', 'Bearer realm="unterminated', 'Bearer =x', '"quoted" Bearer', 'Bearer realm=', 'Bearer realm="a" garbage "b"']) {
      assert.doesNotThrow(() => parseWwwAuthenticate([input]), input);
    }
    assert.deepEqual(parseWwwAuthenticate(['Bearer realm="unterminated'])[0]?.scheme, 'bearer');
  });
});

describe('proxy settings', { timeout: 10_000 }, () => {
  test('lower case wins, empty means unset', () => {
    assert.deepEqual(proxySettingsFromEnv({ HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2', NO_PROXY: 'a', no_proxy: '' }), {
      httpsProxy: 'http://lower:2',
      noProxy: 'a',
    });
    assert.deepEqual(proxySettingsFromEnv({ HTTPS_PROXY: ' ' }), {});
  });

  test('HTTPS targets use HTTPS_PROXY, HTTP targets HTTP_PROXY; scheme defaults to http', () => {
    const settings = { httpsProxy: '127.0.0.1:3128', httpProxy: 'http://127.0.0.1:8080' };
    assert.equal(proxyFor(new URL('https://ghcr.io/v2/'), settings)?.href, 'http://127.0.0.1:3128/');
    assert.equal(proxyFor(new URL('http://127.0.0.1:5000/v2/'), settings)?.href, 'http://127.0.0.1:8080/');
    assert.equal(proxyFor(new URL('http://x/'), { httpsProxy: 'http://p:1' }), undefined);
    assert.throws(() => proxyFor(new URL('https://x/'), { httpsProxy: 'socks5://p:1' }), ProxyConfigError);
  });

  test('NO_PROXY forms', () => {
    const cases: [string, number, string, boolean][] = [
      ['registry.example.com', 443, '*', true],
      ['registry.example.com', 443, 'example.com', true],
      ['registry.example.com', 443, '.example.com', true],
      ['registry.example.com', 443, '*.example.com', true],
      ['example.com', 443, '.example.com', true],
      ['notexample.com', 443, 'example.com', false],
      ['registry.example.com', 443, 'other.com, example.com', true],
      ['registry.example.com', 443, 'other.com example.com', true],
      ['registry.example.com', 5000, 'registry.example.com:443', false],
      ['registry.example.com', 443, 'registry.example.com:443', true],
      ['127.0.0.1', 5000, '127.0.0.1', true],
      ['127.0.0.1', 5000, '127.0.0.0/8', true],
      ['10.1.2.3', 443, '127.0.0.0/8', false],
      ['[::1]', 5000, '::1', true],
      ['[::1]', 5000, '[::1]:5000', true],
      ['[::1]', 5001, '[::1]:5000', false],
      ['[::1]', 443, '0:0:0:0:0:0:0:1', true],
      ['[fd00::5]', 443, 'fd00::/8', true],
      ['Registry.Example.COM', 443, 'registry.example.com', true],
      ['localhost', 5000, '', false],
    ];
    for (const [host, port, noProxy, expected] of cases) {
      assert.equal(bypassesProxy(host, port, noProxy), expected, `${host}:${port} with NO_PROXY=${noProxy}`);
    }
  });
});

describe('Docker config credentials', { timeout: 10_000 }, () => {
  const path = '/home/u/.docker/config.json';
  const b64 = (s: string): string => Buffer.from(s).toString('base64');

  test('the config path follows DOCKER_CONFIG', () => {
    assert.equal(dockerConfigPath({ DOCKER_CONFIG: '/etc/dc' }, '/home/u'), '/etc/dc/config.json');
    assert.equal(dockerConfigPath({}, '/home/u'), '/home/u/.docker/config.json');
  });

  test('keys normalize like docker does', () => {
    assert.equal(normalizeKey('https://index.docker.io/v1/'), 'index.docker.io');
    assert.equal(normalizeKey('HTTP://Reg.Example:5000/path'), 'reg.example:5000');
  });

  test('base64 auth, username/password, identitytoken, registrytoken', () => {
    assert.deepEqual(credentialsFromConfig({ auths: { 'ghcr.io': { auth: b64('me:p:w') } } }, 'ghcr.io', path), {
      kind: 'found', credential: { kind: 'basic', username: 'me', password: 'p:w' }, configPath: path, key: 'ghcr.io',
    });
    const userPass = credentialsFromConfig({ auths: { 'https://quay.io': { username: 'u', password: 'p' } } }, 'quay.io', path);
    assert.equal(userPass.kind === 'found' && userPass.credential.kind, 'basic');
    const identity = credentialsFromConfig({ auths: { 'r.io': { auth: b64('<token>:'), identitytoken: 'refresh' } } }, 'r.io', path);
    assert.deepEqual(identity.kind === 'found' && identity.credential, { kind: 'identity-token', token: 'refresh', username: '<token>' });
    const registryToken = credentialsFromConfig({ auths: { 'r.io': { registrytoken: 'bearer-x' } } }, 'r.io', path);
    assert.deepEqual(registryToken.kind === 'found' && registryToken.credential, { kind: 'registry-token', token: 'bearer-x' });
  });

  test('Docker Hub goes by its legacy key', () => {
    const found = credentialsFromConfig({ auths: { 'https://index.docker.io/v1/': { auth: b64('hub:pw') } } }, 'docker.io', path);
    assert.equal(found.kind, 'found');
    assert.equal(credentialsFromConfig({ auths: { 'https://index.docker.io/v1/': { auth: b64('hub:pw') } } }, 'ghcr.io', path).kind, 'none');
  });

  test('credential helpers are reported, per registry first', () => {
    assert.deepEqual(credentialsFromConfig({ credHelpers: { 'gcr.io': 'gcloud' }, auths: { 'gcr.io': { auth: b64('a:b') } } }, 'gcr.io', path), {
      kind: 'helper', helper: 'gcloud', via: 'credHelpers', configPath: path,
    });
    assert.deepEqual(credentialsFromConfig({ credsStore: 'desktop', auths: { 'https://index.docker.io/v1/': {} } }, 'docker.io', path), {
      kind: 'helper', helper: 'desktop', via: 'credsStore', configPath: path,
    });
    // Real credentials written in auths are used even with a default store.
    assert.equal(credentialsFromConfig({ credsStore: 'desktop', auths: { 'r.io': { auth: b64('a:b') } } }, 'r.io', path).kind, 'found');
  });

  test('broken entries are reported, not thrown', () => {
    const broken = credentialsFromConfig({ auths: { 'r.io': { auth: b64('no-colon') } } }, 'r.io', path);
    assert.equal(broken.kind, 'none');
    assert.match(broken.kind === 'none' ? broken.notice ?? '' : '', /not base64 of user:password/);
    assert.equal(credentialsFromConfig([], 'r.io', path).kind, 'none');
    assert.equal(credentialsFromConfig({ auths: 'x' }, 'r.io', path).kind, 'none');
  });
});
