import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort, which, withDeadline } from './util';

/** Why the real-registry tests are skipped, or undefined when they can run. */
export function dockerRegistrySkipReason(): string | undefined {
  if (which('docker-registry')) return undefined;
  return 'docker-registry is not installed, so the tests against a real OCI registry are SKIPPED; run `bash scripts/ci-registry-deps.sh` (apt-get install docker-registry) to run them';
}

export interface TokenAuthConfig {
  readonly realm: string;
  readonly service: string;
  readonly issuer: string;
  /** Absolute path of the issuer's certificate. */
  readonly rootCertBundle: string;
}

export interface RegistryStartOptions {
  /** The scratch directory of this run; config and storage go below it. */
  readonly dir: string;
  readonly auth?: TokenAuthConfig;
  readonly tls?: { readonly certificate: string; readonly key: string };
  /** Serve another registry's storage (e.g. the same images over HTTPS); default: a fresh directory. */
  readonly storageDir?: string;
}

export interface RunningRegistry {
  /** `127.0.0.1:<port>`, as an image reference names it. */
  readonly host: string;
  readonly port: number;
  /** `http://127.0.0.1:<port>` (or https with `tls`). */
  readonly url: string;
  readonly storageDir: string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Whatever happens to the test process, no registry outlives it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) killGroup(child, 'SIGKILL');
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Starts Debian's docker-registry on 127.0.0.1 with a config written for this run, in its own
 * process group (spawn's `detached` is setsid(2)). A small shell parent holds the registry and
 * kills it when its stdin closes, so even a SIGKILLed test process leaves no registry behind.
 * Ready when the registry logs "listening on"; no polling.
 */
export async function startDockerRegistry(options: RegistryStartOptions): Promise<RunningRegistry> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(options, attempt);
    } catch (error) {
      lastError = error;
      // Only a lost race for the port is worth another try.
      if (!/address already in use/i.test(String(error))) break;
    }
  }
  throw lastError;
}

async function startOnce(options: RegistryStartOptions, attempt: number): Promise<RunningRegistry> {
  installExitHook();
  const port = await freePort();
  const runDir = join(options.dir, `registry-${port}-${attempt}`);
  const storage = options.storageDir ?? join(runDir, 'data');
  await mkdir(storage, { recursive: true });
  await mkdir(runDir, { recursive: true });
  const config = {
    version: 0.1,
    log: { level: 'info', accesslog: { disabled: true } },
    storage: { filesystem: { rootdirectory: storage }, delete: { enabled: true } },
    http: {
      addr: `127.0.0.1:${port}`,
      secret: randomBytes(16).toString('hex'),
      ...(options.tls ? { tls: { certificate: options.tls.certificate, key: options.tls.key } } : {}),
    },
    ...(options.auth
      ? { auth: { token: { realm: options.auth.realm, service: options.auth.service, issuer: options.auth.issuer, rootcertbundle: options.auth.rootCertBundle } } }
      : {}),
  };
  // JSON is YAML, and needs no quoting rules of its own.
  const configPath = join(runDir, 'config.yml');
  await writeFile(configPath, JSON.stringify(config, null, 2));

  const child = spawn(
    'sh',
    ['-c', 'docker-registry serve "$1" & child=$!; read -r _ || true; kill "$child" 2>/dev/null; wait "$child"', 'registry-wrapper', configPath],
    { detached: true, stdio: ['pipe', 'ignore', 'pipe'] },
  );
  running.add(child);
  let log = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      log += chunk;
      if (log.length > 64_000) log = log.slice(-32_000);
      if (/listening on/.test(log)) resolve();
      if (/address already in use|level=fatal|level=panic/.test(log)) reject(new Error(`docker-registry failed to start: ${log.trim()}`));
    });
    child.once('exit', (code) => reject(new Error(`docker-registry exited with ${code} before listening: ${log.trim()}`)));
    child.once('error', reject);
  });
  const stop = async (): Promise<void> => {
    if (!running.has(child)) return;
    running.delete(child);
    const closed = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('close', () => resolve());
    });
    // End of input makes the wrapper stop the registry and wait for it, so that the registry is
    // reaped by its parent rather than left to init as a zombie. Signals are the fallback.
    child.stdin?.end();
    try {
      await withDeadline(closed, 3000, 'docker-registry exit');
    } catch {
      killGroup(child, 'SIGKILL');
    }
  };
  try {
    await withDeadline(ready, 15_000, 'docker-registry start');
  } catch (error) {
    await stop();
    throw error;
  }
  const scheme = options.tls ? 'https' : 'http';
  return { host: `127.0.0.1:${port}`, port, url: `${scheme}://127.0.0.1:${port}`, storageDir: storage, stop };
}
