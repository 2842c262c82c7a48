// --fix writes safe fixes atomically and keeps the file's bytes otherwise; --fix-dry-run writes nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { ConcurrentChangeError, writeFileAtomic } from '../../server/src/cli/atomic-write';
import { readManifestFile } from '../../server/src/engine/files';
import { copyFixtures, fixture, isRoot, json, NOBODY, run } from './helpers';

/** The one line --fix adds to fixable.yaml, after the capabilities of the container. */
const ADDED = '            allowPrivilegeEscalation: false';
const AFTER_LINE = 76; // 1-based: `              drop: ["ALL"]`

function expectedFixed(original: string, eol: '\n' | '\r\n'): string {
  const lines = original.split(eol);
  assert.equal(lines[AFTER_LINE - 1], '              drop: ["ALL"]');
  lines.splice(AFTER_LINE, 0, ADDED);
  return lines.join(eol);
}

describe('--fix', () => {
  test('applies safe fixes, reports what remains (nothing: exit 0), keeps the mode, and a second run changes nothing', async () => {
    const dir = await copyFixtures(['fixable.yaml']);
    const file = path.join(dir, 'fixable.yaml');
    // A mode the umask would narrow: only an explicit chmod of the new file keeps it.
    chmodSync(file, 0o666);
    const umask = process.umask(0o022);
    const original = readFileSync(file, 'utf8');

    const first = run(['scan', '--fix', 'fixable.yaml'], { cwd: dir });
    assert.equal(first.code, 0, first.stdout + first.stderr);
    assert.equal(first.stdout, '');
    assert.equal(first.stderr, 'Fixed 1 problem in 1 file.\nNo problems found in 1 file.\n');
    const fixed = readFileSync(file, 'utf8');
    assert.equal(fixed, expectedFixed(original, '\n'));
    process.umask(umask);
    assert.equal(statSync(file).mode & 0o777, 0o666);
    assert.deepEqual(readdirSync(dir), ['fixable.yaml'], 'no temporary file is left behind');

    const second = run(['scan', '--fix', 'fixable.yaml'], { cwd: dir });
    assert.equal(second.code, 0);
    assert.equal(second.stderr, 'No problems found in 1 file.\n');
    assert.equal(readFileSync(file, 'utf8'), fixed);
  });

  test('keeps CRLF line endings and the byte-order mark', async () => {
    const dir = await copyFixtures(['crlf-bom.yaml']);
    const file = path.join(dir, 'crlf-bom.yaml');
    const before = readFileSync(file);
    const result = run(['scan', '--fix', '--format', 'json', 'crlf-bom.yaml'], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(json(result).findings, []);
    const after = readFileSync(file);
    assert.deepEqual([...after.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM kept');
    const text = after.toString('utf8').slice(1);
    assert.equal(text, expectedFixed(before.toString('utf8').slice(1), '\r\n'));
    assert.doesNotMatch(text, /[^\r]\n/, 'every line ends with CRLF');
  });

  test('leaves unsafe fixes alone unless --unsafe-fixes, and exits 1 while findings remain', async () => {
    const dir = await copyFixtures(['two-problems.yaml']);
    const file = path.join(dir, 'two-problems.yaml');
    const original = readFileSync(file, 'utf8');
    const safeOnly = run(['scan', '--fix', '--format', 'json', 'two-problems.yaml'], { cwd: dir });
    assert.equal(safeOnly.code, 1);
    assert.deepEqual(json(safeOnly).findings.map((f) => f.rule), ['host-namespaces', 'privileged']);
    assert.equal(readFileSync(file, 'utf8'), original);

    const unsafe = run(['scan', '--fix', '--unsafe-fixes', 'two-problems.yaml'], { cwd: dir });
    assert.equal(unsafe.code, 0, unsafe.stdout);
    const fixed = readFileSync(file, 'utf8');
    assert.match(fixed, /^ {12}privileged: false$/m);
    assert.doesNotMatch(fixed, /hostNetwork: true/);
    // Everything else, comments included, is as it was.
    const others = (text: string) => text.split('\n').filter((line) => !/hostNetwork|privileged:/.test(line));
    assert.deepEqual(others(fixed), others(original));
  });

  test('a write failure exits 2, says so, and leaves the original untouched', async () => {
    const dir = await copyFixtures(['fixable.yaml']);
    const file = path.join(dir, 'fixable.yaml');
    const before = readFileSync(file);
    chmodSync(file, 0o644);
    // The temporary file cannot be created in a read-only folder. Root ignores permissions, so
    // the CLI runs as `nobody` then.
    chmodSync(dir, 0o555);
    try {
      const result = run(['scan', '--fix', 'fixable.yaml'], { cwd: dir, ...(isRoot() ? { user: NOBODY } : {}) });
      assert.equal(result.code, 2, result.stdout + result.stderr);
      assert.match(result.stderr, /^error: fixable\.yaml: The fixes could not be written, so the file was left as it was: Permission denied\.$/m);
      // The finding is still reported, because it is still in the file.
      assert.match(result.stdout, /^fixable\.yaml:64:11 warning privilege-escalation /m);
      assert.deepEqual(readFileSync(file), before);
      assert.deepEqual(readdirSync(dir), ['fixable.yaml']);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  test('follows a symbolic link and fixes its target, keeping the link', async () => {
    const dir = await copyFixtures(['fixable.yaml']);
    const { symlinkSync, lstatSync } = await import('node:fs');
    symlinkSync('fixable.yaml', path.join(dir, 'link.yaml'));
    const result = run(['scan', '--fix', 'link.yaml'], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(lstatSync(path.join(dir, 'link.yaml')).isSymbolicLink());
    assert.match(readFileSync(path.join(dir, 'fixable.yaml'), 'utf8'), /allowPrivilegeEscalation: false/);
  });
});

describe('writeFileAtomic (in-process)', () => {
  test('does not overwrite a file that changed since it was read, and leaves no temporary file', async () => {
    const dir = await copyFixtures(['fixable.yaml']);
    const file = path.join(dir, 'fixable.yaml');
    const read = await readManifestFile(file);
    assert.equal(read.status, 'ok');
    if (read.status !== 'ok') return;
    // Someone saves the file in an editor between Kubeward's read and its write.
    const { appendFileSync } = await import('node:fs');
    appendFileSync(file, '# edited meanwhile\n');
    const edited = readFileSync(file);
    await assert.rejects(writeFileAtomic(read.file, 'replaced\n'), ConcurrentChangeError);
    assert.deepEqual(readFileSync(file), edited);
    assert.deepEqual(readdirSync(dir), ['fixable.yaml']);
  });

  test('writes the BOM back only when the file had one', async () => {
    const dir = await copyFixtures(['crlf-bom.yaml', 'fixable.yaml']);
    for (const [name, bom] of [['crlf-bom.yaml', true], ['fixable.yaml', false]] as const) {
      const read = await readManifestFile(path.join(dir, name));
      assert.ok(read.status === 'ok');
      assert.equal(read.file.bom, bom);
      await writeFileAtomic(read.file, 'x: 1\n');
      assert.deepEqual(readFileSync(path.join(dir, name)), Buffer.from(`${bom ? '\ufeff' : ''}x: 1\n`));
    }
  });
});

describe('--fix-dry-run', () => {
  test('prints a unified diff, writes nothing, and exits 1 because the findings are still there', async () => {
    const dir = await copyFixtures(['fixable.yaml']);
    const file = path.join(dir, 'fixable.yaml');
    const before = readFileSync(file, 'utf8');
    const result = run(['scan', '--fix-dry-run', 'fixable.yaml'], { cwd: dir });
    assert.equal(result.code, 1);
    assert.equal(
      result.stdout,
      [
        '--- a/fixable.yaml',
        '+++ b/fixable.yaml',
        '@@ -74,6 +74,7 @@',
        '             runAsUser: 10001',
        '             capabilities:',
        '               drop: ["ALL"]',
        `+${ADDED}`,
        '           resources:',
        '             requests:',
        '               cpu: 100m',
        '',
      ].join('\n'),
    );
    assert.match(result.stderr, /^Would fix 1 problem in 1 file; nothing was written\.$/m);
    assert.equal(readFileSync(file, 'utf8'), before);
  });

  test('the diff applies with patch -p1 and gives what --fix writes, also for CRLF with a BOM', async () => {
    const dir = await copyFixtures(['crlf-bom.yaml', 'fixable.yaml']);
    const diff = run(['scan', '--fix-dry-run', '.'], { cwd: dir }).stdout;
    const applied = await copyFixtures(['crlf-bom.yaml', 'fixable.yaml']);
    const patch = spawnSync('patch', ['-p1', '--quiet', '--binary'], { cwd: applied, input: diff, encoding: 'utf8' });
    if (patch.error) {
      // `patch` is part of every Debian and macOS install; say so clearly where it is missing.
      assert.fail(`the patch program is needed for this test: ${patch.error.message}`);
    }
    assert.equal(patch.status, 0, patch.stderr + patch.stdout);
    run(['scan', '--fix', '.'], { cwd: dir });
    for (const name of ['crlf-bom.yaml', 'fixable.yaml']) {
      assert.deepEqual(readFileSync(path.join(applied, name)), readFileSync(path.join(dir, name)), name);
    }
  });

  test('cannot be combined with --fix or a machine format; --unsafe-fixes needs a fix option', () => {
    for (const args of [['--fix', '--fix-dry-run'], ['--fix-dry-run', '--format', 'json'], ['--unsafe-fixes']]) {
      const result = run(['scan', ...args, fixture('fixable.yaml')]);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, /^kubeward: /);
    }
  });
});
