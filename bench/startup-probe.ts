/**
 * Runs in a fresh Node process (so nothing is cached) and loads dist/extension.js the way VS Code's
 * extension host does: require the bundle, call activate(context), await its promise. VS Code
 * reports the same three figures per extension (code loading, activate call, activate resolved).
 *
 * `vscode` is a fake: the few values the client reads are real (version, empty folders and
 * documents, configuration defaults); everything else is a recursive no-op proxy. So the figures
 * are the extension's own JavaScript work plus the real server start-up (the client forks
 * dist/server.js over IPC and waits for `initialize`), without VS Code's side of each API call.
 * Prints one JSON line.
 */
import childProcess = require('node:child_process');
import Module = require('node:module');
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const root = path.resolve(__dirname, '..', '..');

/** A callable, constructible, endlessly nested stand-in for any API the test does not care about. */
function noop(name: string): unknown {
  const cache = new Map<PropertyKey, unknown>();
  const target = function () {
    /* stand-in */
  };
  return new Proxy(target, {
    get(_, key) {
      if (key === 'then') return undefined; // not a promise, or `await` would hang
      if (key === Symbol.iterator) return function* () {
        /* empty */
      };
      if (key === Symbol.toPrimitive) return () => '';
      if (key === 'dispose') return () => undefined;
      if (!cache.has(key)) cache.set(key, noop(`${name}.${String(key)}`));
      return cache.get(key);
    },
    apply: () => noop(`${name}()`),
    construct: () => noop(`new ${name}`) as object,
  });
}

function withFallback<T extends object>(name: string, real: T): T {
  const fallback = noop(name) as Record<PropertyKey, unknown>;
  return new Proxy(real, { get: (t, key) => (key in t ? (t as Record<PropertyKey, unknown>)[key] : fallback[key]) });
}

function fakeUri(fsPath: string): unknown {
  return withFallback('Uri', { fsPath, scheme: 'file', path: fsPath, toString: () => `file://${fsPath}` });
}

const disposable = () => ({ dispose: () => undefined });
const configuration = () => withFallback('configuration', { get: (_key: string, fallback?: unknown) => fallback, has: () => false, inspect: () => undefined });

const vscode = withFallback('vscode', {
  version: '1.91.0',
  Uri: withFallback('Uri', { file: (p: string) => fakeUri(p), parse: (s: string) => fakeUri(s.replace(/^file:\/\//, '')) }),
  Disposable: Object.assign(function (this: unknown) { /* stand-in */ }, { from: () => disposable() }),
  workspace: withFallback('workspace', {
    workspaceFolders: undefined,
    textDocuments: [],
    notebookDocuments: [],
    getConfiguration: configuration,
    isTrusted: true,
  }),
  window: withFallback('window', { visibleTextEditors: [], activeTextEditor: undefined }),
  env: withFallback('env', { appName: 'bench', language: 'en', machineId: 'bench', sessionId: 'bench', uriScheme: 'vscode' }),
});

const moduleInternals = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = moduleInternals._resolveFilename;
moduleInternals._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache['vscode'] = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode } as unknown as NodeJS.Module;

// The moment the server process is launched: everything before it is the extension's own start.
let forkedAt: number | undefined;
const forked: childProcess.ChildProcess[] = [];
const originalFork = childProcess.fork;
(childProcess as { fork: typeof childProcess.fork }).fork = ((...args: Parameters<typeof childProcess.fork>) => {
  forkedAt ??= performance.now();
  const child = originalFork(...args);
  forked.push(child);
  return child;
}) as typeof childProcess.fork;
process.on('exit', () => forked.forEach((child) => child.kill('SIGKILL')));

async function main(): Promise<void> {
  const context = withFallback('context', {
    subscriptions: [] as { dispose(): unknown }[],
    asAbsolutePath: (relative: string) => path.join(root, relative),
    extensionPath: root,
    extensionUri: fakeUri(root),
  });
  const t0 = performance.now();
  const extension = require(path.join(root, 'dist', 'extension.js')) as { activate(c: unknown): Promise<void>; deactivate(): Promise<void> };
  const loaded = performance.now();
  const activation = extension.activate(context);
  const called = performance.now();
  let error: string | undefined;
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000).unref());
  const outcome = await Promise.race([activation.then(() => 'resolved' as const, (e: unknown) => ((error = String(e)), 'rejected' as const)), timeout]);
  const resolvedAt = performance.now();
  console.log(JSON.stringify({
    loadMs: loaded - t0,
    activateCallMs: called - loaded,
    toServerLaunchMs: forkedAt !== undefined ? forkedAt - t0 : undefined,
    activateResolvedMs: outcome === 'resolved' ? resolvedAt - t0 : undefined,
    outcome,
    ...(error ? { error } : {}),
  }));
  await Promise.race([extension.deactivate().catch(() => undefined), new Promise((r) => setTimeout(r, 3000).unref())]);
  process.exit(0);
}

main().catch((e: unknown) => {
  console.log(JSON.stringify({ outcome: 'failed', error: String(e) }));
  process.exit(0);
});
