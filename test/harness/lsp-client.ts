/**
 * A language client for tests: it runs the *built* server (`dist/server.js`) in a child process and
 * talks to it over the real protocol. Tests await the notifications they expect; nothing sleeps.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  type CancellationToken,
  type ShowMessageParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  WorkDoneProgressCancelNotification,
  WorkDoneProgressCreateRequest,
  type ProgressToken,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
  type ClientCapabilities,
  type FileEvent,
  type Registration,
  type CodeAction,
  type Diagnostic,
  type Hover,
  type InitializeResult,
  type LogMessageParams,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULE_IDS } from '../../server/src/engine/rules';

/** The repository root, found from the compiled file's location (`out/test/harness`). */
export const REPO_ROOT = (() => {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'esbuild.mjs'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No repository root above ${__dirname}`);
    dir = parent;
  }
  return dir;
})();

export const SERVER_PATH = path.join(REPO_ROOT, 'dist', 'server.js');

/** How long a test waits for a message before failing with what it did receive. */
const WAIT_LIMIT_MS = 15_000;

export interface StartOptions {
  /** The `kubeward` settings section the client answers `workspace/configuration` with. */
  readonly settings?: unknown;
  /** Server debounce; tests use 0 unless they test debouncing. */
  readonly debounceMs?: number;
  readonly transport?: 'stdio' | 'ipc';
  /** Whether the client can resolve a code action's `edit` lazily (VS Code can). */
  readonly resolveEdit?: boolean;
  /** Whether the client accepts versioned `documentChanges` (VS Code does). */
  readonly documentChanges?: boolean;
  /** Workspace folder URIs sent with `initialize`. */
  readonly workspaceFolders?: readonly string[];
  /** Other settings sections the client answers with (e.g. `files`); missing ones are null. */
  readonly sections?: Readonly<Record<string, unknown>>;
  /** Extra `initializationOptions` (e.g. `workspaceTrusted`). */
  readonly initializationOptions?: Readonly<Record<string, unknown>>;
  /** Whether the client supports server-initiated work-done progress (VS Code does). */
  readonly workDoneProgress?: boolean;
  /** Extra environment variables for the server process (added to the test's own). */
  readonly env?: Readonly<Record<string, string>>;
  /** Node options for the server process, before the script (e.g. `-r` a preload module). */
  readonly execArgv?: readonly string[];
}

/** One `$/progress` notification, with the token it belongs to. */
export interface ProgressEvent {
  readonly token: ProgressToken;
  readonly value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;
}

interface Waiter {
  check(): boolean;
}

/** A protocol client driving one server process. */
export class LspClient {
  /** Returned for section `kubeward`; tests change it, then call `configurationChanged()`. */
  settings: unknown;
  /** Every `workspace/configuration` item the server asked for, in order. */
  readonly configurationRequests: { scopeUri?: string; section?: string }[] = [];
  /** Every `textDocument/publishDiagnostics`, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** Every `window/logMessage`, in arrival order. */
  readonly logs: LogMessageParams[] = [];
  /** Capabilities the server registered dynamically (`client/registerCapability`). */
  readonly registrations: Registration[] = [];
  /** Tokens the server created with `window/workDoneProgress/create`, in order. */
  readonly progressTokens: ProgressToken[] = [];
  /** Every work-done `$/progress`, in arrival order. */
  readonly progress: ProgressEvent[] = [];
  /** Every `window/showMessage` and `window/showMessageRequest`, in arrival order. */
  readonly messages: ShowMessageParams[] = [];
  /** Other settings sections, by name; tests may change them. */
  sections: Record<string, unknown>;
  /** Raw bytes the server wrote to stdout (stdio transport only). */
  readonly stdout: Buffer[] = [];
  stderr = '';
  initializeResult!: InitializeResult;

  private readonly marks = new Map<string, number>();
  private globalMark = 0;
  private readonly waiters = new Set<Waiter>();
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly connection: ProtocolConnection,
    settings: unknown,
    sections: Readonly<Record<string, unknown>>,
  ) {
    this.settings = settings;
    this.sections = { ...sections };
    connection.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      this.progressTokens.push(params.token);
      this.listenToProgress(params.token);
      this.wake();
    });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      this.wake();
    });
    connection.onNotification(ShowMessageNotification.type, (params) => {
      this.messages.push(params);
      this.wake();
    });
    connection.onRequest(ShowMessageRequest.type, (params) => {
      this.messages.push({ type: params.type, message: params.message });
      this.wake();
      return null;
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params);
      this.wake();
    });
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      this.wake();
    });
    connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => {
        this.configurationRequests.push({ ...(item.scopeUri !== undefined ? { scopeUri: item.scopeUri } : {}), ...(item.section !== undefined ? { section: item.section } : {}) });
        if (item.section === 'kubeward') return this.settings ?? null;
        return (item.section !== undefined ? this.sections[item.section] : undefined) ?? null;
      }),
    );
  }

  /** Starts the built server and completes the initialize handshake. */
  static async start(options: StartOptions = {}): Promise<LspClient> {
    if (!existsSync(SERVER_PATH)) throw new Error(`${SERVER_PATH} is missing; run "npm run build" first.`);
    const transport = options.transport ?? 'stdio';
    let child: ChildProcess;
    let connection: ProtocolConnection;
    const env = { ...process.env, ...options.env };
    const execArgv = [...(options.execArgv ?? [])];
    if (transport === 'ipc') {
      child = fork(SERVER_PATH, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'], env, execArgv });
      connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    } else {
      child = spawn(process.execPath, [...execArgv, SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
      connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    }
    const client = new LspClient(child, connection, options.settings ?? {}, options.sections ?? {});
    child.stdout?.on('data', (chunk: Buffer) => client.stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => {
      client.stderr += chunk.toString('utf8');
    });
    connection.listen();
    const capabilities: ClientCapabilities = {
      window: { workDoneProgress: options.workDoneProgress ?? true },
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: false },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceFolders: true,
        workspaceEdit: { documentChanges: options.documentChanges ?? true },
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: {
          dataSupport: true,
          isPreferredSupport: true,
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
          ...(options.resolveEdit ?? true ? { resolveSupport: { properties: ['edit'] } } : {}),
        },
      },
    };
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: options.workspaceFolders?.map((uri) => ({ uri, name: uri.slice(uri.lastIndexOf('/') + 1) })) ?? null,
      capabilities,
      initializationOptions: { debounceMs: options.debounceMs ?? 0, ...options.initializationOptions },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    this.marks.set(uri, this.published.length);
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version, text } });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    this.marks.set(uri, this.published.length);
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): Promise<void> {
    this.marks.set(uri, this.published.length);
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Tells the server the settings changed, as VS Code does for `synchronize.configurationSection`. */
  configurationChanged(): Promise<void> {
    this.globalMark = this.published.length;
    this.marks.clear();
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { kubeward: this.settings } });
  }

  /** Reports changed files on disk, as the client's file watchers do. */
  filesChanged(changes: FileEvent[]): Promise<void> {
    this.globalMark = this.published.length;
    this.marks.clear();
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** The first dynamic registration of `method`; waits for it if needed. */
  waitForRegistration(method: string): Promise<Registration> {
    return this.waitFor(`a registration of ${method}`, () => this.registrations.find((r) => r.method === method), () => JSON.stringify(this.registrations));
  }

  /**
   * The first diagnostics for `uri` that arrived after the last message the test sent about it
   * (or after the last settings change) and satisfy `predicate`; waits for them if needed.
   */
  waitForDiagnostics(uri: string, predicate: (params: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const from = Math.max(this.marks.get(uri) ?? 0, this.globalMark);
    return this.waitFor(`diagnostics for ${uri}`, () => {
      for (let i = from; i < this.published.length; i++) {
        const params = this.published[i]!;
        if (params.uri === uri && predicate(params)) return params;
      }
      return undefined;
    }, () => JSON.stringify(this.published.filter((p) => p.uri === uri).slice(-3), null, 1));
  }

  /** The first log message (since the start) that satisfies `predicate`. */
  waitForLog(predicate: (params: LogMessageParams) => boolean): Promise<LogMessageParams> {
    return this.waitFor('a log message', () => this.logs.find(predicate), () => JSON.stringify(this.logs, null, 1));
  }

  /** All diagnostics notifications received for `uri`. */
  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((params) => params.uri === uri);
  }

  /** `workspace/executeCommand`; resolves with the command's result. */
  executeCommand<T = unknown>(command: string, args?: unknown[], workDoneToken?: ProgressToken): Promise<T> {
    if (workDoneToken !== undefined) this.listenToProgress(workDoneToken);
    return this.connection.sendRequest(ExecuteCommandRequest.type, {
      command,
      ...(args ? { arguments: args } : {}),
      ...(workDoneToken !== undefined ? { workDoneToken } : {}),
    }) as Promise<T>;
  }

  private listenToProgress(token: ProgressToken): void {
    this.connection.onProgress(WorkDoneProgress.type, token, (value) => {
      this.progress.push({ token, value });
      this.wake();
    });
  }

  /** Presses the progress notification's Cancel button (`window/workDoneProgress/cancel`). */
  cancelProgress(token: ProgressToken): Promise<void> {
    return this.connection.sendNotification(WorkDoneProgressCancelNotification.type, { token });
  }

  /** The first progress event satisfying `predicate`; waits for it if needed. */
  waitForProgress(predicate: (event: ProgressEvent) => boolean): Promise<ProgressEvent> {
    return this.waitFor('a progress notification', () => this.progress.find(predicate), () => JSON.stringify(this.progress.slice(-5)));
  }

  /** Any request by method name (custom server requests). */
  request<T = unknown>(method: string, params: unknown, token?: CancellationToken): Promise<T> {
    return (token ? this.connection.sendRequest(method, params, token) : this.connection.sendRequest(method, params)) as Promise<T>;
  }

  /** Any notification by method name (custom client notifications). */
  notify(method: string, params?: unknown): Promise<void> {
    return params === undefined ? this.connection.sendNotification(method) : this.connection.sendNotification(method, params);
  }

  /** The latest diagnostics published for `uri`, or undefined if none were. */
  latestDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i]!.uri === uri) return this.published[i];
    return undefined;
  }

  /** Waits until `check` holds, re-checking whenever a message arrives. */
  waitUntil<T>(what: string, check: () => T | undefined): Promise<T> {
    return this.waitFor(what, check, () => JSON.stringify(this.published.slice(-3)));
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
    return (result ?? []).filter((item): item is CodeAction => 'kind' in item || 'edit' in item || 'data' in item);
  }

  resolveCodeAction(action: CodeAction, token?: CancellationToken): Promise<CodeAction> {
    return token ? this.connection.sendRequest(CodeActionResolveRequest.type, action, token) : this.connection.sendRequest(CodeActionResolveRequest.type, action);
  }

  /** The first `window/showMessage` (or message request) since the start that satisfies `predicate`. */
  waitForMessage(predicate: (params: ShowMessageParams) => boolean = () => true): Promise<ShowMessageParams> {
    return this.waitFor('a window message', () => this.messages.find(predicate), () => JSON.stringify(this.messages, null, 1));
  }

  /** The server's process id (for resource measurements). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Shuts the server down politely and returns its exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    }
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  /** Kills the server if a test failed before `stop()`. */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }

  private waitFor<T>(what: string, find: () => T | undefined, describe: () => string): Promise<T> {
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          const value = find();
          if (value === undefined) return false;
          clearTimeout(timer);
          resolve(value);
          return true;
        },
      };
      // A safety net so a broken server fails the test with context instead of hanging it.
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`Timed out waiting for ${what}. Last received:\n${describe()}\nServer stderr:\n${this.stderr}`));
      }, WAIT_LIMIT_MS);
      this.waiters.add(waiter);
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) if (waiter.check()) this.waiters.delete(waiter);
  }
}

/**
 * A `rules` setting that turns off every rule but `ids`, so that a test's expectations do not
 * change each time the catalog gains a rule. Unlisted rules would follow the profile.
 */
export function onlyRules(...ids: string[]): Record<string, 'off'> {
  for (const id of ids) if (!RULE_IDS.has(id)) throw new Error(`Unknown rule ${id}`);
  return Object.fromEntries([...RULE_IDS].filter((id) => !ids.includes(id)).map((id) => [id, 'off' as const]));
}

/** The edits of a workspace edit for one document, and the version they were made for. */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): { version: number | null | undefined; edits: TextEdit[] } {
  if (!edit) return { version: undefined, edits: [] };
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change && change.textDocument.uri === uri) {
      return { version: change.textDocument.version, edits: change.edits.filter((e): e is TextEdit => 'range' in e && 'newText' in e) };
    }
  }
  return { version: undefined, edits: edit.changes?.[uri] ?? [] };
}

/** Applies LSP edits to a text, as an editor would. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.yaml', 'yaml', 1, text), [...edits]);
}

/** The position of the `occurrence`-th `needle` in `text` (plus `delta` characters). */
export function positionOf(text: string, needle: string, delta = 0, occurrence = 1): Position {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`"${needle}" (occurrence ${occurrence}) not found`);
  }
  const doc = TextDocument.create('file:///x.yaml', 'yaml', 1, text);
  return doc.positionAt(at + delta);
}

/** The range covering the `occurrence`-th `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 1): Range {
  const start = positionOf(text, needle, 0, occurrence);
  return { start, end: { line: start.line, character: start.character + needle.length } };
}

/**
 * Splits what the server wrote to stdout into protocol frames and throws on anything else, so a
 * stray `console.log` fails a test instead of silently corrupting a session.
 */
export function parseFrames(bytes: Buffer): unknown[] {
  const messages: unknown[] = [];
  let at = 0;
  while (at < bytes.length) {
    const headerEnd = bytes.indexOf('\r\n\r\n', at, 'ascii');
    if (headerEnd === -1) throw new Error(`stdout has bytes outside a protocol frame: ${JSON.stringify(bytes.subarray(at, at + 200).toString('utf8'))}`);
    const header = bytes.subarray(at, headerEnd).toString('ascii');
    const lengths = header.split('\r\n').map((line) => /^Content-Length: (\d+)$/i.exec(line)).filter((m) => m !== null);
    const others = header.split('\r\n').filter((line) => !/^Content-(Length|Type): /i.test(line));
    if (lengths.length !== 1 || others.length > 0) throw new Error(`stdout has a malformed frame header: ${JSON.stringify(header.slice(0, 200))}`);
    const length = Number(lengths[0]![1]);
    const body = bytes.subarray(headerEnd + 4, headerEnd + 4 + length);
    if (body.length !== length) throw new Error('stdout ends inside a frame');
    messages.push(JSON.parse(body.toString('utf8')));
    at = headerEnd + 4 + length;
  }
  return messages;
}
