// `kubeward rules`, --version, --help and command-line mistakes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { RULES } from '../../server/src/engine/rules';
import { json, ROOT, run } from './helpers';

interface RulesJson {
  version: string;
  rules: { id: string; title: string; severity: string; family: string; profile: string; docsUrl: string }[];
}

const pkgVersion = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('kubeward rules', () => {
  test('lists every rule of the registry as id, severity and title columns', () => {
    const result = run(['rules']);
    assert.equal(result.code, 0);
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines.length, RULES.length);
    lines.forEach((line, i) => {
      const meta = (RULES[i] as (typeof RULES)[number]).meta;
      const match = /^(\S+) +(\S+) +(.+)$/.exec(line);
      assert.ok(match, line);
      assert.deepEqual(match.slice(1), [meta.id, meta.severity, meta.title]);
    });
    // Columns line up: every title starts at the same offset.
    const starts = new Set(lines.map((line, i) => line.indexOf((RULES[i] as (typeof RULES)[number]).meta.title, (RULES[i] as (typeof RULES)[number]).meta.id.length)));
    assert.equal(starts.size, 1);
  });

  test('--format json gives the metadata with docs links', () => {
    const result = run(['rules', '--format', 'json']);
    assert.equal(result.code, 0);
    const report = json<RulesJson>(result);
    assert.equal(report.version, pkgVersion);
    assert.deepEqual(report.rules.map((r) => r.id), RULES.map((r) => r.meta.id));
    const privileged = report.rules.find((r) => r.id === 'privileged');
    assert.equal(privileged?.severity, 'error');
    assert.equal(privileged?.title, 'Container runs privileged');
    assert.match(privileged?.docsUrl ?? '', /^https:\/\/.*privileged/);
  });

  test('rejects arguments and unknown formats', () => {
    assert.equal(run(['rules', 'extra']).code, 2);
    assert.equal(run(['rules', '--format', 'sarif']).code, 2);
  });
});

describe('version and help', () => {
  test('--version prints the package version', () => {
    for (const flag of ['--version', '-v']) {
      const result = run([flag]);
      assert.equal(result.code, 0);
      assert.equal(result.stdout, `${pkgVersion}\n`);
    }
  });

  test('--help describes the commands and the exit codes', () => {
    const result = run(['--help']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /kubeward scan \[options\] \[paths\.\.\.\]/);
    assert.match(result.stdout, /kubeward rules/);
    assert.match(result.stdout, /Exit codes:\n {2}0 {2}no findings\n {2}1 {2}findings/);
  });

  test('scan --help lists every scan option', () => {
    const result = run(['scan', '--help']);
    assert.equal(result.code, 0);
    for (const option of ['--format', '--output', '--profile', '--rule', '--pss-version', '--max-file-size', '--exit-zero', '--fix', '--fix-dry-run', '--unsafe-fixes', '--quiet', '--show-suppressed']) {
      assert.match(result.stdout, new RegExp(`^ +(-\\w, )?${option}\\b`, 'm'), option);
    }
  });
});

describe('usage errors', () => {
  test('an unknown option prints a message and the usage, and exits 2', () => {
    const result = run(['scan', '--bogus', '.']);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^kubeward: Unknown option '--bogus' for 'kubeward scan'\.\n\nUsage: kubeward scan/);
  });

  test('an unknown global option, an unknown command and no command are usage errors', () => {
    const option = run(['--bogus']);
    assert.equal(option.code, 2);
    assert.match(option.stderr, /Unknown option '--bogus'[\s\S]*Usage:/);
    const command = run(['lint', '.']);
    assert.equal(command.code, 2);
    assert.match(command.stderr, /Unknown command 'lint'/);
    const file = run(['deploy.yaml']);
    assert.match(file.stderr, /run 'kubeward scan deploy\.yaml'/);
    const none = run([]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Missing command[\s\S]*Usage:/);
  });

  test('an option that needs a value and has none, or a flag given a value', () => {
    assert.match(run(['scan', '--output']).stderr, /Option '--output' needs a value/);
    assert.match(run(['scan', '--fix=yes']).stderr, /Option '--fix' takes no value/);
  });

  test('-- ends the options, so a file may start with a dash', () => {
    const result = run(['scan', '--format', 'json', '--', '--not-an-option.yaml']);
    assert.equal(result.code, 2);
    assert.deepEqual(json(result).errors, [{ file: '--not-an-option.yaml', message: 'No such file or directory.' }]);
  });
});
