// `kubeward scan --fix --pin-digests` against Debian's docker-registry on 127.0.0.1, and proof that
// nothing reaches a registry without the flag. Skipped, loudly, when docker-registry is absent.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dockerRegistrySkipReason, startDockerRegistry, type RunningRegistry } from '../harness/registry/docker-registry';
import { fakeManifest, startFakeRegistry } from '../harness/registry/fake-registry';
import { pushImage, pushIndex, type PushedManifest } from '../harness/registry/push';
import { freePort, scratchDir } from '../harness/registry/util';
import { CLI, requireBuiltCli, run, tempDir, type RunResult } from './helpers';

const SKIP = dockerRegistrySkipReason();
if (SKIP) console.log(`# ${SKIP}`);

/** Asynchronous, unlike helpers.run: the fake registries below live in this process and must keep answering. */
function runAsync(args: readonly string[], cwd: string): Promise<RunResult> {
  requireBuiltCli();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** --fix also applies the safe hardening fixes; the image lines are what pinning touches. */
function imageLines(text: string): string[] {
  return text.split('\n').filter((line) => line.includes('image:'));
}

function manifest(images: readonly string[]): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web, namespace: shop}',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    ...images.flatMap((image, i) => [`        - name: c${i}`, `          image: ${image}`]),
    '',
  ].join('\n');
}

describe('--pin-digests against a real registry', { skip: SKIP ?? false, timeout: 120_000 }, () => {
  let scratch: { path: string; dispose(): Promise<void> } | undefined;
  let registry: RunningRegistry | undefined;
  let oci: PushedManifest;
  let index: PushedManifest;
  let host = '';

  before(async () => {
    scratch = await scratchDir();
    registry = await startDockerRegistry({ dir: scratch.path });
    host = registry.host;
    oci = await pushImage(registry.url, 'library/nginx', '1.27', { format: 'oci' });
    const amd64 = await pushImage(registry.url, 'team/multi', undefined, { format: 'oci', architecture: 'amd64' });
    const arm64 = await pushImage(registry.url, 'team/multi', undefined, { format: 'oci', architecture: 'arm64' });
    index = await pushIndex(registry.url, 'team/multi', 'v2', [
      { manifest: amd64, architecture: 'amd64' },
      { manifest: arm64, architecture: 'arm64' },
    ]);
  });
  after(async () => {
    await registry?.stop();
    await scratch?.dispose();
  });

  test('OCI manifest and multi-arch index digests; quotes and comments kept; a failed look-up leaves its image and exits 2', () => {
    const dir = tempDir('kubeward-pin-');
    const text = manifest([`"${host}/library/nginx:1.27"   # the web server`, `${host}/team/multi:v2`, `'${host}/library/nginx:nope'`]);
    writeFileSync(path.join(dir, 'deploy.yaml'), text);
    const result = run(['scan', '--fix', '--pin-digests', '--insecure-registry', host, 'deploy.yaml'], { cwd: dir });
    assert.equal(result.code, 2, result.stderr);
    const after = readFileSync(path.join(dir, 'deploy.yaml'), 'utf8');
    // --fix also applied the safe hardening fixes; the image lines are what pinning touched.
    const images = after.split('\n').filter((line) => line.includes('image:'));
    assert.deepEqual(images, [
      `          image: "${host}/library/nginx:1.27@${oci.digest}"   # the web server`,
      `          image: ${host}/team/multi:v2@${index.digest}`,
      `          image: '${host}/library/nginx:nope'`,
    ]);
    assert.match(result.stderr, new RegExp(`^deploy\\.yaml:13:18 error pin-digests .*no tag "nope".*\\n`, 'm'));
    assert.match(result.stderr, /Pinned 2 images to their registry digest\./);
  });

  test('--fix-dry-run shows the pin as a diff and writes nothing; --pin-drop-tag drops the tag', () => {
    const dir = tempDir('kubeward-pin-');
    const text = manifest([`${host}/library/nginx:1.27`]);
    writeFileSync(path.join(dir, 'deploy.yaml'), text);
    const result = run(['scan', '--fix-dry-run', '--pin-digests', '--pin-drop-tag', '--insecure-registry', host, 'deploy.yaml'], { cwd: dir });
    assert.notEqual(result.code, 2, result.stderr);
    assert.match(result.stderr, /Would pin 1 image to its registry digest\./);
    assert.match(result.stdout, new RegExp(`^-          image: ${host}/library/nginx:1\\.27$`, 'm'));
    assert.match(result.stdout, new RegExp(`^\\+          image: ${host}/library/nginx@${oci.digest}$`, 'm'));
    assert.equal(readFileSync(path.join(dir, 'deploy.yaml'), 'utf8'), text);
  });

  test('plain HTTP is refused unless --insecure-registry or registry.insecureHosts in .kubeward.yaml allows the host', () => {
    const dir = tempDir('kubeward-pin-');
    const text = manifest([`${host}/library/nginx:1.27`]);
    writeFileSync(path.join(dir, 'deploy.yaml'), text);
    const refused = run(['scan', '--fix', '--pin-digests', '--registry-timeout', '3000', 'deploy.yaml'], { cwd: dir });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /^deploy\.yaml:9:18 error pin-digests .*--insecure-registry/m);
    assert.deepEqual(imageLines(readFileSync(path.join(dir, 'deploy.yaml'), 'utf8')), imageLines(text));
    writeFileSync(path.join(dir, '.kubeward.yaml'), `registry:\n  insecureHosts: ["${host}"]\n`);
    const allowed = run(['scan', '--fix', '--pin-digests', 'deploy.yaml'], { cwd: dir });
    assert.notEqual(allowed.code, 2, allowed.stderr);
    assert.match(readFileSync(path.join(dir, 'deploy.yaml'), 'utf8'), new RegExp(`nginx:1\\.27@${oci.digest}`));
  });
});

