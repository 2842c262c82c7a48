import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { normalizeSettings, type Settings } from '../engine/config';
import { findConfigFile, loadConfigFile, matchesAny, settingsForFile, type RepoConfig } from '../engine/config-file';
import { RULE_IDS } from '../engine/rules';
import { LineIndex } from '../engine/text';
import { SETTINGS_SECTION } from '../protocol';

/** The settings one document is analysed with. */
export interface DocumentSettings {
  readonly settings: Settings;
  /** Matched by `kubeward.exclude` (editor, or the repository's `.kubeward.yaml`): not analysed. */
  readonly excluded: boolean;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.length > 0) : [];
}

function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * Settings per document: the client's `kubeward` section pulled with the document as scope (so
 * folder settings apply), overlaid by the nearest `.kubeward.yaml` the CLI also reads, and
 * normalized once. The cached object is reused until something changes, which also keeps the
 * engine's chunk cache valid: it is keyed on the settings object's identity.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<DocumentSettings>>();
  private readonly configs = new Map<string, RepoConfig>();
  /** Settings pushed with `didChangeConfiguration`, for clients that cannot be asked. */
  private pushed: unknown;
  private readonly warned = new Set<string>();
  private generationCounter = 0;
  private folders: string[];

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
    workspaceFolders: readonly string[],
  ) {
    this.folders = this.folderPaths(workspaceFolders);
  }

  /** Bumped whenever the configuration changes; analyses from an older generation are stale. */
  get generation(): number {
    return this.generationCounter;
  }

  get(uri: string): Promise<DocumentSettings> {
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.load(uri);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** Forgets a closed document's settings. */
  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** Handles `workspace/didChangeConfiguration`; the caller re-analyses open documents. */
  changed(pushedSettings: unknown): void {
    this.pushed = record(pushedSettings)[SETTINGS_SECTION];
    this.invalidate();
  }

  /** A `.kubeward.yaml` was created, changed or deleted; the caller re-analyses open documents. */
  configFilesChanged(): void {
    this.invalidate();
  }

  workspaceFoldersChanged(added: readonly string[], removed: readonly string[]): void {
    const gone = new Set(this.folderPaths(removed));
    this.folders = [...this.folders.filter((folder) => !gone.has(folder)), ...this.folderPaths(added)];
    this.invalidate();
  }

  private invalidate(): void {
    this.cache.clear();
    this.configs.clear();
    // A warning about a setting the user has since fixed may come back after a new mistake.
    this.warned.clear();
    this.generationCounter++;
  }

  private folderPaths(uris: readonly string[]): string[] {
    return uris.flatMap((uri) => filePath(uri) ?? []);
  }

  private async load(uri: string): Promise<DocumentSettings> {
    let own: unknown = this.pushed;
    if (this.canPull) {
      try {
        own = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION });
      } catch (error) {
        this.connection.console.warn(`Could not read the ${SETTINGS_SECTION} settings for ${uri}; using the defaults. ${String(error)}`);
        own = {};
      }
    }
    const ownRaw = record(own);
    const file = filePath(uri);
    if (!file) return { settings: this.normalize(ownRaw), excluded: false };

    const folder = this.folders.filter((f) => file.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
    const config = this.configFor(path.dirname(file), folder);
    const settings = this.normalize(settingsForFile(config, file, ownRaw));
    // Each list is relative to where it was written: the editor's to the workspace folder, the file's to its folder.
    const excluded =
      (folder !== undefined && matchesAny(strings(ownRaw['exclude']), folder, file)) ||
      (config !== undefined && matchesAny(strings(config.raw['exclude']), config.dir, file));
    return { settings, excluded };
  }

  private normalize(raw: Record<string, unknown>): Settings {
    return normalizeSettings(raw, RULE_IDS, (message) => this.warnOnce(`Settings: ${message}`));
  }

  private configFor(dir: string, folder: string | undefined): RepoConfig | undefined {
    const found = findConfigFile(dir, folder);
    if (!found) return undefined;
    let config = this.configs.get(found);
    if (!config) {
      config = loadConfigFile(found);
      this.configs.set(found, config);
      this.reportProblems(config);
    }
    return config;
  }

  private reportProblems(config: RepoConfig): void {
    if (config.problems.length === 0) return;
    let lines: LineIndex | undefined;
    try {
      lines = new LineIndex(readFileSync(config.file, 'utf8'));
    } catch {
      lines = undefined;
    }
    for (const problem of config.problems) {
      const line = lines ? `:${lines.positionAt(problem.span.start).line + 1}` : '';
      this.warnOnce(`${config.file}${line}: ${problem.message} The rest of the file still applies.`);
    }
  }

  private warnOnce(message: string): void {
    // Every open document reads the same settings; say each problem once.
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.connection.console.warn(message);
  }
}
