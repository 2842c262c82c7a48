// Folder walks skip what git ignores, as the editor's workspace scan does.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { json, requireBuiltCli, run, tempDir } from './helpers';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: app, image: "nginx:1.27", securityContext: {privileged: true}}]\n';

function layout(withGit: boolean): string {
  const root = tempDir('kubeward-gitignore-');
  if (withGit) mkdirSync(path.join(root, '.git'));
  mkdirSync(path.join(root, 'build'), { recursive: true });
  mkdirSync(path.join(root, 'apps', 'generated'), { recursive: true });
  writeFileSync(path.join(root, '.gitignore'), 'build/\n*.local.yaml\n!keep.local.yaml\n');
  writeFileSync(path.join(root, 'apps', '.gitignore'), 'generated/\n');
  for (const file of ['apps/web.yaml', 'apps/dev.local.yaml', 'apps/keep.local.yaml', 'apps/generated/out.yaml', 'build/out.yaml']) {
    writeFileSync(path.join(root, file), POD);
  }
  return root;
}

const filesOf = (root: string, args: readonly string[]) =>
  [...new Set(json<{ findings: { file: string }[] }>(run(['scan', '--format', 'json', ...args], { cwd: root })).findings.map((f) => f.file))].sort();

describe('.gitignore in folder scans', () => {
  test('ignored files and folders are not scanned, negations are honoured, nested files apply', () => {
    requireBuiltCli();
    const root = layout(true);
    assert.deepEqual(filesOf(root, ['.']), ['apps/keep.local.yaml', 'apps/web.yaml']);
  });

  test('a subfolder scan still reads the repository root .gitignore', () => {
    const root = layout(true);
    assert.deepEqual(filesOf(root, ['apps']), ['apps/keep.local.yaml', 'apps/web.yaml']);
  });

  test('outside a git repository .gitignore files mean nothing, as for git', () => {
    const root = layout(false);
    assert.equal(filesOf(root, ['.']).length, 5);
  });
});
