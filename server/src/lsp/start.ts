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
import { ScanPool } from '../engine/scan-pool';
import {
  ClientNotifications,
  FIX_ALL_KIND,
  ServerCommands,
  ServerRequests,
  SETTINGS_SECTION,
  type InitializationOptions,
} from '../protocol';
import { CodeActions } from './code-actions';
import { isConfigFile } from './config-diagnostics';
import { DiagnosticsManager } from './diagnostics';
import { hoverAt } from './hover';
import { PinDigest } from './pin-digest';
import { testRules } from './test-hooks';
import { WorkspaceCrds } from './workspace-crds';
import { WorkspaceFacts } from './workspace-facts';
import { WorkspaceScanner } from './scan';
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

/** Folder URIs from command arguments: strings, or lists of them (VS Code's explorer passes `uri, uris[]`). */
export function folderArguments(args: readonly unknown[] | undefined): string[] {
  const uris = new Set<string>();
  const visit = (value: unknown) => {
    if (typeof value === 'string' && value.length > 0) uris.add(value);
    else if (Array.isArray(value)) value.forEach(visit);
  };
  (args ?? []).forEach(visit);
  return [...uris];
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
  let scanner: WorkspaceScanner | undefined;
  // A worker thread holds tens of MB. The server scans in batches (commands, start-up, batches of
  // file events), so it keeps no threads between them; a second covers a burst of batches.
  const pool = new ScanPool({ idleMs: 1000 });
  const crds = new WorkspaceCrds();
  const opening = new Set<string>();
  let watchFiles = false;
  let watchFolders = false;

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    const trusted = (params.initializationOptions as InitializationOptions | null | undefined)?.workspaceTrusted !== false;
    settings = new SettingsStore(connection, capabilities.workspace?.configuration === true, folders, trusted);
    watchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    watchFolders = capabilities.workspace?.workspaceFolders === true;
    const facts = new WorkspaceFacts();
    const manager = new DiagnosticsManager(connection, documents, settings, debounceOf(params.initializationOptions), facts, testRules(connection), crds);
    diagnostics = manager;
    const workspaceScanner = new WorkspaceScanner(connection, documents, settings, pool, capabilities.window?.workDoneProgress === true);
    scanner = workspaceScanner;
    workspaceScanner.onFacts = (uri, fileFacts) => facts.diskRead(uri, fileFacts);
    workspaceScanner.onCrdText = (uri, text) => crds.diskRead(uri, text);
    workspaceScanner.crdSources = () => crds.sources();
    // A CRD appearing, changing or going away re-validates the custom resources of that kind.
    crds.onChanged = (keys) => {
      manager.crdsChanged(keys);
      workspaceScanner.crdsChanged(keys);
    };
    // Only the files a change concerns are re-analysed: open ones after the usual debounce,
    // closed scanned ones through the scan's batched refresh.
    facts.onAffected = (uris) => {
      for (const uri of uris) {
        if (documents.get(uri)) manager.schedule(uri);
        else workspaceScanner.refreshAffected(uri);
      }
    };
    diagnostics.onClosed = (uri) => workspaceScanner.documentClosed(uri);
    // A config file with mistakes shows them in the Problems panel as soon as it is read.
    settings.onConfigLoaded = (config) => workspaceScanner.configFileChanged(config.file, false);
    codeActions = new CodeActions(
      diagnostics,
      {
        documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true,
        resolveEdit: capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true,
      },
      { digest: new PinDigest(connection, diagnostics, settings), settings },
    );
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        executeCommandProvider: { commands: Object.values(ServerCommands) },
      },
      serverInfo: { name: 'kubeward' },
    };
  });

  connection.onInitialized(() => {
    // A .kubeward.yaml changes what every document below it reports, so watch it on disk; other
    // YAML files keep a workspace scan's results current.
    if (watchFiles) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/{${CONFIG_FILE_NAMES.join(',')}}` }, { globPattern: '**/*.{yaml,yml}' }] })
        .catch((error: unknown) => connection.console.warn(`Cannot watch ${CONFIG_FILE_NAMES.join(' and ')} files; reopen documents after editing them. ${String(error)}`));
    }
    void settings?.section(SETTINGS_SECTION).then((section) => {
      if (section['scanOnStartup'] !== true || !scanner) return;
      scanner.scan(undefined, undefined, undefined).catch((error: unknown) => connection.console.error(`The startup scan failed: ${String(error)}`));
    });
    if (watchFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        settings?.workspaceFoldersChanged(event.added.map((f) => f.uri), event.removed.map((f) => f.uri));
        diagnostics?.scheduleAll();
      });
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    const configChanges = params.changes.filter((change) => isConfigFile(change.uri));
    if (configChanges.length > 0) {
      settings?.configFilesChanged();
      diagnostics?.scheduleAll();
      for (const change of configChanges) scanner?.configFileEvent(change);
    }
    scanner?.filesChanged(params.changes.filter((change) => !isConfigFile(change.uri)));
  });

  const nullReporter = connection.window.attachWorkDoneProgress(undefined).constructor;
  connection.onExecuteCommand(async (params, token, workDone) => {
    switch (params.command) {
      case ServerCommands.scanWorkspace:
      case ServerCommands.scanFolder: {
        const folders = folderArguments(params.arguments);
        if (params.command === ServerCommands.scanFolder && folders.length === 0) throw new Error(`${ServerCommands.scanFolder} needs a folder URI.`);
        // The library has already moved a client-provided workDoneToken into `workDone` (and
        // removed it from params); without one, `workDone` is a do-nothing reporter.
        const attached = workDone.constructor !== nullReporter ? workDone : undefined;
        return scanner?.scan(folders, token, attached) ?? null;
      }
      case ServerCommands.exportSarif:
        return scanner?.sarif() ?? null;
      case ServerCommands.scanReport:
        return scanner?.markdown() ?? null;
      default:
        throw new Error(`Unknown command ${params.command}.`);
    }
  });

  connection.onNotification(ClientNotifications.workspaceTrusted, () => {
    settings?.trustGranted();
    diagnostics?.scheduleAll();
  });

  connection.onRequest(ServerRequests.documentSettings, async (params: { uri?: unknown }) => {
    if (!settings || typeof params?.uri !== 'string') return null;
    return { ...(await settings.get(params.uri)), trusted: settings.trusted };
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
  connection.onCodeActionResolve((action, token) => codeActions?.resolve(action, token) ?? action);

  connection.onShutdown(async () => {
    diagnostics?.dispose();
    scanner?.dispose();
    crds.dispose();
    await pool.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
