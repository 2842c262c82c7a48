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

/** Commands the client contributes (package.json `contributes.commands`). */
export const ClientCommands = {
  restartServer: 'kubeward.restartServer',
  showOutput: 'kubeward.showOutput',
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
}
