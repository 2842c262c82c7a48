// Shared by the CLI tests: run the built `dist/cli.js` as users do, on fixtures or temporary copies.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, promises as fs, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Repository root, from out/test/cli/. */
export const ROOT = path.resolve(__dirname, '../../..');
/** KUBEWARD_TEST_CLI runs the tests against another build (used to check that they catch broken builds). */
export const CLI = process.env['KUBEWARD_TEST_CLI'] ?? path.join(ROOT, 'dist', 'cli.js');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli');

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  /** Run as this uid/gid (root only): root ignores file permissions, so permission tests drop it. */
  readonly user?: { uid: number; gid: number };
}

/** Fails with a clear message rather than ENOENT noise when the bundle was not built. */
export function requireBuiltCli(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} does not exist: run "npm run build" before these tests (npm test does it).`);
}

/** Spawns `node dist/cli.js ...args`, with colour variables removed so that output is predictable. */
export function run(args: readonly string[], options: RunOptions = {}): RunResult {
  requireBuiltCli();
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'NO_COLOR' && key !== 'FORCE_COLOR') env[key] = value;
  }
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...env, ...options.env },
    encoding: 'utf8',
    timeout: 60_000,
    ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Parses stdout as JSON, showing the output when it is not. */
export function json<T = JsonReport>(result: RunResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON:\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

export interface JsonPosition {
  line: number;
  character: number;
}
export interface JsonFinding {
  file: string;
  rule: string;
  severity: string;
  message: string;
  range: { start: JsonPosition; end: JsonPosition };
  resource: { apiVersion: string; kind: string; name: string | null; namespace: string | null } | null;
  container?: string;
  path: string;
  fixable?: 'safe' | 'unsafe';
}
export interface JsonReport {
  version: string;
  findings: JsonFinding[];
  errors: { file: string; message: string }[];
  skipped: { file: string; message: string }[];
}

/** A fresh temporary folder, world-readable so that a test may run the CLI as another user. */
export function tempDir(prefix = 'kubeward-cli-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

const created: string[] = [];
process.on('exit', () => {
  for (const dir of created) {
    try {
      chmodSync(dir, 0o755);
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Leftovers in the temporary folder are harmless.
    }
  }
});

/** Copies fixtures into a new temporary folder and returns it. */
export async function copyFixtures(names: readonly string[]): Promise<string> {
  const dir = tempDir();
  for (const name of names) await fs.copyFile(path.join(FIXTURES, name), path.join(dir, name));
  return dir;
}

/** Whether this process is root, which ignores file permissions. */
export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** `nobody`: the account root tests run the CLI as when permissions must apply. */
export const NOBODY = { uid: 65534, gid: 65534 };

export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

/** A fixture's path as the CLI prints it when run from the repository root. */
export function shown(name: string): string {
  return `test/fixtures/cli/${name}`;
}

/** two-problems.yaml with its privileged container suppressed by a comment with a reason. */
export function suppressedFixture(): string {
  const dir = tempDir('kubeward-suppress-');
  const text = readFileSync(fixture('two-problems.yaml'), 'utf8').replace(
    '            privileged: true\n',
    '            # kubeward-disable-next-line privileged -- the node agent needs raw devices\n            privileged: true\n',
  );
  writeFileSync(path.join(dir, 'agent.yaml'), text);
  return dir;
}
