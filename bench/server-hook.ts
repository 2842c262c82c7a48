/**
 * Preloaded into a language server under test (`node --require out/bench/server-hook.js server.js
 * --stdio`). It times the server from the inside without touching its code, so the same probe
 * works for Kubeward and for yaml-language-server:
 *
 * - when a chunk carrying `textDocument/didOpen` or `didChange` arrives on stdin, and
 * - when the server hands a `textDocument/publishDiagnostics` message to stdout.
 *
 * The difference is server time: the client's framing, the pipe and the client's JSON parse of a
 * multi-megabyte diagnostics message are left out. Events go to stderr, one JSON line each,
 * prefixed so that the server's own stderr output can be told apart.
 *
 * With BENCH_PROFILE_DIR set it also records a CPU profile per timed interval (inspector, in
 * process), so a profile shows one open or one edit rather than the whole life of the server.
 */
import { writeFileSync } from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

export const EVENT_PREFIX = 'KUBEWARD_BENCH ';

const INCOMING = ['textDocument/didOpen', 'textDocument/didChange'] as const;
const PUBLISH = '"method":"textDocument/publishDiagnostics"';

/**
 * CPU time of the whole process (all threads) goes with every event: on a shared, overloaded
 * machine wall time includes waiting for a core, CPU time does not.
 */
function emit(event: Record<string, unknown>): void {
  const cpu = process.cpuUsage();
  process.stderr.write(`${EVENT_PREFIX}${JSON.stringify({ ...event, cpu: (cpu.user + cpu.system) / 1000 })}\n`);
}

function asBuffer(chunk: unknown): Buffer | undefined {
  if (typeof chunk === 'string') return Buffer.from(chunk.slice(0, 4096));
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, Math.min(chunk.byteLength, 4096));
  return undefined;
}

const profileDir = process.env['BENCH_PROFILE_DIR'];
const profileInterval = Number(process.env['BENCH_PROFILE_INTERVAL_US'] ?? '200');
let session: inspector.Session | undefined;
let profiling: string | undefined;
let profileCount = 0;

function post(method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) => session?.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))));
}

if (profileDir) {
  session = new inspector.Session();
  session.connect();
  void post('Profiler.enable').then(() => post('Profiler.setSamplingInterval', { interval: profileInterval }));
}

function startProfile(label: string): void {
  if (!session || profiling) return;
  profiling = label;
  void post('Profiler.start');
}

function stopProfile(): void {
  if (!session || !profiling || !profileDir) return;
  const label = profiling;
  profiling = undefined;
  void post('Profiler.stop').then((result) => {
    const file = path.join(profileDir, `${label}-${process.pid}-${++profileCount}.cpuprofile`);
    writeFileSync(file, JSON.stringify((result as { profile: unknown }).profile));
  });
}

// Prepended to the first 'data' listener so the arrival time is taken before the server parses.
const stdin = process.stdin;
const originalOn = stdin.on.bind(stdin) as unknown as (event: string | symbol, listener: (...args: never[]) => void) => typeof stdin;
let hooked = false;
stdin.on = ((event: string | symbol, listener: (...args: unknown[]) => void) => {
  if (event === 'data' && !hooked) {
    hooked = true;
    originalOn('data', (chunk: Buffer) => {
      const t = performance.now();
      for (const method of INCOMING) {
        if (chunk.indexOf(`"method":"${method}"`) !== -1) {
          emit({ kind: 'in', method, t });
          startProfile(method === 'textDocument/didOpen' ? 'open' : 'edit');
        }
      }
    });
  }
  return originalOn(event, listener);
}) as typeof stdin.on;

const stdout = process.stdout;
const originalWrite = stdout.write.bind(stdout) as unknown as (...args: unknown[]) => boolean;
stdout.write = ((...args: unknown[]) => {
  const head = asBuffer(args[0]);
  if (head && head.indexOf(PUBLISH) !== -1) {
    const t = performance.now();
    const uri = /"uri":"([^"]*)"/.exec(head.toString('utf8'))?.[1];
    // Once handed to the pipe the message is the client's business; stop the profile first.
    stopProfile();
    emit({ kind: 'out', uri, t });
  }
  return originalWrite(...args);
}) as typeof stdout.write;