describe('--pin-digests failures and the absence of requests', { timeout: 60_000 }, () => {
  test('an unreachable registry and a registry that never answers (--registry-timeout) are reported per image', async () => {
    const fake = await startFakeRegistry({ hang: true });
    const closed = `127.0.0.1:${await freePort()}`;
    try {
      const dir = tempDir('kubeward-pin-');
      const text = manifest([`${closed}/team/app:1.0`, `${fake.host}/team/app:1.0`]);
      writeFileSync(path.join(dir, 'deploy.yaml'), text);
      const result = await runAsync(['scan', '--fix', '--pin-digests', '--insecure-registry', closed, '--insecure-registry', fake.host, '--registry-timeout', '500', 'deploy.yaml'], dir);
      assert.equal(result.code, 2, result.stderr);
      const lines = result.stderr.split('\n').filter((line) => line.includes(' pin-digests '));
      assert.equal(lines.length, 2, result.stderr);
      assert.match(lines[0] ?? '', /^deploy\.yaml:9:18 error pin-digests .*(reach|refused|connect)/i);
      assert.match(lines[1] ?? '', /^deploy\.yaml:11:18 error pin-digests .*(time|500 ms|0\.5 s)/i);
      assert.deepEqual(imageLines(readFileSync(path.join(dir, 'deploy.yaml'), 'utf8')), imageLines(text));
    } finally {
      await fake.close();
    }
  });

  test('without --pin-digests no request reaches a registry, even with --fix and --insecure-registry-worthy images', async () => {
    const fake = await startFakeRegistry({ manifests: { 'team/app:1.0': fakeManifest('application/vnd.oci.image.manifest.v1+json', 'x') } });
    try {
      const dir = tempDir('kubeward-pin-');
      // Enough files for the worker pool, plus the single-threaded --fix path.
      for (let i = 0; i < 9; i++) writeFileSync(path.join(dir, `d${i}.yaml`), manifest([`${fake.host}/team/app:1.0`, `${fake.host}/team/app`]));
      await runAsync(['scan', '--format', 'json', '--profile', 'all', '.'], dir);
      await runAsync(['scan', '--fix', '--unsafe-fixes', '--profile', 'all', '.'], dir);
      assert.deepEqual(fake.requests, []);
    } finally {
      await fake.close();
    }
  });
});

describe('--pin-digests usage', () => {
  test('needs --fix or --fix-dry-run; the registry options need --pin-digests; hosts are checked', () => {
    const cases: [string[], RegExp][] = [
      [['--pin-digests'], /--pin-digests only applies with --fix or --fix-dry-run/],
      [['--fix', '--pin-drop-tag'], /--pin-drop-tag only applies with --pin-digests/],
      [['--fix', '--pin-digests', '--insecure-registry', 'http://x'], /Invalid value 'http:\/\/x' for --insecure-registry/],
      [['--fix', '--pin-digests', '--registry-timeout', '0'], /Invalid value '0' for --registry-timeout/],
    ];
    for (const [args, message] of cases) {
      const result = run(['scan', ...args, 'nothing.yaml']);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, message);
    }
  });
});
