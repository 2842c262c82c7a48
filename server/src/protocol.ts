/**
 * What the client and the server agree on. Both sides import this file, so it imports types only
 * (from vscode-languageserver-protocol, a dependency of both) and holds plain constants.
 */
import type { TextEdit } from 'vscode-languageserver-protocol';

/** The settings section the server pulls per document (`workspace/configuration`). */
export const SETTINGS_SECTION = 'kubeward';

/** The diagnostic source; code actions only consider diagnostics from it. */
export const DIAGNOSTIC_SOURCE = 'kubeward';

/** Code action kind of the whole-file fix, usable from `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = 'source.fixAll.kubeward';

/** `Diagnostic.code` of a mistake in a `.kubeward.yaml`, reported in that file. */
export const CONFIG_DIAGNOSTIC_CODE = 'config';

/** Commands the client contributes (package.json `contributes.commands`). */
export const ClientCommands = {
  restartServer: 'kubeward.restartServer',
  showOutput: 'kubeward.showOutput',
} as const;

/**
 * Commands the server offers (`workspace/executeCommand`, listed in `executeCommandProvider`), so
 * that any LSP client can run them. VS Code's client registers them as editor commands itself;
 * package.json contributes the first two to the palette and the explorer. Keep the ids stable:
 * the e2e suite and users' keybindings call them.
 */
export const ServerCommands = {
  /** Arguments: none (every workspace folder), or folder URIs (strings) to scan only those. Returns a `ScanSummary`. */
  scanWorkspace: 'kubeward.scanWorkspace',
  /** Arguments: one or more folder URIs. Returns a `ScanSummary`. */
  scanFolder: 'kubeward.scanFolder',
  /** No arguments. Returns the last scan as SARIF 2.1.0 text (the CLI's reporter), or null before any scan. */
  exportSarif: 'kubeward.exportSarif',
  /** No arguments. Returns the last scan as a Markdown report, or null before any scan. */
  scanReport: 'kubeward.scanReport',
} as const;

/** What a scan command returns. */
export interface ScanSummary {
  /** Files analysed (including those with no Kubernetes objects). */
  readonly filesScanned: number;
  /** Files found but not analysed: too large, chart templates, or excluded by `kubeward.exclude`/`.kubeward.yaml`. */
  readonly filesSkipped: number;
  /** Files that could not be read as manifests (binary, bad encoding, unreadable). */
  readonly filesWithErrors: number;
  readonly findings: { readonly error: number; readonly warning: number; readonly info: number; readonly hint: number };
  /** Findings hidden by comments, annotations or `.kubeward.yaml` ignores. */
  readonly suppressed: number;
  /** Files with at least one finding. */
  readonly filesWithFindings: number;
  readonly durationMs: number;
  /** The user cancelled; the counts cover the files finished before that. */
  readonly cancelled: boolean;
  /** Folder URIs scanned. */
  readonly folders: readonly string[];
}

/** Notifications the client sends. */
export const ClientNotifications = {
  /** The user trusted the workspace (VS Code Workspace Trust); no parameters. */
  workspaceTrusted: 'kubeward/workspaceTrusted',
} as const;

/** Requests the server answers besides the LSP ones. */
export const ServerRequests = {
  /**
   * `{ uri }` → the effective settings of a document: `{ settings, excluded, registry, trusted }`.
   * For support and tests; the registry part is what the digest-pinning fix may use.
   */
  documentSettings: 'kubeward/documentSettings',
} as const;

/**
 * The `kubeward` settings section as VS Code hands it over: dotted keys become nested objects
 * (`kubeward.fix.unsafe` arrives as `fix.unsafe`). Every field may be missing or malformed; the
 * server normalizes it with the engine's `normalizeSettings`.
 */
export interface SettingsSection {
  readonly enable?: boolean;
  readonly profile?: 'baseline' | 'restricted' | 'all';
  readonly podSecurity?: { readonly version?: string };
  readonly rules?: Readonly<Record<string, 'off' | 'error' | 'warning' | 'info' | 'hint'>>;
  readonly allowedRegistries?: readonly string[];
  readonly maxFileSize?: number;
  readonly exclude?: readonly string[];
  readonly scanOnStartup?: boolean;
  readonly schemaValidation?: 'all' | 'security' | 'off';
  readonly registry?: {
    readonly useDockerConfig?: boolean;
    readonly insecureHosts?: readonly string[];
    /** Milliseconds for one digest look-up (default 5000). */
    readonly timeout?: number;
    /** Pin as `repo@sha256:…`, dropping the tag (default false: the tag is kept for readers). */
    readonly dropTag?: boolean;
  };
  readonly fix?: {
    readonly unsafe?: boolean;
    readonly runAsUser?: number;
    readonly tmpVolume?: boolean;
    readonly secretMountRoot?: string;
  };
  readonly trace?: { readonly server?: 'off' | 'messages' | 'verbose' };
}

/** A fix as carried in `Diagnostic.data`, with its edits already in LSP coordinates. */
export interface DiagnosticFix {
  readonly title: string;
  readonly safety: 'safe' | 'unsafe';
  readonly edits: readonly TextEdit[];
}

/**
 * `Diagnostic.data` of every Kubeward diagnostic. `version` is the document version the finding
 * and its edits were computed against, so a fix applied later is rejected instead of misapplied.
 */
export interface DiagnosticData {
  readonly ruleId: string;
  readonly version: number;
  readonly fix?: DiagnosticFix;
}

/** `initialize` options; clients normally send none. */
export interface InitializationOptions {
  /** Delay between the last edit and analysis, in milliseconds (default 150; 0 analyses at once). */
  readonly debounceMs?: number;
  /**
   * VS Code's `workspace.isTrusted`. When false, settings that widen what the server may reach
   * (registry hosts, credentials) are not taken from the repository until the client sends
   * `kubeward/workspaceTrusted`. Absent means trusted: other clients have no such notion.
   */
  readonly workspaceTrusted?: boolean;
}

/**
 * TEST-ONLY environment variable, read once from the server's process environment at start (never
 * from settings or workspace files; the VS Code client strips `KUBEWARD_TEST_*` variables): the
 * named rule throws inside the engine's rule loop, so tests can check that a failing rule is
 * isolated and logged once. See server/src/lsp/test-hooks.ts.
 */
export const TEST_THROWING_RULE_ENV = 'KUBEWARD_TEST_THROWING_RULE';
