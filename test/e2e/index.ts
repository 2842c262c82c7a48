import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** One test's outcome, as the launchers print it. */
interface TestRecord {
  readonly title: string;
  readonly state: 'passed' | 'failed';
  readonly durationMs: number;
  readonly error?: string;
}

/** What the launchers judge by: the extension host exits 0 whether or not tests fail. */
export interface E2eReport {
  /** Set by the launcher, which rejects a report from any other run. */
  readonly runId: string | undefined;
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly tests: readonly TestRecord[];
  readonly durationMs: number;
  readonly vscodeVersion: string;
  readonly uiKind: string;
  readonly remoteName: string | undefined;
}

/** Where the report goes; both launchers set the variable, the default suits a manual run. */
export function reportPath(): string {
  return process.env['KUBEWARD_E2E_REPORT'] ?? path.resolve(__dirname, '..', 'test-results', 'e2e-report.json');
}

function writeReport(report: E2eReport): void {
  const file = reportPath();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Write then rename, so a launcher polling for the file never reads half of it.
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(report, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

/** Called by VS Code in the extension host (extensionTestsPath). */
export async function run(): Promise<void> {
  // Loaded lazily: `vscode` exists only inside the extension host.
  const vscode = await import('vscode');
  const started = Date.now();
  const tests: TestRecord[] = [];
  let pending = 0;
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 30_000,
    color: false,
    // A skipped or focused test would otherwise look like a pass in the report.
    forbidOnly: true,
    forbidPending: true,
  });
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  const meta = {
    vscodeVersion: vscode.version,
    uiKind: vscode.UIKind[vscode.env.uiKind] ?? String(vscode.env.uiKind),
    remoteName: vscode.env.remoteName,
  };
  try {
    await new Promise<void>((resolve) => {
      mocha
        .run()
        .on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }))
        .on('fail', (test, error: Error) => {
          tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: error.stack ?? error.message });
        })
        .on('pending', () => pending++)
        .on('end', () => resolve());
    });
  } catch (error) {
    // A suite file that throws while loading must fail the run, not leave it without a report.
    const err = error as Error;
    tests.push({ title: 'loading the e2e suite', state: 'failed', durationMs: 0, error: err.stack ?? String(err) });
  }
  const failed = tests.filter((test) => test.state === 'failed');
  writeReport({
    runId: process.env['KUBEWARD_E2E_RUN_ID'],
    passed: tests.length - failed.length,
    failed: failed.length,
    pending,
    tests,
    durationMs: Date.now() - started,
    ...meta,
  });
  for (const test of tests) console.log(`${test.state === 'passed' ? 'ok  ' : 'FAIL'} ${test.title} (${test.durationMs} ms)`);
  for (const test of failed) console.error(`FAIL ${test.title}\n${test.error ?? ''}`);
  console.log(`${tests.length - failed.length} passed, ${failed.length} failed, ${pending} pending`);
  // test-electron turns a rejection into a non-zero exit code; code-server ignores it, hence the report.
  if (failed.length > 0 || pending > 0) throw new Error(`${failed.length} e2e test(s) failed`);
}
