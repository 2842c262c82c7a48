/**
 * A small LSP client for benchmarks: it drives a language server process over stdio exactly as an
 * editor would (initialize, configuration pulls, didOpen, didChange) and times what users wait
 * for. Both servers run under bench/server-hook, so every figure exists twice: as the client sees
 * it and as server time (see server-hook.ts for where that clock starts and stops).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
  type ConfigurationParams,
  type InitializeResult,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { EVENT_PREFIX } from './server-hook';

/** The repository root, from out/bench/*.js or bench/*.ts alike. */
export const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../..' : '..');
export const HOOK = path.join(ROOT, 'out', 'bench', 'server-hook.js');

export interface ServerSpec {
  readonly name: string;
  /** Script and arguments, run with this Node. */
  readonly args: readonly string[];
  readonly initializationOptions?: unknown;
  /** The answer to one `workspace/configuration` item. */
  configuration(section: string | undefined): unknown;
  /** Pushed after `initialized` (yaml-language-server re-pulls its settings on this notification). */
  readonly pushSettings?: unknown;
}

export function kubewardServer(): ServerSpec {
  return {
    name: 'kubeward',
    args: [path.join(ROOT, 'dist', 'server.js'), '--stdio'],
    // The debounce models typing; a benchmark of one edit must not wait for it.
    initializationOptions: { debounceMs: 0 },
    // Empty sections mean "defaults" to the server (normalizeSettings fills them in).
    configuration: () => ({}),
  };
}

/**
 * yaml-language-server as the Red Hat YAML extension runs it, with the Kubernetes schema mapped
 * from a local file (its `kubernetes` setting would fetch one from GitHub, which is unreachable).
 */
export function yamlLanguageServer(schemaFile: string, fileGlob: string): ServerSpec {
  const yaml = {
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemaStore: { enable: false },
    schemas: { [pathToFileURL(schemaFile).toString()]: fileGlob },
  };
  return {
    name: 'yaml-language-server',
    args: [path.join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
    configuration: (section) => (section === 'yaml' ? yaml : {}),
    pushSettings: { yaml },
  };
}

interface HookEvent {
  readonly kind: 'in' | 'out';
  readonly method?: string;
  readonly uri?: string;
  readonly t: number;
  /** Process CPU time in ms (user + system, all threads). */
  readonly cpu?: number;
}

interface Received {
  readonly params: PublishDiagnosticsParams;
  readonly at: number;
  /** Position among this URI's publishDiagnostics messages, to pair it with the hook's `out` event. */
  readonly index: number;
}

const live = new Set<ChildProcess>();
let exitHooked = false;

/** Servers must not outlive the bench, whether it finishes, throws or is interrupted. */
function killAllOnExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const child of live) child.kill('SIGKILL');
      process.exit(130);
    });
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** VmHWM and VmRSS of a process in MB (1 MB = 1024 KiB), from /proc; undefined where there is no /proc. */
export function memoryOf(pid: number): { peakMb: number; rssMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { peakMb: kib('VmHWM') / 1024, rssMb: kib('VmRSS') / 1024 };
  } catch {
    return undefined;
  }
}

export interface SessionOptions {
  readonly execArgv?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly workspaceFolders?: readonly string[];
}

/** One server process and the client side of its connection. */
export class LspSession {
  readonly child: ChildProcess;
  readonly connection: MessageConnection;
  readonly events: HookEvent[] = [];
  initializeResult: InitializeResult | undefined;
  private readonly received = new Map<string, Received[]>();
  private readonly waiters = new Set<() => void>();
  private stderrTail = '';
  private exited = false;

