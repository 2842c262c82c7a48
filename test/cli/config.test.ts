// .kubeward.yaml in the CLI: which file applies, precedence, excludes, mistakes, and agreement with the editor.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import type { Connection } from 'vscode-languageserver';
import { CliConfig } from '../../server/src/cli/config';
import { SettingsStore } from '../../server/src/lsp/settings';
import { json, run, tempDir } from './helpers';

const POD = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
    - name: app
      image: registry.example.com/app:1.0
      securityContext:
        privileged: true
`;

interface Finding {
  file: string;
  rule: string;
  severity: string;
  suppression?: { kind: string; justification?: string };
}
interface Report {
  findings: Finding[];
  errors: { file: string; message: string; severity?: string; kind?: string; range?: { start: { line: number; character: number } } }[];
  skipped: { file: string; message: string }[];
  suppressed?: Finding[];
}

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

function scan(dir: string, ...args: string[]): { code: number | null; report: Report; stderr: string } {
  const result = run(['scan', '--format', 'json', ...args], { cwd: dir });
  return { code: result.code, report: json<Report>(result), stderr: result.stderr };
}

/** rule → severity of the findings in one file. */
function rulesOf(report: Report, file: string): Record<string, string> {
  return Object.fromEntries(report.findings.filter((f) => f.file === file).map((f) => [f.rule, f.severity]));
}

describe('.kubeward.yaml in the CLI', () => {
  const repo = tempDir('kubeward-config-');
  // A .git folder makes the temporary folder a repository, so the search stops here.
  mkdirSync(path.join(repo, '.git'));
  write(repo, {
    '.kubeward.yaml': [
      'profile: baseline',
      'rules:',
      '  privileged: warning',
      'exclude: ["charts/**", "generated.yaml"]',
      'overrides:',
      '  - files: ["dev/**"]',
      '    rules: {privileged: info}',
      'ignores:',
      '  - rules: [privileged]',
      '    name: legacy',
      '    reason: Replaced next quarter.',
      '  - rules: [privileged]',
      '    name: expired',
      '    reason: Was a migration.',
      '    expires: 2001-01-01',
      '',
    ].join('\n'),
    'root.yaml': POD,
    'dev/dev.yaml': POD,
    'team/.kubeward.yml': 'rules: {privileged: off}\n',
    'team/team.yaml': POD,
    'charts/x/deploy.yaml': POD,
    'generated.yaml': POD,
    'legacy.yaml': POD.replace('name: web', 'name: legacy'),
    'expired.yaml': POD.replace('name: web', 'name: expired'),
  });

  test('each file gets its nearest config file, with its overrides and ignores; excluded files are not walked', () => {
    const { code, report, stderr } = scan(repo, '--show-suppressed');
    assert.equal(code, 1, stderr);
    assert.deepEqual(report.errors, []);
    const files = [...new Set(report.findings.map((f) => f.file))].sort();
    assert.deepEqual(files, ['dev/dev.yaml', 'expired.yaml', 'root.yaml', 'team/team.yaml'], 'charts/** and generated.yaml are excluded');
    // The nearest file replaces the outer one (no cascade, as in the editor): restricted again, privileged off.
    assert.equal(rulesOf(report, 'team/team.yaml')['privileged'], undefined);
    assert.ok('run-as-non-root' in rulesOf(report, 'team/team.yaml'));
    assert.deepEqual(rulesOf(report, 'root.yaml'), { privileged: 'warning' });
    assert.deepEqual(rulesOf(report, 'dev/dev.yaml'), { privileged: 'info' });
    // The baseline profile of the file: restricted-only rules are off.
    assert.equal(rulesOf(report, 'root.yaml')['run-as-non-root'], undefined);
    assert.deepEqual(report.suppressed?.map((f) => [f.file, f.suppression?.kind, f.suppression?.justification]), [['legacy.yaml', 'config', 'Replaced next quarter.']]);
    assert.equal(report.findings.filter((f) => f.file === 'expired.yaml').length, 1, 'an expired ignore hides nothing');
  });

  test('flags win over the file: --profile, --rule', () => {
    const { report } = scan(repo, '--profile', 'restricted', '--rule', 'privileged=error', 'root.yaml', 'team/team.yaml');
    assert.equal(rulesOf(report, 'root.yaml')['privileged'], 'error');
    assert.equal(rulesOf(report, 'team/team.yaml')['privileged'], 'error');
    assert.ok('run-as-non-root' in rulesOf(report, 'root.yaml'), '--profile restricted replaces the file\'s baseline');
  });

  test('a file named on the command line that an exclude matches is skipped, with a message, not an error', () => {
    const result = run(['scan', 'generated.yaml'], { cwd: repo });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /skipped: generated\.yaml: Excluded by the "exclude" patterns of \.kubeward\.yaml; it was not analysed\./);
  });

  test('--config uses one file for everything; an unreadable one is exit code 2', () => {
    write(repo, { 'ci/strict.yaml': 'profile: all\nrules: {privileged: error}\n' });
    const { report } = scan(repo, '--config', 'ci/strict.yaml', 'team/team.yaml', 'charts/x/deploy.yaml');
    assert.equal(rulesOf(report, 'team/team.yaml')['privileged'], 'error', 'the nearest team/.kubeward.yml is not used');
    assert.equal(rulesOf(report, 'charts/x/deploy.yaml')['privileged'], 'error', "the repository's excludes are not used either");
    const missing = run(['scan', '--config', 'nope.yaml', 'root.yaml'], { cwd: repo });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^kubeward: The config file nope\.yaml cannot be read: No such file or directory\.\n$/);
  });

  test('mistakes are located warnings (text, JSON, SARIF) and the rest applies; an unparsable file is exit code 2', () => {
    const dir = tempDir('kubeward-config-bad-');
    mkdirSync(path.join(dir, '.git'));
    write(dir, { '.kubeward.yaml': 'profle: all\nrules:\n  privileged: off\n', 'pod.yaml': POD });
    const text = run(['scan', '.'], { cwd: dir });
    assert.equal(text.code, 1, 'findings, not a failure: the unknown key is only a warning');
    assert.match(text.stderr, /^\.kubeward\.yaml:1:1 warning config "profle" is not a Kubeward setting\.$/m);
    const { report } = scan(dir);
    assert.equal(rulesOf(report, 'pod.yaml')['privileged'], undefined, 'the valid part of the file applies');
    assert.deepEqual(report.errors.map((e) => [e.file, e.severity, e.kind, e.range?.start]), [['.kubeward.yaml', 'warning', 'config', { line: 0, character: 0 }]]);
    const sarif = JSON.parse(run(['scan', '--format', 'sarif'], { cwd: dir }).stdout) as {
      runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; locations: { physicalLocation: { region?: { startLine: number } } }[] }[] }[] }[];
    };
    const invocation = sarif.runs[0]?.invocations[0];
    assert.equal(invocation?.executionSuccessful, true);
    assert.deepEqual(invocation?.toolExecutionNotifications.map((n) => [n.level, n.locations[0]?.physicalLocation.region?.startLine]), [['warning', 1]]);

    write(dir, { '.kubeward.yaml': 'rules: [unclosed\n' });
    const broken = run(['scan', '.'], { cwd: dir });
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /^\.kubeward\.yaml:\d+:\d+ error config The config file cannot be parsed: /m);
  });

  test('the CLI and the language server give a file the same settings', () => {
    const folderUri = pathToFileURL(repo).href;
    const connection = { console: { warn: () => undefined, log: () => undefined } } as unknown as Connection;
    const editor = new SettingsStore(connection, false, [folderUri]).forScan(folderUri, {});
    const cli = new CliConfig({ flags: {} });
    for (const name of ['root.yaml', 'dev/dev.yaml', 'team/team.yaml', 'charts/x/deploy.yaml', 'legacy.yaml']) {
      const file = path.join(repo, name);
      const fromEditor = editor(file);
      const fromCli = cli.forFile(file);
      assert.deepEqual(fromCli.settings, fromEditor.settings, name);
      assert.equal(fromCli.excluded, fromEditor.excluded, name);
    }
  });
});
