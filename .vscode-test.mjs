// Runs the test/e2e suite in VS Code downloaded by @vscode/test-electron (`npm run test:e2e:electron`),
// for machines that can reach update.code.visualstudio.com. Where only npm and Debian are reachable,
// `npm run test:e2e` runs the same suite in code-server's VS Code instead (scripts/e2e-run.mjs).
// On a Linux machine without a display, run it under xvfb-run.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const repo = path.dirname(fileURLToPath(import.meta.url));
const reportFile = path.join(repo, 'test-results', 'e2e-report.json');
const runId = randomUUID();
// The oldest VS Code the manifest accepts is the interesting one; override with VSCODE_VERSION=stable.
const version = process.env.VSCODE_VERSION ?? '1.91.1';

// The suite saves files and settings, so it gets a copy of the fixture workspace.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-e2e-electron-'));
const workspace = path.join(scratch, 'workspace');
fs.cpSync(path.join(repo, 'test/e2e/workspace'), workspace, { recursive: true });
fs.rmSync(reportFile, { force: true });

let exitCode = 1;
try {
  const hostExit = await runTests({
    version,
    extensionDevelopmentPath: repo,
    extensionTestsPath: path.join(repo, 'out-e2e', 'index.js'),
    extensionTestsEnv: { KUBEWARD_E2E_REPORT: reportFile, KUBEWARD_E2E_RUN_ID: runId },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(scratch, 'user-data')],
  });
  // Judge by the report as in e2e-run.mjs: a host that never ran the suite also exits 0.
  const report = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf8')) : undefined;
  if (!report || report.runId !== runId) {
    console.error(`[e2e:electron] no report at ${path.relative(repo, reportFile)}; the suite did not run`);
  } else {
    console.log(`[e2e:electron] ${report.passed} passed, ${report.failed} failed, ${report.pending} pending (VS Code ${report.vscodeVersion})`);
    if (hostExit === 0 && report.passed > 0 && report.failed === 0 && report.pending === 0) exitCode = 0;
  }
} catch (error) {
  console.error(`[e2e:electron] ${error instanceof Error ? error.message : String(error)}`);
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
process.exitCode = exitCode;