  constructor(readonly spec: ServerSpec, private readonly options: SessionOptions = {}) {
    killAllOnExit();
    this.child = spawn(process.execPath, [...(options.execArgv ?? []), '--require', HOOK, ...spec.args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    live.add(this.child);
    this.child.on('exit', () => {
      this.exited = true;
      live.delete(this.child);
      this.wake();
    });
    let pending = '';
    this.child.stderr?.setEncoding('utf8').on('data', (data: string) => {
      pending += data;
      let nl: number;
      while ((nl = pending.indexOf('\n')) !== -1) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (line.startsWith(EVENT_PREFIX)) this.events.push(JSON.parse(line.slice(EVENT_PREFIX.length)) as HookEvent);
        else this.stderrTail = `${this.stderrTail}${line}\n`.slice(-4000);
      }
      this.wake();
    });
    const stdout = this.child.stdout;
    const stdin = this.child.stdin;
    if (!stdout || !stdin) throw new Error('no stdio pipes');
    this.connection = createMessageConnection(new StreamMessageReader(stdout), new StreamMessageWriter(stdin));
    this.connection.onRequest((method: string, params: unknown) => this.answer(method, params));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = this.received.get(params.uri) ?? [];
      list.push({ params, at: performance.now(), index: list.length });
      this.received.set(params.uri, list);
      this.wake();
    });
    // A server writing after the client hung up must not take the bench down.
    this.connection.onError(() => undefined);
    this.connection.onClose(() => this.wake());
    this.connection.listen();
  }

  private answer(method: string, params: unknown): unknown {
    switch (method) {
      case 'workspace/configuration':
        return (params as ConfigurationParams).items.map((item) => this.spec.configuration(item.section));
      case 'workspace/workspaceFolders':
        return (this.options.workspaceFolders ?? []).map((folder) => ({ uri: pathToFileURL(folder).toString(), name: path.basename(folder) }));
      default:
        // client/registerCapability, window/workDoneProgress/create and the like.
        return null;
    }
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Resolves when `test` returns a value; rejects on timeout or if the server dies. */
  until<T>(test: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = test();
        if (value !== undefined) return done(() => resolve(value));
        if (this.exited) return done(() => reject(new Error(`${this.spec.name} exited while waiting for ${what}\n${this.stderrTail}`)));
        return undefined;
      };
      const timer = setTimeout(() => done(() => reject(new Error(`${this.spec.name}: timed out after ${timeoutMs} ms waiting for ${what}\n${this.stderrTail}`))), timeoutMs);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      this.waiters.add(check);
      check();
    });
  }

  async initialize(rootFolder?: string): Promise<InitializeResult> {
    const folders = this.options.workspaceFolders ?? (rootFolder ? [rootFolder] : []);
    this.initializeResult = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0] ? pathToFileURL(folders[0]).toString() : null,
      workspaceFolders: folders.map((folder) => ({ uri: pathToFileURL(folder).toString(), name: path.basename(folder) })),
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
      initializationOptions: this.spec.initializationOptions ?? null,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    if (this.spec.pushSettings !== undefined) await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: this.spec.pushSettings });
    return this.initializeResult;
  }

  /** Whether the server takes incremental changes (else it gets the full text). */
  get incremental(): boolean {
    const sync = this.initializeResult?.capabilities.textDocumentSync;
    const change = typeof sync === 'number' ? sync : sync?.change;
    return change === TextDocumentSyncKind.Incremental;
  }

  get commands(): readonly string[] {
    return this.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
  }

  publishedCount(uri: string): number {
    return this.received.get(uri)?.length ?? 0;
  }

  /** The first publishDiagnostics for `uri` after the `after`-th one that satisfies `accept`. */
  waitForDiagnostics(uri: string, after: number, accept: (params: PublishDiagnosticsParams) => boolean, timeoutMs: number): Promise<Received> {
    return this.until(() => this.received.get(uri)?.slice(after).find((r) => accept(r.params)), timeoutMs, `diagnostics for ${uri}`);
  }

  /**
   * Server time between the `nth` incoming didOpen/didChange and the publishDiagnostics the
   * client accepted. Waits briefly: stderr and stdout are separate pipes.
   */
  async serverTime(inIndex: number, uri: string, outIndex: number): Promise<{ wallMs: number; cpuMs: number | undefined } | undefined> {
    try {
      return await this.until(
        () => {
          const incoming = this.events.filter((e) => e.kind === 'in')[inIndex];
          const outgoing = this.events.filter((e) => e.kind === 'out' && e.uri === uri)[outIndex];
          if (!incoming || !outgoing) return undefined;
          const cpuMs = incoming.cpu !== undefined && outgoing.cpu !== undefined ? outgoing.cpu - incoming.cpu : undefined;
          return { wallMs: outgoing.t - incoming.t, cpuMs };
        },
        2000,
        'hook events',
      );
    } catch {
      return undefined;
    }
  }

  memory(): { peakMb: number; rssMb: number } | undefined {
    return this.child.pid !== undefined ? memoryOf(this.child.pid) : undefined;
  }

  /** Polite shutdown, then SIGKILL if the server does not leave in time. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => (this.exited ? resolve() : this.child.once('exit', () => resolve())));
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), delay(3000)]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // Already gone or wedged; the kill below settles it.
    }
    await Promise.race([gone, delay(5000)]);
    if (!this.exited) this.child.kill('SIGKILL');
    await gone;
    this.connection.dispose();
  }
}

export interface EditorRun {
  readonly server: string;
  readonly initializeMs: number;
  readonly openMs: number;
  readonly openServerMs: number | undefined;
  /** Server CPU time (all threads) over the same interval. */
  readonly openServerCpuMs: number | undefined;
  readonly openDiagnostics: number;
  readonly editMs: number;
  readonly editServerMs: number | undefined;
  readonly editServerCpuMs: number | undefined;
  readonly editDiagnostics: number;
  readonly sync: 'incremental' | 'full';
  readonly peakRssMb: number | undefined;
  readonly rssMb: number | undefined;
  /** A few diagnostic messages, to show what each server reported (schema vs rules). */
  readonly sample: readonly string[];
}

