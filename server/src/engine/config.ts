import { DEFAULT_MAX_FILE_SIZE } from './input';
import { LATEST_PSS, parsePssVersion, type PssVersion } from './pss-version';
import type { FixSettings, Profile, Severity } from './rule';

export type RuleLevel = Severity | 'off';

/** Everything that changes what the engine reports, normalized once. */
export interface Settings {
  readonly enable: boolean;
  readonly profile: Profile;
  readonly rules: Readonly<Record<string, RuleLevel>>;
  readonly pssVersion: PssVersion;
  readonly allowedRegistries: readonly string[];
  readonly maxFileSize: number;
  readonly exclude: readonly string[];
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
  fix: { runAsUser: 10001, tmpVolume: true, secretMountRoot: '/etc/secrets', unsafe: false, keepTagWhenPinning: true },
});

const PROFILES: readonly Profile[] = ['baseline', 'restricted', 'all'];
const LEVELS: readonly RuleLevel[] = ['off', 'error', 'warning', 'info', 'hint'];

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
    fix: {
      runAsUser,
      tmpVolume: fix['tmpVolume'] !== false,
      secretMountRoot: mountRoot.replace(/\/+$/, '') || '/',
      unsafe: fix['unsafe'] === true,
      keepTagWhenPinning: fix['keepTagWhenPinning'] !== false,
    },
  };
}
