#!/usr/bin/env node
// Runs the test/e2e suite inside a real VS Code extension host without downloading VS Code: the VS Code
// server bundled in the code-server npm package (installed by scripts/e2e-setup.sh) serves the
// workbench, and Debian's chromium, driven by playwright-core, loads it with our extension in development
// mode. Then it checks the Problems panel in the browser and saves a screenshot.
// Recipe and pitfalls: shared/design/e2e-real-vscode.md. Expects `npm run build` and
// `tsc -p test/e2e` to have run (the npm script `test:e2e` does both).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverMain = path.join(repo, '.vscode-host/node_modules/code-server/lib/vscode/out/server-main.js');
const chromiumPath = process.env.KUBEWARD_E2E_CHROMIUM ?? '/usr/bin/chromium';
const resultsDir = path.join(repo, 'test-results');
const reportFile = path.join(resultsDir, 'e2e-report.json');
const screenshotFile = path.join(resultsDir, 'problems-panel.png');
const fixtureWorkspace = path.join(repo, 'test/e2e/workspace');

// One deadline for the whole run, so a hung workbench cannot hold CI; cleanup runs after it fires.
const OVERALL_TIMEOUT_MS = Number(process.env.KUBEWARD_E2E_TIMEOUT_MS ?? 240_000);
// The UI check gets its own share, so that a stuck step is reported by name with a screenshot.
const UI_TIMEOUT_MS = 60_000;
// The flags that work in this container (see the recipe); a fresh profile dir per run keeps state out.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];
/** What the UI check expects in the Problems panel for deploy.yaml: one row per finding. */
const PANEL_FILE = 'deploy.yaml';
const PANEL_CODES = ['host-namespaces', 'image-latest-tag', 'privilege-escalation', 'privileged', 'read-only-root-filesystem', 'run-as-non-root'];

const started = Date.now();
const log = (message) => console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${message}`);
const timings = {};

function fail(message) {
  throw Object.assign(new Error(message), { expected: true });
}

function requireFile(file, hint) {
  if (!fs.existsSync(file)) fail(`${path.relative(repo, file)} is missing: ${hint}`);
}

/** True while any process of the group exists; signal 0 checks without sending anything. */
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // Already gone.
  }
}

/** Stops the server and everything it started (extension host, language server, file watcher). */
async function stopGroup(pgid) {
  if (!groupAlive(pgid)) return;
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + 5_000;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (groupAlive(pgid)) {
    log(`process group ${pgid} ignored SIGTERM; sending SIGKILL`);
    signalGroup(pgid, 'SIGKILL');
  }
}

/**
 * The port the server chose: it listens on port 0, so the kernel hands out a free one and two runs
 * on one machine cannot end up talking to each other's server (a probed "free" port can be taken
 * by another run before our server binds it).
 */
function waitForPort(server, serverLog, deadline) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => finish(new Error('the VS Code server did not report its port in time')), Math.max(0, deadline - Date.now()));
    const onData = (chunk) => {
      fs.writeSync(serverLog, chunk);
      if (seen === undefined) return;
      seen += chunk.toString();
      const match = /Extension host agent listening on (\d+)/.exec(seen);
      if (match) finish(undefined, Number(match[1]));
    };
    const onExit = (code) => finish(new Error(`the VS Code server exited with code ${code} before it listened`));
    function finish(error, port) {
      clearTimeout(timer);
      server.off('exit', onExit);
      seen = undefined;
      if (error) reject(Object.assign(error, { expected: true }));
      else resolve(port);
    }
    // Keeps copying the server's output to its log after the port is known.
    server.stdout.on('data', onData);
    server.on('exit', onExit);
  });
}

async function waitForReport(server, file, runId, deadline) {
  while (Date.now() < deadline) {
    if (fs.existsSync(file)) {
      const report = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (report.runId !== runId) fail(`the report in ${file} belongs to another run (${report.runId}, expected ${runId})`);
      fs.copyFileSync(file, reportFile);
      return report;
    }
    if (server.exitCode !== null) fail(`the VS Code server exited with code ${server.exitCode} before the suite reported`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  fail(`no report at ${file} before the deadline; the suite hung or never started`);
}

function workbenchUrl(base, remoteAuthority, folder, payload) {
  const query = new URLSearchParams({ folder });
  // The workbench reads extensionDevelopmentPath / extensionTestsPath from `payload` as remote URIs.
  const remote = (file) => `vscode-remote://${remoteAuthority}${file}`;
  query.set('payload', JSON.stringify(Object.entries(payload).map(([key, file]) => [key, remote(file)])));
  return `${base}/?${query}`;
}

