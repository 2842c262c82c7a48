import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { FileChangeType, type WorkDoneProgressBegin, type WorkDoneProgressReport } from 'vscode-languageserver-protocol';
import { ServerCommands, type ScanSummary } from '../../server/src/protocol';
import { LspClient, onlyRules } from '../harness/lsp-client';

const POD = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: nginx:latest
    securityContext:
      privileged: true
${extra}`;

const CLEAN = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  a: b
`;

/** Writes files (relative path → text) under `root`. */
function writeTree(root: string, files: Record<string, string>): void {
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

const codes = (diagnostics: readonly { code?: unknown }[]) => diagnostics.map((d) => String(d.code)).sort();

describe('workspace scan', () => {
  let client: LspClient;
  let root: string;
  const uriOf = (relative: string) => pathToFileURL(path.join(root, relative)).href;
  let summary: ScanSummary;

  before(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-scan-')));
    writeTree(root, {
      'apps/pod.yaml': POD('web'),
      'apps/clean.yaml': CLEAN,
      'apps/suppressed.yaml': POD('quiet').replace('privileged: true', 'privileged: true # kubeward-disable-line privileged -- driver'),
      // Not Kubernetes and not even valid YAML: the YAML extension's business, not ours.
      'ci/workflow.yml': 'on: [push\njobs: {\n',
      '.gitignore': 'ignored/\n*.secret.yaml\n',
      'ignored/pod.yaml': POD('ignored'),
      'apps/local.secret.yaml': POD('secret'),
      'gen/.gitignore': '*.gen.yaml\n!keep.gen.yaml\n',
      'gen/drop.gen.yaml': POD('dropped'),
      'gen/keep.gen.yaml': POD('kept'),
      'build/pod.yaml': POD('built'),
      'apps/scratch.tmp.yaml': POD('scratch'),
      'vendor/pod.yaml': POD('vendored'),
      'node_modules/pkg/pod.yaml': POD('module'),
      'apps/big.yaml': POD('big', `  # ${'x'.repeat(3000)}\n`),
      '.kubeward.yaml': 'profile: strict\nrules:\n  image-latest-tag: warning\n',
    });
    client = await LspClient.start({
      workspaceFolders: [pathToFileURL(root).href],
      settings: { rules: onlyRules('privileged', 'image-latest-tag', 'unused-suppression'), exclude: ['vendor/**'], maxFileSize: 2000 },
      sections: { files: { exclude: { build: true, '**/*.tmp.yaml': true, '**/.git': true, 'apps/never.yaml': { when: '$(basename).ts' } } } },
    });
    summary = await client.executeCommand<ScanSummary>(ServerCommands.scanWorkspace);
  });

  after(() => {
    client.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('the server offers its commands through executeCommandProvider', () => {
    assert.deepEqual(client.initializeResult.capabilities.executeCommandProvider?.commands, [
      'kubeward.scanWorkspace',
      'kubeward.scanFolder',
      'kubeward.exportSarif',
      'kubeward.scanReport',
    ]);
  });

  test('the summary counts files and findings by severity', () => {
    // pod.yaml, clean.yaml, suppressed.yaml, workflow.yml, keep.gen.yaml analysed; big.yaml too large; vendor excluded.
    assert.equal(summary.filesScanned, 5);
    assert.equal(summary.filesSkipped, 2);
    assert.equal(summary.filesWithErrors, 0);
    assert.deepEqual(summary.findings, { error: 2, warning: 3, info: 0, hint: 0 });
    assert.equal(summary.suppressed, 1);
    assert.equal(summary.filesWithFindings, 3);
    assert.equal(summary.cancelled, false);
    assert.deepEqual(summary.folders, [pathToFileURL(root).href]);
    assert.ok(summary.durationMs >= 0);
  });

  test('progress: created by the server, cancellable, with percentages up to 100, then ended', () => {
    assert.equal(client.progressTokens.length, 1);
    const token = client.progressTokens[0];
    const events = client.progress.filter((e) => e.token === token).map((e) => e.value);
    const begin = events[0] as WorkDoneProgressBegin;
    assert.equal(begin.kind, 'begin');
    assert.equal(begin.cancellable, true);
    assert.equal(begin.percentage, 0);
    const reports = events.filter((e): e is WorkDoneProgressReport => e.kind === 'report');
    const percentages = reports.map((r) => r.percentage as number);
    assert.deepEqual(percentages, [...percentages].sort((a, b) => a - b), 'percentages only grow');
    assert.equal(percentages.at(-1), 100);
    assert.match(reports.at(-1)?.message ?? '', /^6 of 6 files$/);
    assert.equal(events.at(-1)?.kind, 'end');
  });

  test('diagnostics are published for files that are not open', () => {
    assert.deepEqual(codes(client.latestDiagnostics(uriOf('apps/pod.yaml'))?.diagnostics ?? []), ['image-latest-tag', 'privileged']);
    assert.deepEqual(codes(client.latestDiagnostics(uriOf('gen/keep.gen.yaml'))?.diagnostics ?? []), ['image-latest-tag', 'privileged']);
    assert.deepEqual(codes(client.latestDiagnostics(uriOf('apps/suppressed.yaml'))?.diagnostics ?? []), ['image-latest-tag']);
    const diagnostic = client.latestDiagnostics(uriOf('apps/pod.yaml'))?.diagnostics.find((d) => d.code === 'privileged');
    assert.deepEqual(diagnostic?.range, { start: { line: 9, character: 18 }, end: { line: 9, character: 22 } });
    assert.equal(diagnostic?.source, 'kubeward');
    // Clean files publish nothing rather than thousands of empty lists.
    assert.equal(client.latestDiagnostics(uriOf('apps/clean.yaml')), undefined);
    assert.equal(client.latestDiagnostics(uriOf('ci/workflow.yml')), undefined);
  });

  test('.gitignore (nested, negated), files.exclude, kubeward.exclude, node_modules and the size limit are honoured', () => {
    for (const relative of ['ignored/pod.yaml', 'apps/local.secret.yaml', 'gen/drop.gen.yaml', 'build/pod.yaml', 'apps/scratch.tmp.yaml', 'vendor/pod.yaml', 'node_modules/pkg/pod.yaml', 'apps/big.yaml']) {
      assert.equal(client.latestDiagnostics(uriOf(relative)), undefined, relative);
    }
  });

  test('mistakes in .kubeward.yaml become diagnostics in that file, with ranges', () => {
    const params = client.latestDiagnostics(uriOf('.kubeward.yaml'));
    assert.ok(params, 'published');
    assert.equal(params.diagnostics.length, 1);
    const [diagnostic] = params.diagnostics;
    assert.equal(diagnostic?.code, 'config');
    assert.equal(diagnostic?.source, 'kubeward');
    assert.deepEqual(diagnostic?.range, { start: { line: 0, character: 9 }, end: { line: 0, character: 15 } });
    assert.match(String(diagnostic?.message), /profile must be one of: baseline, restricted, all/);
  });

  test('an open .kubeward.yaml is validated as it is typed', async () => {
    const uri = uriOf('.kubeward.yaml');
    await client.open(uri, 'profile: baseline\nrules:\n  privileged: sometimes\n');
    const params = await client.waitForDiagnostics(uri);
    assert.deepEqual(params.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]), [['config', 2, 14, 23]]);
    await client.change(uri, 2, [{ text: 'profile: baseline\n' }]);
    assert.deepEqual((await client.waitForDiagnostics(uri)).diagnostics, []);
    await client.close(uri);
    // Closed again, the file on disk (still wrong) speaks.
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 1);
  });

  test('a changed, created or deleted file updates its diagnostics without a rescan', async () => {
    fs.writeFileSync(path.join(root, 'apps/pod.yaml'), CLEAN);
    await client.filesChanged([{ uri: uriOf('apps/pod.yaml'), type: FileChangeType.Changed }]);
    await client.waitForDiagnostics(uriOf('apps/pod.yaml'), (p) => p.diagnostics.length === 0);

    writeTree(root, { 'apps/new.yaml': POD('new') });
    await client.filesChanged([{ uri: uriOf('apps/new.yaml'), type: FileChangeType.Created }]);
    assert.deepEqual(codes((await client.waitForDiagnostics(uriOf('apps/new.yaml'))).diagnostics), ['image-latest-tag', 'privileged']);

    fs.rmSync(path.join(root, 'apps/new.yaml'));
    await client.filesChanged([{ uri: uriOf('apps/new.yaml'), type: FileChangeType.Deleted }]);
    await client.waitForDiagnostics(uriOf('apps/new.yaml'), (p) => p.diagnostics.length === 0);
  });

  test('file events for ignored or excluded paths are not acted on', async () => {
    writeTree(root, { 'ignored/late.yaml': POD('late'), 'build/late.yaml': POD('late') });
    await client.filesChanged([
      { uri: uriOf('ignored/late.yaml'), type: FileChangeType.Created },
      { uri: uriOf('build/late.yaml'), type: FileChangeType.Created },
      { uri: uriOf('apps/late.yaml'), type: FileChangeType.Created },
    ]);
    writeTree(root, { 'apps/late.yaml': POD('late') });
    await client.filesChanged([{ uri: uriOf('apps/late.yaml'), type: FileChangeType.Changed }]);
    await client.waitForDiagnostics(uriOf('apps/late.yaml'), (p) => p.diagnostics.length === 2);
    assert.equal(client.latestDiagnostics(uriOf('ignored/late.yaml')), undefined);
    assert.equal(client.latestDiagnostics(uriOf('build/late.yaml')), undefined);
  });

  test('an open file owns its diagnostics; closing it restores the scan diagnostics', async () => {
    const uri = uriOf('gen/keep.gen.yaml');
    await client.open(uri, CLEAN);
    assert.deepEqual((await client.waitForDiagnostics(uri)).diagnostics, []);
    await client.close(uri);
    // The file on disk still has both findings (the edit was never saved).
    const restored = await client.waitForDiagnostics(uri);
    assert.deepEqual(codes(restored.diagnostics), ['image-latest-tag', 'privileged']);
  });

  test('Export SARIF returns the CLI reporter\'s SARIF of the last scan', async () => {
    const sarif = JSON.parse(await client.executeCommand<string>(ServerCommands.exportSarif)) as {
      version: string;
      runs: { tool: { driver: { name: string } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0]?.tool.driver.name, 'Kubeward');
    const files = new Set(sarif.runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri));
    assert.ok(files.has('gen/keep.gen.yaml'), [...files].join());
    assert.ok(files.has('apps/late.yaml'), 'file events update the exported results too');
    assert.ok(!files.has('apps/pod.yaml'), 'the fixed file has no results any more');
  });

  test('the report is Markdown with the summary and findings by file', async () => {
    const report = String(await client.executeCommand<string>(ServerCommands.scanReport));
    assert.match(report, /^# Kubeward scan report/);
    assert.match(report, /\| error \| 2 \|/);
    assert.match(report, /### gen\/keep\.gen\.yaml/);
    assert.match(report, /apps\/big\.yaml: The file is .* over the .* limit/);
    assert.match(report, /vendor\/pod\.yaml: Excluded/);
  });

  test('Scan Folder scans only the folders given', async () => {
    const folderSummary = await client.executeCommand<ScanSummary>(ServerCommands.scanFolder, [uriOf('gen'), [uriOf('gen')]]);
    assert.equal(folderSummary.filesScanned, 1);
    assert.deepEqual(folderSummary.folders, [uriOf('gen')]);
    await assert.rejects(client.executeCommand(ServerCommands.scanFolder), /needs a folder URI/);
  });
});

describe('kubeward.scanOnStartup', () => {
  test('scans after initialization when set, publishing closed files', async () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-startup-')));
    writeTree(root, { 'pod.yaml': POD('web') });
    const client = await LspClient.start({ workspaceFolders: [pathToFileURL(root).href], settings: { scanOnStartup: true, rules: onlyRules('privileged') } });
    try {
      const published = await client.waitForDiagnostics(pathToFileURL(path.join(root, 'pod.yaml')).href);
      assert.deepEqual(codes(published.diagnostics), ['privileged']);
    } finally {
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('workspace scan of a few thousand files', () => {
  const FILES = 2000;
  let root: string;
  const start = (workDoneProgress = true) =>
    LspClient.start({ workspaceFolders: [pathToFileURL(root).href], settings: { rules: onlyRules('privileged', 'image-latest-tag') }, workDoneProgress });

  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-scan-many-')));
    const files: Record<string, string> = {};
    for (let i = 0; i < FILES; i++) files[`team-${i % 20}/app-${i}.yaml`] = i % 2 === 0 ? POD(`app-${i}`) : CLEAN;
    writeTree(root, files);
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  test(`a scan of ${FILES} files completes and publishes every file with findings`, async () => {
    const client = await start();
    try {
      const summary = await client.executeCommand<ScanSummary>(ServerCommands.scanWorkspace);
      assert.equal(summary.filesScanned, FILES);
      assert.equal(summary.filesWithFindings, FILES / 2);
      assert.deepEqual(summary.findings, { error: FILES / 2, warning: FILES / 2, info: 0, hint: 0 });
      const published = new Set(client.published.map((p) => p.uri));
      assert.equal(published.size, FILES / 2);
    } finally {
      await client.stop();
    }
  });

  test('Cancel (window/workDoneProgress/cancel) stops the scan promptly', async () => {
    const client = await start();
    try {
      const running = client.executeCommand<ScanSummary>(ServerCommands.scanWorkspace);
      const report = await client.waitForProgress((e) => e.value.kind === 'report');
      await client.cancelProgress(report.token);
      const summary = await running;
      assert.equal(summary.cancelled, true);
      assert.ok(summary.filesScanned < FILES, `${summary.filesScanned} files`);
      assert.equal(client.progress.filter((e) => e.token === report.token).at(-1)?.value.kind, 'end');
    } finally {
      await client.stop();
    }
  });

  test('a client-provided workDoneToken is used, and cancelling the request cancels the scan', async () => {
    const client = await start(false);
    try {
      const summary = await client.executeCommand<ScanSummary>(ServerCommands.scanWorkspace, [], 'client-token');
      assert.equal(client.progressTokens.length, 0, 'no server-created progress');
      const events = client.progress.filter((e) => e.token === 'client-token');
      assert.equal(events[0]?.value.kind, 'begin');
      assert.equal(events.at(-1)?.value.kind, 'end');
      assert.equal(summary.filesScanned, FILES);
    } finally {
      await client.stop();
    }
  });
});
