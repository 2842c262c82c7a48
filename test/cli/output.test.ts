// Output formats and exit codes of `kubeward scan`, through the built CLI.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { main, type CliIO } from '../../server/src/cli/main';
import { fixture, json, ROOT, run, shown, tempDir, type JsonFinding } from './helpers';

const TWO = shown('two-problems.yaml');
const EXPECTED_TEXT = [
  `${TWO}:55:20 error host-namespaces Deployment "api" shares the host's network namespace (hostNetwork: true).`,
  `${TWO}:73:25 error privileged Container "api" in Deployment "api" runs privileged, with full access to the host.`,
];

describe('text format', () => {
  test('prints file:line:col severity rule message, 1-based, one finding a line, and exits 1', () => {
    const result = run(['scan', TWO]);
    assert.equal(result.code, 1, result.stderr);
    assert.deepEqual(result.stdout.split('\n'), [...EXPECTED_TEXT, '']);
    assert.equal(result.stderr.split('\n')[0], '2 problems (2 errors) in 1 of 1 file.');
  });

  test('is not coloured when stdout is not a terminal', () => {
    const result = run(['scan', TWO]);
    assert.doesNotMatch(result.stdout + result.stderr, /\u001b\[/);
  });

  test('--quiet prints the findings but no summary', () => {
    const result = run(['scan', '--quiet', TWO]);
    assert.equal(result.code, 1);
    assert.deepEqual(result.stdout.split('\n'), [...EXPECTED_TEXT, '']);
    assert.equal(result.stderr, '');
  });

  test('a clean file prints nothing on stdout and exits 0', () => {
    const result = run(['scan', shown('hardened.yaml')]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'No problems found in 1 file.\n');
  });

  test('the hardened fixture stays clean under every profile', () => {
    for (const profile of ['baseline', 'restricted', 'all']) {
      const result = run(['scan', '--profile', profile, '--format', 'json', shown('hardened.yaml')]);
      assert.deepEqual(json(result).findings, [], `profile ${profile}`);
      assert.equal(result.code, 0);
    }
  });
});

describe('colour (in-process, with a pretend terminal)', () => {
  async function capture(env: Record<string, string>, isTTY: boolean): Promise<string> {
    let stdout = '';
    const io: CliIO = {
      cwd: ROOT,
      env,
      stdoutIsTTY: isTTY,
      stderrIsTTY: false,
      writeStdout: (text) => void (stdout += text),
      writeStderr: () => undefined,
    };
    const code = await main(['scan', TWO], io);
    assert.equal(code, 1);
    return stdout;
  }

  test('colours severities on a terminal', async () => {
    const out = await capture({}, true);
    assert.match(out, /\u001b\[31merror\u001b\[0m/);
    // Stripped of escapes, the lines are exactly the plain ones.
    assert.deepEqual(out.replace(/\u001b\[[0-9;]*m/g, '').split('\n'), [...EXPECTED_TEXT, '']);
  });

  test('NO_COLOR turns colour off even on a terminal', async () => {
    assert.doesNotMatch(await capture({ NO_COLOR: '1' }, true), /\u001b\[/);
  });
});

describe('JSON format', () => {
  test('has exactly version, findings, errors and skipped, with 0-based LSP ranges', () => {
    const result = run(['scan', '--format', 'json', TWO]);
    assert.equal(result.code, 1);
    const report = json(result);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual(Object.keys(report), ['version', 'findings', 'errors', 'skipped']);
    assert.equal(report.version, pkg.version);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.skipped, []);
    assert.deepEqual(report.findings, [
      {
        file: TWO,
        rule: 'host-namespaces',
        severity: 'error',
        message: 'Deployment "api" shares the host\'s network namespace (hostNetwork: true).',
        range: { start: { line: 54, character: 19 }, end: { line: 54, character: 23 } },
        resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', namespace: 'shop' },
        path: 'spec.template.spec.hostNetwork',
        fixable: report.findings[0]?.fixable,
      },
      {
        file: TWO,
        rule: 'privileged',
        severity: 'error',
        message: 'Container "api" in Deployment "api" runs privileged, with full access to the host.',
        range: { start: { line: 72, character: 24 }, end: { line: 72, character: 28 } },
        resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', namespace: 'shop' },
        container: 'api',
        path: 'spec.template.spec.containers[0].securityContext.privileged',
        fixable: 'unsafe',
      },
    ]);
    // The range really covers the offending value in the file.
    const lines = readFileSync(fixture('two-problems.yaml'), 'utf8').split('\n');
    assert.equal(lines[54]?.slice(19, 23), 'true');
    assert.equal(lines[72]?.slice(24, 28), 'true');
  });

  test('findings are ordered by file, then position', () => {
    const report = json(run(['scan', '--format', 'json', shown('insecure.yaml'), shown('two-problems.yaml'), shown('cronjob.yaml')]));
    const key = (f: JsonFinding) => [f.file, f.range.start.line, f.range.start.character] as const;
    const sorted = [...report.findings].sort((a, b) => {
      const [fa, la, ca] = key(a);
      const [fb, lb, cb] = key(b);
      return fa < fb ? -1 : fa > fb ? 1 : la - lb || ca - cb;
    });
    assert.deepEqual(report.findings.map(key), sorted.map(key));
    assert.deepEqual([...new Set(report.findings.map((f) => f.file))], [shown('cronjob.yaml'), shown('insecure.yaml'), shown('two-problems.yaml')]);
  });

  test('a finding without a container has no container key; resource keys are always present', () => {
    const report = json(run(['scan', '--format', 'json', shown('insecure.yaml')]));
    const pod = report.findings.find((f) => f.rule === 'host-namespaces');
    assert.ok(pod);
    assert.equal('container' in pod, false);
    for (const finding of report.findings) {
      assert.deepEqual(Object.keys(finding.resource ?? {}), ['apiVersion', 'kind', 'name', 'namespace']);
      assert.ok(finding.fixable === undefined || finding.fixable === 'safe' || finding.fixable === 'unsafe');
    }
  });

  test('--output writes the report to a file and nothing to stdout', () => {
    const dir = tempDir();
    const out = path.join(dir, 'report.json');
    const result = run(['scan', '--format', 'json', '--output', out, TWO]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.equal(json({ ...result, stdout: readFileSync(out, 'utf8') }).findings.length, 2);
  });

  test('--output to a folder that does not exist is an error (exit 2)', () => {
    const result = run(['scan', '--output', path.join(tempDir(), 'missing', 'r.txt'), TWO]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /the report could not be written to .*No such file or directory/);
  });
});

describe('exit codes', () => {
  test('--exit-zero reports findings but exits 0', () => {
    const result = run(['scan', '--exit-zero', TWO]);
    assert.equal(result.code, 0);
    assert.deepEqual(result.stdout.split('\n'), [...EXPECTED_TEXT, '']);
  });

  test('--exit-zero does not hide unreadable input (exit 2)', () => {
    const result = run(['scan', '--exit-zero', TWO, 'no/such/file.yaml']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no\/such\/file\.yaml: No such file or directory\./);
  });

  test('a missing path is exit 2, on stderr and in JSON errors, and the other files are still scanned', () => {
    const result = run(['scan', '--format', 'json', 'missing.yaml', TWO]);
    assert.equal(result.code, 2);
    const report = json(result);
    assert.deepEqual(report.errors, [{ file: 'missing.yaml', message: 'No such file or directory.' }]);
    assert.equal(report.findings.length, 2);
    assert.match(result.stderr, /^error: missing\.yaml: No such file or directory\.$/m);
  });

  test('--profile baseline leaves out restricted rules', () => {
    // cronjob.yaml has no namespace labelled for the restricted level, which would raise it again.
    const rules = (profile: string) => new Set(json(run(['scan', '--format', 'json', '--profile', profile, shown('cronjob.yaml')])).findings.map((f) => f.rule));
    const restricted = rules('restricted');
    assert.ok(restricted.has('privilege-escalation') && restricted.has('privileged'));
    const baseline = rules('baseline');
    assert.ok(baseline.has('privileged'));
    assert.equal(baseline.has('privilege-escalation'), false);
    assert.equal(baseline.has('run-as-non-root'), false);
  });

  test('--rule turns a rule off or changes its severity; the last one wins', () => {
    const off = run(['scan', '--rule', 'privileged=off', TWO]);
    assert.deepEqual(off.stdout.split('\n'), [EXPECTED_TEXT[0], '']);
    const info = json(run(['scan', '--format', 'json', '--rule', 'privileged=off', '--rule=privileged=info', TWO]));
    assert.deepEqual(info.findings.map((f) => [f.rule, f.severity]), [['host-namespaces', 'error'], ['privileged', 'info']]);
    const both = run(['scan', '--rule', 'privileged=off', '--rule', 'host-namespaces=off', TWO]);
    assert.equal(both.code, 0);
  });

  test('--rule with an unknown id or level is a usage error (exit 2)', () => {
    const unknown = run(['scan', '--rule', 'no-such-rule=off', TWO]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown rule 'no-such-rule' in --rule/);
    assert.equal(unknown.stdout, '');
    const level = run(['scan', '--rule', 'privileged=loud', TWO]);
    assert.equal(level.code, 2);
    assert.match(level.stderr, /Invalid value 'loud' for --rule privileged/);
    const shape = run(['scan', '--rule', 'privileged', TWO]);
    assert.equal(shape.code, 2);
  });

  test('bad values for --format, --profile, --pss-version and --max-file-size are usage errors', () => {
    for (const args of [['--format', 'xml'], ['--profile', 'strict'], ['--pss-version', '2.0'], ['--max-file-size', '10MB'], ['--max-file-size', '0'], ['--format']]) {
      const result = run(['scan', ...args, TWO]);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, /Usage: kubeward scan/, args.join(' '));
    }
  });

  test('--pss-version accepts v1.N and latest', () => {
    assert.equal(run(['scan', '--pss-version', 'v1.25', TWO]).code, 1);
    assert.equal(run(['scan', '--pss-version', 'latest', shown('hardened.yaml')]).code, 0);
  });
});

describe('paths', () => {
  test('are relative to the working directory, also for absolute arguments', () => {
    const result = run(['scan', '--format', 'json', fixture('two-problems.yaml')], { cwd: path.join(ROOT, 'test') });
    assert.deepEqual([...new Set(json(result).findings.map((f) => f.file))], ['fixtures/cli/two-problems.yaml']);
  });

  test('outside the working directory they start with ../', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'x.txt'), '');
    const result = run(['scan', '--format', 'json', fixture('two-problems.yaml')], { cwd: dir });
    const file = json(result).findings[0]?.file ?? '';
    assert.match(file, /^(\.\.\/)+.*test\/fixtures\/cli\/two-problems\.yaml$/);
    assert.ok(existsSync(path.resolve(dir, file)));
  });
});