/**
 * The Problems-panel check. Selectors are VS Code internals (checked on 1.100.3), kept here together;
 * every step waits for an element, never for a fixed time, and names itself when it times out.
 */
async function checkProblemsPanel(page, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const step = async (name, action) => {
    try {
      return await action(Math.max(1_000, deadline - Date.now()));
    } catch (error) {
      fail(`${name}: ${error.message.split('\n')[0]}`);
    }
  };
  await step('workbench', (timeout) => page.locator('.monaco-workbench').waitFor({ timeout }));
  const fileRow = page.locator(`.explorer-folders-view .monaco-list-row:has-text("${PANEL_FILE}")`).first();
  await step(`${PANEL_FILE} in the explorer`, (timeout) => fileRow.click({ timeout }));
  await step(`${PANEL_FILE} editor tab`, (timeout) =>
    page.locator(`.tabs-container .tab:has-text("${PANEL_FILE}")`).first().waitFor({ timeout }));
  // Squiggles mean the language server has published for the open editor.
  await step('squiggles in the editor', (timeout) => page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout }));
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel');
  await step('Problems panel', (timeout) => panel.waitFor({ timeout }));
  // Rows are read from their parts: the panel draws the parentheses around the code with CSS.
  const readRows = () =>
    [...document.querySelectorAll('.markers-panel .monaco-list-row')].map((row) => ({
      source: row.querySelector('.marker-source')?.textContent?.trim() ?? '',
      code: row.querySelector('.marker-code')?.textContent?.trim() ?? '',
      text: (row.textContent ?? '').replace(/\s+/g, ' ').trim(),
    }));
  const missing = (rows) => PANEL_CODES.filter((code) => !rows.some((row) => row.source === 'kubeward' && row.code === code));
  let rows = await page.evaluate(readRows);
  while (missing(rows).length > 0) {
    if (Date.now() > deadline) {
      fail(`Problems panel: no kubeward row for ${missing(rows).join(', ')}; rows: ${JSON.stringify(rows.map((row) => row.text))}`);
    }
    await page.waitForTimeout(200);
    rows = await page.evaluate(readRows);
  }
  if (!rows.some((row) => row.text.includes(PANEL_FILE))) fail(`the Problems panel has no ${PANEL_FILE} group`);
  // A row's text runs "<message>kubeward<code>[Ln 18, Col 20]"; print it as the panel draws it.
  return rows.map((row) => (row.code ? row.text.replace(`${row.source}${row.code}`, ` ${row.source}(${row.code}) `) : row.text));
}

