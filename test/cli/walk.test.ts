// The file walker, in-process and through `kubeward scan <folder>`.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { walk } from '../../server/src/engine/walk';
import { json, run, tempDir } from './helpers';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostPID: true\n  containers: [{name: app, image: "registry.example.com/app:1.0"}]\n';

/** A small repository: manifests at several depths, plus everything the walker must pass over. */
function makeTree(): string {
  const root = tempDir('kubeward-walk-');
  const files: Record<string, string> = {
    'b.yaml': POD,
    'a.yml': POD,
    'Upper.YAML': POD,
    'notes.txt': POD,
    'deploy/prod/z.yaml': POD,
    'deploy/a-b.yaml': POD,
    '.git/config.yaml': POD,
    'node_modules/pkg/chart.yaml': POD,
    'nested/node_modules/x.yaml': POD,
    '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}

const EXPECTED = ['.github/workflows/ci.yml', 'Upper.YAML', 'a.yml', 'b.yaml', 'deploy/a-b.yaml', 'deploy/prod/z.yaml'];

describe('walk', () => {
  test('finds *.yaml and *.yml, skips .git and node_modules at any depth, in code-unit order', async () => {
    const root = makeTree();
    const result = await walk([root]);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.files.map((f) => path.relative(root, f).split(path.sep).join('/')), EXPECTED);
  });

  test('takes a named file whatever its extension, and each file once', async () => {
    const root = makeTree();
    const result = await walk(['notes.txt', 'b.yaml', '.', './b.yaml'], { cwd: root });
    assert.deepEqual(result.files.map((f) => path.relative(root, f)), [...EXPECTED, 'notes.txt'].sort());
  });

  test('reports a missing path and carries on', async () => {
    const root = makeTree();
    const result = await walk(['nope', 'deploy'], { cwd: root });
    assert.deepEqual(result.errors, [{ path: path.join(root, 'nope'), message: 'No such file or directory.' }]);
    assert.equal(result.files.length, 2);
  });

  test('takes linked files but does not enter linked folders, so a link cycle ends', async () => {
    const root = makeTree();
    symlinkSync(root, path.join(root, 'deploy', 'loop'));
    symlinkSync(path.join(root, 'b.yaml'), path.join(root, 'deploy', 'linked.yaml'));
    symlinkSync(path.join(root, 'gone.yaml'), path.join(root, 'dangling.yaml'));
    const result = await walk([root]);
    assert.deepEqual(result.errors, []);
    assert.ok(result.files.includes(path.join(root, 'deploy', 'linked.yaml')));
    assert.ok(!result.files.some((f) => f.includes(`${path.sep}loop${path.sep}`)));
    assert.ok(!result.files.includes(path.join(root, 'dangling.yaml')));
  });

  test('honours an exclude callback and an abort signal', async () => {
    const root = makeTree();
    const excluded = await walk([root], { exclude: (relative) => relative === 'deploy' || relative.endsWith('.yml') });
    assert.deepEqual(excluded.files.map((f) => path.relative(root, f)), ['Upper.YAML', 'b.yaml']);
    const controller = new AbortController();
    controller.abort();
    assert.deepEqual((await walk([root], { signal: controller.signal })).files, []);
  });
});

describe('kubeward scan <folder>', () => {
  test('scans the walked files; no path means the current folder', () => {
    const root = makeTree();
    for (const args of [['.'], []]) {
      const result = run(['scan', '--format', 'json', ...args], { cwd: root });
      assert.equal(result.code, 1);
      const files = [...new Set(json(result).findings.map((f) => f.file))];
      assert.deepEqual(files, EXPECTED.filter((f) => !f.startsWith('.github')));
    }
  });

  test('the summary counts the files scanned', () => {
    const root = makeTree();
    const result = run(['scan'], { cwd: root });
    assert.match(result.stderr, /^\d+ problems \(.+\) in 5 of 6 files\.$/m);
  });
});
