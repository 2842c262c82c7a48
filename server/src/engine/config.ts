import { DEFAULT_MAX_FILE_SIZE } from './input';
import { LATEST_PSS, parsePssVersion, type PssVersion } from './pss-version';
import type { FixSettings, Profile, Severity } from './rule';
import type { SchemaValidationMode } from './schema/issues';

export type RuleLevel = Severity | 'off';

/** An exemption from `.kubeward.yaml`, scoped to resources by glob patterns. */
export interface IgnoreEntry {
  /** Rule ids, or `*` for every rule. */
  readonly rules: readonly string[];
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly container?: string;
  readonly reason: string;
  /** `YYYY-MM-DD`; from that day on the entry no longer hides anything. */
  readonly expires?: string;
}

/** Everything that changes what the engine reports, normalized once. */
export interface Settings {
  readonly enable: boolean;
  readonly profile: Profile;
  readonly rules: Readonly<Record<string, RuleLevel>>;
  readonly pssVersion: PssVersion;
  readonly allowedRegistries: readonly string[];
  readonly maxFileSize: number;
  readonly exclude: readonly string[];
  /** `kubeward.schemaValidation`: which schema findings (unknown-field, invalid-value) to report. */
  readonly schemaValidation: SchemaValidationMode;
  readonly ignores: readonly IgnoreEntry[];
  /** `YYYY-MM-DD`, to judge ignore expiry; fixed in tests. */
  readonly today: string;
  readonly fix: FixSettings & { readonly unsafe: boolean; readonly keepTagWhenPinning: boolean };
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  enable: true,
  profile: 'restricted',
  rules: {},
  pssVersion: LATEST_PSS,
  allowedRegistries: [],
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
  exclude: [],
  schemaValidation: 'all',
  ignores: [],
  today: new Date().toISOString().slice(0, 10),
  fix: { runAsUser: 10001, tmpVolume: true, secretMountRoot: '/etc/secrets', unsafe: false, keepTagWhenPinning: true },
});

const PROFILES: readonly Profile[] = ['baseline', 'restricted', 'all'];
const LEVELS: readonly RuleLevel[] = ['off', 'error', 'warning', 'info', 'hint'];

function readIgnores(value: unknown, knownRules: ReadonlySet<string>, warn: (message: string) => void): IgnoreEntry[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    warn('"ignores" must be a list; it is ignored.');
    return [];
  }
  const result: IgnoreEntry[] = [];
  value.forEach((raw, index) => {
    const entry = record(raw);
    const rules = typeof entry['rules'] === 'string' ? [entry['rules']] : strings(entry['rules']);
    const reason = typeof entry['reason'] === 'string' ? entry['reason'].trim() : '';
    if (rules.length === 0 || !reason) {
      warn(`Ignore #${index + 1} needs "rules" and a "reason"; it is ignored.`);
      return;
    }
    for (const id of rules) if (id !== '*' && !knownRules.has(id)) warn(`Ignore #${index + 1} names the unknown rule "${id}".`);
    const expires = entry['expires'] instanceof Date ? entry['expires'].toISOString().slice(0, 10) : entry['expires'];
    if (expires !== undefined && (typeof expires !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(expires))) {
      warn(`Ignore #${index + 1} has an expiry that is not a YYYY-MM-DD date; it is ignored.`);
      return;
    }
    const pattern = (key: string) => (typeof entry[key] === 'string' && entry[key] ? { [key]: entry[key] as string } : {});
    result.push({ rules, reason, ...pattern('kind'), ...pattern('namespace'), ...pattern('name'), ...pattern('container'), ...(expires ? { expires } : {}) });
  });
  return result;
}

const SCHEMA_VALIDATION: readonly SchemaValidationMode[] = ['all', 'security', 'off'];

/** `all`, `security` or `off`; a boolean (as users sometimes write it) means `all` or `off`. */
function readSchemaValidation(value: unknown, warn: (message: string) => void): SchemaValidationMode {
  if (value === undefined || value === true) return 'all';
  if (value === false) return 'off';
  if (SCHEMA_VALIDATION.includes(value as SchemaValidationMode)) return value as SchemaValidationMode;
  warn(`Unknown schemaValidation "${String(value)}"; using "all". Expected one of: ${SCHEMA_VALIDATION.join(', ')}.`);
  return 'all';
}

/** Profile order: a rule runs when its profile is at or below the chosen one. */
export function profileIncludes(chosen: Profile, ruleProfile: Profile): boolean {
  return PROFILES.indexOf(ruleProfile) <= PROFILES.indexOf(chosen);
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.length > 0) : [];
}

/**
 * Normalizes settings from any source (VS Code, `.kubeward.yaml`, CLI flags): every field gets a
 * default, and anything malformed is dropped with a warning rather than failing analysis.
 */
export function normalizeSettings(raw: unknown, knownRules: ReadonlySet<string>, warn: (message: string) => void = () => {}): Settings {
  const input = record(raw);
  const fix = record(input['fix']);
  const profile = PROFILES.includes(input['profile'] as Profile) ? (input['profile'] as Profile) : DEFAULT_SETTINGS.profile;
  if (input['profile'] !== undefined && profile !== input['profile']) {
    warn(`Unknown profile "${String(input['profile'])}"; using "${profile}". Expected one of: ${PROFILES.join(', ')}.`);
  }
  const rules: Record<string, RuleLevel> = {};
  for (const [id, level] of Object.entries(record(input['rules']))) {
    if (!knownRules.has(id)) {
      warn(`Unknown rule "${id}" in the rules settings; it is ignored.`);
    } else if (!LEVELS.includes(level as RuleLevel)) {
      warn(`Rule "${id}" has the level "${String(level)}"; expected one of: ${LEVELS.join(', ')}.`);
    } else {
      rules[id] = level as RuleLevel;
    }
  }
  const versionText = input['podSecurityVersion'] ?? record(input['podSecurity'])['version'];
  let pssVersion = parsePssVersion(typeof versionText === 'string' ? versionText : undefined);
  if (!pssVersion) {
    warn(`Unknown Pod Security Standards version "${String(versionText)}"; using "latest". Expected "v1.N" or "latest".`);
    pssVersion = LATEST_PSS;
  }
  const maxFileSize = typeof input['maxFileSize'] === 'number' && input['maxFileSize'] > 0 ? input['maxFileSize'] : DEFAULT_SETTINGS.maxFileSize;
  const runAsUser = typeof fix['runAsUser'] === 'number' && Number.isInteger(fix['runAsUser']) && fix['runAsUser'] > 0 ? fix['runAsUser'] : DEFAULT_SETTINGS.fix.runAsUser;
  const mountRoot = typeof fix['secretMountRoot'] === 'string' && fix['secretMountRoot'].startsWith('/') ? fix['secretMountRoot'] : DEFAULT_SETTINGS.fix.secretMountRoot;
  return {
    enable: input['enable'] !== false,
    profile,
    rules,
    pssVersion,
    allowedRegistries: strings(input['allowedRegistries']),
    maxFileSize,
    exclude: strings(input['exclude']),
    schemaValidation: readSchemaValidation(input['schemaValidation'], warn),
    ignores: readIgnores(input['ignores'], knownRules, warn),
    today: typeof input['today'] === 'string' ? input['today'] : DEFAULT_SETTINGS.today,
    fix: {
      runAsUser,
      tmpVolume: fix['tmpVolume'] !== false,
      secretMountRoot: mountRoot.replace(/\/+$/, '') || '/',
      unsafe: fix['unsafe'] === true,
      keepTagWhenPinning: fix['keepTagWhenPinning'] !== false,
    },
  };
}