async function main(scratch, state) {
  requireFile(serverMain, 'run `bash scripts/e2e-setup.sh` first');
  requireFile(chromiumPath, 'run `bash scripts/e2e-setup.sh` first (installs Debian chromium)');
  requireFile(path.join(repo, 'dist/extension.js'), 'run `npm run build` first (`npm run test:e2e` does)');
  requireFile(path.join(repo, 'dist/server.js'), 'run `npm run build` first (`npm run test:e2e` does)');
  requireFile(path.join(repo, 'out-e2e/index.js'), 'run `tsc -p test/e2e` first (`npm run test:e2e` does)');
  fs.mkdirSync(resultsDir, { recursive: true });
  // A report or screenshot left from an earlier run would fake a pass.
  for (const stale of [reportFile, screenshotFile]) fs.rmSync(stale, { force: true });

  const home = path.join(scratch, 'home');
  const userData = path.join(scratch, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(home, { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'extensions.autoUpdate': false, 'update.mode': 'none', 'workbench.tips.enabled': false }),
  );
  // Tests save files and settings, so each browser window gets its own copy of the fixture workspace.
  const testsWorkspace = path.join(scratch, 'ws-tests');
  const uiWorkspace = path.join(scratch, 'ws-ui');
  fs.cpSync(fixtureWorkspace, testsWorkspace, { recursive: true });
  fs.cpSync(fixtureWorkspace, uiWorkspace, { recursive: true });

  const serverLog = fs.openSync(path.join(resultsDir, 'e2e-server.log'), 'w');
  // Per run, in the scratch dir: a concurrent run in the same checkout cannot overwrite it.
  const runReport = path.join(scratch, 'e2e-report.json');
  const runId = randomUUID();
  // Scratch HOME and XDG dirs: the server, the extension host and chromium otherwise write into ~/.
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    KUBEWARD_E2E_REPORT: runReport,
    KUBEWARD_E2E_RUN_ID: runId,
  };
  const serverStart = Date.now();
  // detached: the server leads a new process group, which we kill as a whole, children included.
  const server = spawn(
    process.execPath,
    [
      serverMain, '--host', '127.0.0.1', '--port', '0', '--without-connection-token',
      '--accept-server-license-terms', '--enable-smoke-test-driver', '--disable-telemetry', '--disable-workspace-trust',
      '--server-data-dir', path.join(scratch, 'server-data'), '--user-data-dir', userData,
      '--extensions-dir', path.join(scratch, 'extensions'),
      // For diagnosis, e.g. KUBEWARD_E2E_SERVER_ARGS="--log kubeward.kubeward:trace" with kubeward.trace.server.
      ...(process.env.KUBEWARD_E2E_SERVER_ARGS?.split(' ').filter(Boolean) ?? []),
    ],
    { cwd: scratch, env, detached: true, stdio: ['ignore', 'pipe', serverLog] },
  );
  state.serverGroup = server.pid;
  server.on('exit', (code, signal) => log(`VS Code server exited (${signal ?? code})`));
  const port = await waitForPort(server, serverLog, state.deadline);
  const authority = `127.0.0.1:${port}`;
  const base = `http://${authority}`;
  log(`VS Code server (pid/pgid ${server.pid}) listening on ${base}`);
  timings.serverReadyMs = Date.now() - serverStart;

  const browserLog = fs.createWriteStream(path.join(resultsDir, 'e2e-browser.log'));
  const browserStart = Date.now();
  const context = await chromium.launchPersistentContext(path.join(scratch, 'chromium-profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    env,
    viewport: { width: 1400, height: 1000 },
  });
  state.context = context;
  timings.browserLaunchMs = Date.now() - browserStart;

  // The full browser console (workbench and extension host) is kept for diagnosis; the suite's
  // results are printed from its report.
  const watch = (page, name) => {
    page.on('console', (message) => browserLog.write(`[${name}] ${message.type()}: ${message.text()}\n`));
    page.on('pageerror', (error) => browserLog.write(`[${name}] pageerror: ${error.message}\n`));
  };

  // 1. The mocha suite, inside the extension host of a window opened in extension-development mode.
  const testsStart = Date.now();
  const testsPage = context.pages()[0] ?? (await context.newPage());
  watch(testsPage, 'tests');
  await testsPage.goto(workbenchUrl(base, authority, testsWorkspace, {
    extensionDevelopmentPath: repo,
    extensionTestsPath: path.join(repo, 'out-e2e/index.js'),
  }));
  log('workbench loaded; waiting for the suite report');
  const report = await waitForReport(server, runReport, runId, state.deadline);
  timings.suiteMs = Date.now() - testsStart;
  log(`suite in VS Code ${report.vscodeVersion} (${report.uiKind} UI, remote ${report.remoteName}): ` +
    `${report.passed} passed, ${report.failed} failed, ${report.pending} pending, ${report.durationMs} ms in mocha`);
  for (const test of report.tests) {
    console.log(`  ${test.state === 'passed' ? 'ok  ' : 'FAIL'} ${test.title} (${test.durationMs} ms)`);
    if (test.error) console.log(test.error.replace(/^/gm, '       '));
  }
  await testsPage.close();

  // 2. The UI check, in a fresh window with the extension in development mode but no tests.
  const uiStart = Date.now();
  const uiPage = await context.newPage();
  watch(uiPage, 'ui');
  await uiPage.goto(workbenchUrl(base, authority, uiWorkspace, { extensionDevelopmentPath: repo }));
  let uiError;
  try {
    const rows = await checkProblemsPanel(uiPage, Math.min(UI_TIMEOUT_MS, state.deadline - Date.now()));
    log(`Problems panel lists ${rows.filter((row) => row.includes(' kubeward(')).length} Kubeward findings:`);
    for (const row of rows) console.log(`  | ${row}`);
  } catch (error) {
    uiError = error;
  }
  // Saved on failure too: the picture is the quickest way to see what went wrong.
  await uiPage.screenshot({ path: screenshotFile });
  timings.uiCheckMs = Date.now() - uiStart;
  log(`screenshot: ${path.relative(repo, screenshotFile)}`);
  if (uiError) fail(`UI check failed: ${uiError.message}`);

  if (report.failed > 0 || report.pending > 0 || report.passed === 0) {
    fail(`the e2e suite reported ${report.failed} failed, ${report.pending} pending, ${report.passed} passed`);
  }
}

