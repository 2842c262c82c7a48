/**
 * `.kubeward.yaml` for the CLI. The editor's SettingsStore and this module call the same engine
 * functions (findConfigFile, loadConfigFile, settingsForFile, normalizeSettings, matchesAny), so a
 * repository gets the same settings in both; the one difference is that CLI flags are applied last.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { normalizeSettings, type Settings } from '../engine/config';
import { CONFIG_FILE_NAMES, findConfigFile, loadConfigFile, matchesAny, settingsForFile, type RepoConfig } from '../engine/config-file';
import { RULE_IDS } from '../engine/rules';
import { LineIndex, type Range } from '../engine/text';

/** A mistake in a config file, for the report. */
export interface ConfigMessage {
  readonly file: string;
  readonly message: string;
  readonly range?: Range;
  /** `error`: the file could not be used at all (exit code 2). `warning`: that part was dropped, the rest applies. */
  readonly severity: 'error' | 'warning';
}

/** The registry options a file's config contributes to `--pin-digests`. */
export interface RegistryConfig {
  readonly insecureHosts: readonly string[];
  readonly useDockerConfig: boolean;
}

export interface FileConfig {
  readonly settings: Settings;
  /** Matched by the applying config file's `exclude`. */
  readonly excluded: boolean;
  /** The config file that applies, if any. */
  readonly config: RepoConfig | undefined;
  readonly registry: RegistryConfig;
}

export function isConfigFileName(file: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(path.basename(file));
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.length > 0) : [];
}

/** Nested objects merge key by key (so `--rule a=off` keeps the file's other rules); anything else is replaced. */
export function overlay(under: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(over)) {
    const previous = result[key];
    const bothObjects = [previous, value].every((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
    result[key] = bothObjects ? overlay(previous as Record<string, unknown>, value as Record<string, unknown>) : value;
  }
  return result;
}

/**
 * Problems the loader reports when nothing of the file could be used. Everything else (an unknown
 * key, a bad value) drops only that part, as in the editor.
 */
function isFatal(config: RepoConfig, message: string): boolean {
  return /^The config file cannot be (parsed|read)/.test(message) || (Object.keys(config.raw).length === 0 && /^The file must be/.test(message));
}

/**
 * Where the search for `.kubeward.yaml` stops: the enclosing git work tree, the CLI's analogue of
 * the editor's workspace folder (the language server stops there). Outside a repository it goes up
 * to the file-system root.
 */
export class GitRoots {
  private readonly byDir = new Map<string, string | undefined>();

  of(dir: string): string | undefined {
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    let root: string | undefined;
    if (existsSync(path.join(dir, '.git'))) root = dir;
    else {
      const parent = path.dirname(dir);
      root = parent === dir ? undefined : this.of(parent);
    }
    this.byDir.set(dir, root);
    return root;
  }
}

export interface CliConfigOptions {
  /** `--config FILE`, already loaded: used for every file instead of the nearest one. */
  readonly explicit?: RepoConfig;
  /** Settings from CLI flags (raw, as normalizeSettings reads them); applied over the file's. */
  readonly flags: Record<string, unknown>;
}

export class CliConfig {
  private readonly configs = new Map<string, RepoConfig>();
  private readonly configByDir = new Map<string, RepoConfig | undefined>();
  private readonly roots = new GitRoots();
  private readonly byKey = new Map<string, FileConfig>();
  /** Normalization warnings, by config file ('' for flags), each once. */
  private readonly warnings = new Map<string, Set<string>>();

  constructor(private readonly options: CliConfigOptions) {
    if (options.explicit) this.configs.set(options.explicit.file, options.explicit);
  }

  /** The config file for a file: `--config`, else the nearest one up to the git root. */
  configFor(file: string): RepoConfig | undefined {
    if (this.options.explicit) return this.options.explicit;
    const dir = path.dirname(file);
    if (this.configByDir.has(dir)) return this.configByDir.get(dir);
    const found = findConfigFile(dir, this.roots.of(dir));
    const config = found ? this.load(found) : undefined;
    this.configByDir.set(dir, config);
    return config;
  }

  /** Loads a config file (once), e.g. one the walk found, so that its mistakes are reported too. */
  load(file: string): RepoConfig {
    let config = this.configs.get(file);
    if (!config) {
      config = loadConfigFile(file);
      this.configs.set(file, config);
    }
    return config;
  }

  /** Equal settings share one object: the engine's caches and the scan pool key on identity. */
  forFile(file: string): FileConfig {
    const config = this.configFor(file);
    const raw = overlay(settingsForFile(config, file, {}), this.options.flags);
    const excluded = config !== undefined && matchesAny(strings(config.raw['exclude']), config.dir, file);
    const key = `${excluded}\0${config?.file ?? ''}\0${JSON.stringify(raw)}`;
    let result = this.byKey.get(key);
    if (!result) {
      const origin = config?.file ?? '';
      const settings = normalizeSettings(raw, RULE_IDS, (message) => {
        let set = this.warnings.get(origin);
        if (!set) this.warnings.set(origin, (set = new Set()));
        set.add(message);
      });
      const registry = record(config?.raw['registry']);
      result = { settings, excluded, config, registry: { insecureHosts: strings(registry['insecureHosts']), useDockerConfig: registry['useDockerConfig'] === true } };
      this.byKey.set(key, result);
    }
    return result;
  }

  /** Every config file loaded so far. */
  loaded(): RepoConfig[] {
    return [...this.configs.values()];
  }

  /** The loaded files' mistakes, located, plus what normalizing their settings dropped. */
  messages(display: (file: string) => string): ConfigMessage[] {
    const out: ConfigMessage[] = [];
    for (const config of this.configs.values()) {
      let lines: LineIndex | undefined;
      if (config.problems.length > 0) {
        try {
          lines = new LineIndex(readFileSync(config.file, 'utf8'));
        } catch {
          lines = undefined;
        }
      }
      for (const problem of config.problems) {
        out.push({
          file: display(config.file),
          message: problem.message,
          ...(lines ? { range: lines.rangeOf(problem.span) } : {}),
          severity: isFatal(config, problem.message) ? 'error' : 'warning',
        });
      }
      for (const message of this.warnings.get(config.file) ?? []) out.push({ file: display(config.file), message, severity: 'warning' });
    }
    return out;
  }
}

/** Whether any config message makes the run fail (exit code 2). */
export function hasFatalConfigProblem(messages: readonly ConfigMessage[]): boolean {
  return messages.some((m) => m.severity === 'error');
}

/** Settings a `--config` file or the nearest one would give, for tests and tools. */
export function cliSettingsFor(file: string, flags: Record<string, unknown> = {}, explicit?: RepoConfig): Settings {
  return new CliConfig({ flags, ...(explicit ? { explicit } : {}) }).forFile(file).settings;
}
