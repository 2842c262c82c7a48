import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { normalizeSettings, type Settings } from '../engine/config';
import { findConfigFile, loadConfigFile, matchesAny, settingsForFile, type RepoConfig } from '../engine/config-file';
import { RULE_IDS } from '../engine/rules';
import { LineIndex } from '../engine/text';
import { SETTINGS_SECTION } from '../protocol';

/** Registry access for the digest-pinning fix; it widens what the extension reaches on the network. */
export interface RegistrySettings {
  /** Hosts (`host` or `host:port`) that may be reached over plain HTTP. */
  readonly insecureHosts: readonly string[];
  /** Read credentials from the Docker config (`~/.docker/config.json`). */
  readonly useDockerConfig: boolean;
  /** `kubeward.registry.timeout`: budget for one whole look-up, in ms. */
  readonly timeoutMs: number;
  /** `kubeward.registry.dropTag`: pin as `repo@sha256:…` instead of `repo:tag@sha256:…`. */
  readonly dropTag: boolean;
}

/** Default of `kubeward.registry.timeout`. */
export const DEFAULT_REGISTRY_TIMEOUT_MS = 5000;

function registryTimeout(value: unknown): number {
  // Out-of-range values are clamped rather than rejected: a typo should not disable the fix.
  if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_REGISTRY_TIMEOUT_MS;
  return Math.min(120_000, Math.max(1, Math.round(value)));
}

/** The settings one document is analysed with. */
export interface DocumentSettings {
  readonly settings: Settings;
  /** Matched by `kubeward.exclude` (editor, or the repository's `.kubeward.yaml`): not analysed. */
  readonly excluded: boolean;
  /**
   * Taken only from trusted workspaces: in Restricted Mode a repository's `.kubeward.yaml` cannot
   * add insecure hosts. (VS Code itself withholds workspace-level values of the editor settings,
   * which package.json lists under `restrictedConfigurations`; user-level values still apply.)
   */
  readonly registry: RegistrySettings;
}

/** The workspace folder a path is in (the innermost one), if any. */
export function folderOf(folders: readonly string[], file: string): string | undefined {
  return folders.filter((f) => file === f || file.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.length > 0) : [];
}

export function filePath(uri: string): string | undefined {
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
  private isTrusted: boolean;
  /** Called with each config file when it is (re)loaded, so its problems can become diagnostics. */
  onConfigLoaded: ((config: RepoConfig) => void) | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
    workspaceFolders: readonly string[],
    trusted = true,
  ) {
    this.folders = this.folderPaths(workspaceFolders);
    this.isTrusted = trusted;
  }

  /** Whether the workspace is trusted (VS Code Workspace Trust; other clients are trusted). */
  get trusted(): boolean {
    return this.isTrusted;
  }

  /** The user granted trust; the caller re-analyses open documents. */
  trustGranted(): void {
    if (this.isTrusted) return;
    this.isTrusted = true;
    this.invalidate();
  }

  /** Workspace folder paths. */
  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  /** Pulls any settings section (e.g. `files`) for a scope; `{}` when the client cannot be asked. */
  async section(section: string, scopeUri?: string): Promise<Record<string, unknown>> {
    if (!this.canPull) return section === SETTINGS_SECTION ? record(this.pushed) : {};
    try {
      return record(await this.connection.workspace.getConfiguration({ ...(scopeUri !== undefined ? { scopeUri } : {}), section }));
    } catch (error) {
      this.connection.console.warn(`Could not read the ${section} settings; using the defaults. ${String(error)}`);
      return {};
    }
  }

  /**
   * Settings for many files on disk at once (a workspace scan): the editor's section is pulled
   * once per folder rather than once per file, and equal results share one object.
   */
  forScan(folderUri: string | undefined, own: Record<string, unknown>): (file: string) => DocumentSettings {
    const folder = folderUri ? filePath(folderUri) : undefined;
    const byKey = new Map<string, DocumentSettings>();
    const configByDir = new Map<string, RepoConfig | undefined>();
    return (file) => {
      const dir = path.dirname(file);
      let config: RepoConfig | undefined;
      if (configByDir.has(dir)) config = configByDir.get(dir);
      else {
        config = this.configFor(dir, folder);
        configByDir.set(dir, config);
      }
      const raw = settingsForFile(config, file, own);
      const excluded =
        (folder !== undefined && matchesAny(strings(own['exclude']), folder, file)) ||
        (config !== undefined && matchesAny(strings(config.raw['exclude']), config.dir, file));
      const key = `${excluded}\0${config?.file ?? ''}\0${JSON.stringify(raw)}`;
      let result = byKey.get(key);
      if (!result) {
        result = { settings: this.normalize(raw), excluded, registry: this.registryOf(own, config) };
        byKey.set(key, result);
      }
      return result;
    };
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
    if (!file) return { settings: this.normalize(ownRaw), excluded: false, registry: this.registryOf(ownRaw, undefined) };

    const folder = folderOf(this.folders, file);
    const config = this.configFor(path.dirname(file), folder);
    const settings = this.normalize(settingsForFile(config, file, ownRaw));
    // Each list is relative to where it was written: the editor's to the workspace folder, the file's to its folder.
    const excluded =
      (folder !== undefined && matchesAny(strings(ownRaw['exclude']), folder, file)) ||
      (config !== undefined && matchesAny(strings(config.raw['exclude']), config.dir, file));
    return { settings, excluded, registry: this.registryOf(ownRaw, config) };
  }

  /** The editor's registry settings, plus the config file's insecure hosts when the workspace is trusted. */
  private registryOf(own: Record<string, unknown>, config: RepoConfig | undefined): RegistrySettings {
    const editor = record(own['registry']);
    const fromFile = this.isTrusted && config ? strings(record(config.raw['registry'])['insecureHosts']) : [];
    return {
      insecureHosts: [...new Set([...strings(editor['insecureHosts']), ...fromFile])],
      useDockerConfig: editor['useDockerConfig'] === true,
      timeoutMs: registryTimeout(editor['timeout']),
      dropTag: editor['dropTag'] === true,
    };
  }

  private normalize(raw: Record<string, unknown>): Settings {
    return normalizeSettings(raw, RULE_IDS, (message) => this.warnOnce(`Settings: ${message}`));
  }

  /** The config file that applies to a file (nearest above it, up to its workspace folder). */
  configForFile(file: string): RepoConfig | undefined {
    return this.configFor(path.dirname(file), folderOf(this.folders, file));
  }

  private configFor(dir: string, folder: string | undefined): RepoConfig | undefined {
    const found = findConfigFile(dir, folder);
    if (!found) return undefined;
    let config = this.configs.get(found);
    if (!config) {
      config = loadConfigFile(found);
      this.configs.set(found, config);
      this.reportProblems(config);
      this.onConfigLoaded?.(config);
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