async function cleanup(state) {
  state.cleanup ??= (async () => {
    // The server group first: it is what must never outlive us, and playwright's own signal
    // handlers may end the process while chromium is still closing.
    if (state.serverGroup) await stopGroup(state.serverGroup);
    try {
      await state.context?.close();
    } catch (error) {
      log(`closing chromium: ${error.message}`);
    }
    if (state.scratch && !process.env.KUBEWARD_E2E_KEEP) fs.rmSync(state.scratch, { recursive: true, force: true });
    else if (state.scratch) log(`kept ${state.scratch} (server logs under user-data/logs)`);
  })();
  return state.cleanup;
}

const state = { deadline: started + OVERALL_TIMEOUT_MS, scratch: fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-e2e-')) };
// Last resort when the process ends before cleanup finished (an uncaught error, process.exit from a
// signal handler): signals are synchronous, so the server group still goes.
process.on('exit', () => {
  if (state.serverGroup && groupAlive(state.serverGroup)) signalGroup(state.serverGroup, 'SIGKILL');
  if (state.scratch && !process.env.KUBEWARD_E2E_KEEP) fs.rmSync(state.scratch, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    cleanup(state).finally(() => process.exit(128 + os.constants.signals[signal]));
  });
}

let exitCode = 1;
let timer;
try {
  await Promise.race([
    main(state.scratch, state),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`overall timeout of ${OVERALL_TIMEOUT_MS / 1000} s reached`)), OVERALL_TIMEOUT_MS);
    }),
  ]);
  exitCode = 0;
} catch (error) {
  console.error(`[e2e] FAILED: ${error.expected ? error.message : error.stack}`);
  console.error(`[e2e] logs: test-results/e2e-server.log, test-results/e2e-browser.log`);
} finally {
  clearTimeout(timer);
  await cleanup(state);
  const leftover = state.serverGroup && groupAlive(state.serverGroup);
  if (leftover) {
    console.error(`[e2e] process group ${state.serverGroup} is still alive after cleanup`);
    exitCode = 1;
  }
  log(`${exitCode === 0 ? 'PASSED' : 'FAILED'}; timings (ms): ${JSON.stringify(timings)}`);
  process.exitCode = exitCode;
}