export interface EditorInput {
  /** The file on disk (servers may look at the path); its URI is what gets opened. */
  readonly file: string;
  readonly text: string;
  readonly edited: { readonly text: string; readonly line: number; readonly character: number };
}

export interface EditorOptions {
  /** Pause after `initialized`, as in the peer's documented method (settings arrive, schemas load lazily). */
  readonly settleMs?: number;
  readonly timeoutMs?: number;
  readonly session?: SessionOptions;
}

/** One fresh server: open → first diagnostics, then one-line edit → diagnostics for that version. */
export async function measureEditor(spec: ServerSpec, input: EditorInput, options: EditorOptions = {}): Promise<EditorRun> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const session = new LspSession(spec, options.session);
  try {
    const uri = pathToFileURL(input.file).toString();
    const t0 = performance.now();
    await session.initialize(path.dirname(input.file));
    const initializeMs = performance.now() - t0;
    await delay(options.settleMs ?? 300);

    const openAt = performance.now();
    await session.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: input.text } });
    const opened = await session.waitForDiagnostics(uri, 0, (p) => p.diagnostics.length > 0, timeoutMs);
    const openMs = opened.at - openAt;
    const openServer = await session.serverTime(0, uri, opened.index);
    // Both servers idle before the keystroke, as when a user starts typing in an open file.
    await delay(250);

    const incremental = session.incremental;
    const before = session.publishedCount(uri);
    const change = incremental
      ? { range: { start: { line: input.edited.line, character: input.edited.character }, end: { line: input.edited.line, character: input.edited.character + 1 } }, text: '4' }
      : { text: input.edited.text };
    const editAt = performance.now();
    await session.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [change] });
    // A server that sends versions must answer for version 2; yaml-language-server sends none.
    const edited = await session.waitForDiagnostics(uri, before, (p) => p.version === undefined || p.version === null || p.version === 2, timeoutMs);
    const editMs = edited.at - editAt;
    const editServer = await session.serverTime(1, uri, edited.index);
    const memory = session.memory();
    return {
      server: spec.name,
      initializeMs,
      openMs,
      openServerMs: openServer?.wallMs,
      openServerCpuMs: openServer?.cpuMs,
      openDiagnostics: opened.params.diagnostics.length,
      editMs,
      editServerMs: editServer?.wallMs,
      editServerCpuMs: editServer?.cpuMs,
      editDiagnostics: edited.params.diagnostics.length,
      sync: incremental ? 'incremental' : 'full',
      peakRssMb: memory?.peakMb,
      rssMb: memory?.rssMb,
      sample: [...new Set(edited.params.diagnostics.map((d) => `${d.code ?? d.source ?? ''}: ${(typeof d.message === 'string' ? d.message : d.message.value).split('\n')[0]}`))].slice(0, 4),
    };
  } finally {
    await session.stop();
  }
}
