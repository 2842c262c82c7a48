import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAMES } from '../engine/config-file';
import { FIX_ALL_KIND, type InitializationOptions } from '../protocol';
import { CodeActions } from './code-actions';
import { DiagnosticsManager } from './diagnostics';
import { hoverAt } from './hover';
import { SettingsStore } from './settings';

/** Delay between the last keystroke and analysis; yaml-language-server waits about as long. */
export const DEFAULT_DEBOUNCE_MS = 150;

/**
 * Sends `console.*` to the client's output. Over `--stdio`, stdout *is* the protocol, and one stray
 * `console.log` from a dependency would corrupt it.
 */
export function redirectConsole(connection: Connection): void {
  const format = (args: unknown[]) => args.map((arg) => (typeof arg === 'string' ? arg : String(arg))).join(' ');
  console.log = (...args: unknown[]) => connection.console.log(format(args));
  console.info = (...args: unknown[]) => connection.console.info(format(args));
  console.debug = (...args: unknown[]) => connection.console.log(format(args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(args));
  console.error = (...args: unknown[]) => connection.console.error(format(args));
  console.trace = (...args: unknown[]) => connection.console.log(format(args));
}

function debounceOf(options: unknown): number {
  const value = (options as InitializationOptions | null | undefined)?.debounceMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : DEFAULT_DEBOUNCE_MS;
}

/**
 * Wires the language server onto a connection. The connection is made by the caller, so the same
 * server runs over stdio, IPC, or an in-memory stream pair in tests.
 */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  // Everything below depends on what the client says it supports, so it is built in `initialize`.
  let settings: SettingsStore | undefined;
  let diagnostics: DiagnosticsManager | undefined;
  let codeActions: CodeActions | undefined;
  const opening = new Set<string>();
  let watchFiles = false;
  let watchFolders = false;

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    settings = new SettingsStore(connection, capabilities.workspace?.configuration === true, folders);
    watchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    watchFolders = capabilities.workspace?.workspaceFolders === true;
    diagnostics = new DiagnosticsManager(connection, documents, settings, debounceOf(params.initializationOptions));
    codeActions = new CodeActions(diagnostics, {
      documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true,
      resolveEdit: capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true,
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'kubeward' },
    };
  });

  connection.onInitialized(() => {
    // A .kubeward.yaml changes what every document below it reports, so watch it on disk.
    if (watchFiles) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/{${CONFIG_FILE_NAMES.join(',')}}` }] })
        .catch((error: unknown) => connection.console.warn(`Cannot watch ${CONFIG_FILE_NAMES.join(' and ')} files; reopen documents after editing them. ${String(error)}`));
    }
    if (watchFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        settings?.workspaceFoldersChanged(event.added.map((f) => f.uri), event.removed.map((f) => f.uri));
        diagnostics?.scheduleAll();
      });
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    const isConfig = (uri: string) => CONFIG_FILE_NAMES.some((name) => uri.endsWith(`/${name}`));
    if (!params.changes.some((change) => isConfig(change.uri))) return;
    settings?.configFilesChanged();
    diagnostics?.scheduleAll();
  });

  // A newly opened file is analysed at once; only typing is debounced.
  documents.onDidOpen((event) => opening.add(event.document.uri));
  documents.onDidChangeContent((event) => {
    const uri = event.document.uri;
    diagnostics?.schedule(uri, opening.delete(uri) ? 0 : undefined);
  });
  documents.onDidClose((event) => {
    opening.delete(event.document.uri);
    diagnostics?.close(event.document.uri);
  });

  connection.onDidChangeConfiguration((params) => {
    settings?.changed(params.settings);
    diagnostics?.scheduleAll();
  });

  connection.onHover(async (params) => {
    const analysis = await diagnostics?.current(params.textDocument.uri);
    return analysis ? (hoverAt(analysis, params.position) ?? null) : null;
  });

  connection.onCodeAction((params) => codeActions?.provide(params) ?? []);
  connection.onCodeActionResolve((action) => codeActions?.resolve(action) ?? action);

  connection.onShutdown(() => diagnostics?.dispose());

  documents.listen(connection);
  connection.listen();
}
