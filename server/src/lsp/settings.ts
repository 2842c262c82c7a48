import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../engine/config';
import { RULE_IDS } from '../engine/rules';
import { SETTINGS_SECTION } from '../protocol';

/**
 * Settings per document, pulled from the client (`workspace/configuration` with the document as
 * scope, so folder and language overrides apply) and normalized once. The cached object is reused
 * until the configuration changes, which also keeps the engine's per-document chunk cache valid:
 * it is keyed on the settings object's identity.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  /** Settings pushed with `didChangeConfiguration`, for clients that cannot be asked. */
  private pushed: unknown;
  private readonly warned = new Set<string>();
  private generationCounter = 0;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
  ) {}

  /** Bumped whenever the configuration changes; analyses from an older generation are stale. */
  get generation(): number {
    return this.generationCounter;
  }

  get(uri: string): Promise<Settings> {
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
    const root = pushedSettings !== null && typeof pushedSettings === 'object' ? (pushedSettings as Record<string, unknown>) : {};
    this.pushed = root[SETTINGS_SECTION];
    this.cache.clear();
    // A warning about a setting the user has since fixed may come back after a new mistake.
    this.warned.clear();
    this.generationCounter++;
  }

  private async load(uri: string): Promise<Settings> {
    let raw: unknown = this.pushed;
    if (this.canPull) {
      try {
        raw = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION });
      } catch (error) {
        this.connection.console.warn(`Could not read the ${SETTINGS_SECTION} settings for ${uri}; using the defaults. ${String(error)}`);
        return DEFAULT_SETTINGS;
      }
    }
    return normalizeSettings(raw ?? {}, RULE_IDS, (message) => {
      // Every open document pulls the same settings; say each problem once.
      if (this.warned.has(message)) return;
      this.warned.add(message);
      this.connection.console.warn(`Settings: ${message}`);
    });
  }
}
