import type { RuleLevel } from '../engine/config';
import { parsePssVersion } from '../engine/pss-version';
import { parseHostPattern } from '../registry/endpoint';
import type { Profile } from '../engine/rule';

export type ScanFormat = 'text' | 'json' | 'sarif';
export type FixMode = 'none' | 'write' | 'dry-run';

export interface ScanCommand {
  readonly command: 'scan';
  readonly paths: readonly string[];
  readonly format: ScanFormat;
  readonly output?: string;
  readonly profile?: Profile;
  /** In the order given, so a later `--rule` for the same id wins. */
  readonly rules: readonly (readonly [string, RuleLevel])[];
  readonly pssVersion?: string;
  readonly maxFileSize?: number;
  readonly exitZero: boolean;
  readonly fix: FixMode;
  readonly unsafeFixes: boolean;
  readonly quiet: boolean;
  /** Also report findings that suppression comments, annotations or the config file hide. */
  readonly showSuppressed: boolean;
  /** `--config FILE`: one config file for every scanned file instead of the nearest `.kubeward.yaml`. */
  readonly config?: string;
  /** `--pin-digests` (with --fix or --fix-dry-run): look unpinned images up in their registries. */
  readonly pinDigests: boolean;
  readonly pinDropTag: boolean;
  /** `--insecure-registry`, in the order given. */
  readonly insecureRegistries: readonly string[];
  readonly registryTimeoutMs?: number;
}

export interface RulesCommand {
  readonly command: 'rules';
  readonly format: 'text' | 'json';
}

export type Command =
  | ScanCommand
  | RulesCommand
  | { readonly command: 'help'; readonly topic?: 'scan' | 'rules' }
  | { readonly command: 'version' };

/** A mistake in the command line: exit code 2 with the message and the usage. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly topic?: 'scan' | 'rules',
  ) {
    super(message);
  }
}

const FORMATS: readonly ScanFormat[] = ['text', 'json', 'sarif'];
const PROFILES: readonly Profile[] = ['baseline', 'restricted', 'all'];
const LEVELS: readonly RuleLevel[] = ['off', 'error', 'warning', 'info', 'hint'];

interface OptionSpec {
  readonly takesValue: boolean;
}

const SCAN_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  '--format': { takesValue: true },
  '--output': { takesValue: true },
  '--profile': { takesValue: true },
  '--rule': { takesValue: true },
  '--pss-version': { takesValue: true },
  '--max-file-size': { takesValue: true },
  '--exit-zero': { takesValue: false },
  '--fix': { takesValue: false },
  '--fix-dry-run': { takesValue: false },
  '--unsafe-fixes': { takesValue: false },
  '--quiet': { takesValue: false },
  '--show-suppressed': { takesValue: false },
  '--config': { takesValue: true },
  '--pin-digests': { takesValue: false },
  '--pin-drop-tag': { takesValue: false },
  '--insecure-registry': { takesValue: true },
  '--registry-timeout': { takesValue: true },
  '--help': { takesValue: false },
};

const RULES_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  '--format': { takesValue: true },
  '--help': { takesValue: false },
};

const SHORT: Readonly<Record<string, string>> = { '-o': '--output', '-q': '--quiet', '-h': '--help' };

interface RawOption {
  readonly name: string;
  readonly value: string | undefined;
}

/**
 * Splits a subcommand's arguments into options and operands. Accepts `--name value`,
 * `--name=value`, the few short forms, and `--` to end options (for a file named `--fix`).
 */
function tokenize(args: readonly string[], specs: Readonly<Record<string, OptionSpec>>, topic: 'scan' | 'rules'): { options: RawOption[]; operands: string[] } {
  const options: RawOption[] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      operands.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const written = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    const name = SHORT[written] ?? written;
    const spec = specs[name];
    if (!spec) throw new UsageError(`Unknown option '${written}' for 'kubeward ${topic}'.`, topic);
    if (!spec.takesValue) {
      if (eq > 0 && arg.startsWith('--')) throw new UsageError(`Option '${name}' takes no value.`, topic);
      options.push({ name, value: undefined });
      continue;
    }
    let value: string | undefined;
    if (eq > 0 && arg.startsWith('--')) value = arg.slice(eq + 1);
    else if (i + 1 < args.length) value = args[++i];
    if (value === undefined || value === '') throw new UsageError(`Option '${name}' needs a value.`, topic);
    options.push({ name, value });
  }
  return { options, operands };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string, topic: 'scan' | 'rules'): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`Invalid value '${value}' for ${option}; expected one of: ${allowed.join(', ')}.`, topic);
}

/** Parses `--rule id=level`; the id must be a known rule so that a typo never silently does nothing. */
function parseRuleOverride(value: string, knownRules: ReadonlySet<string>): readonly [string, RuleLevel] {
  const eq = value.lastIndexOf('=');
  if (eq <= 0) throw new UsageError(`Invalid --rule '${value}'; expected <rule-id>=<off|error|warning|info|hint>.`, 'scan');
  const id = value.slice(0, eq).trim();
  const level = value.slice(eq + 1).trim();
  if (!knownRules.has(id)) throw new UsageError(`Unknown rule '${id}' in --rule. Run 'kubeward rules' to list the rules.`, 'scan');
  return [id, oneOf(level, LEVELS, `--rule ${id}`, 'scan')];
}

function parseScan(args: readonly string[], knownRules: ReadonlySet<string>): Command {
  const { options, operands } = tokenize(args, SCAN_OPTIONS, 'scan');
  let format: ScanFormat = 'text';
  let output: string | undefined;
  let profile: Profile | undefined;
  const rules: (readonly [string, RuleLevel])[] = [];
  let pssVersion: string | undefined;
  let maxFileSize: number | undefined;
  let exitZero = false;
  let fix = false;
  let dryRun = false;
  let unsafeFixes = false;
  let quiet = false;
  let showSuppressed = false;
  let config: string | undefined;
  let pinDigests = false;
  let pinDropTag = false;
  const insecureRegistries: string[] = [];
  let registryTimeoutMs: number | undefined;
  for (const { name, value } of options) {
    const v = value as string;
    switch (name) {
      case '--help':
        return { command: 'help', topic: 'scan' };
      case '--format':
        format = oneOf(v, FORMATS, '--format', 'scan');
        break;
      case '--output':
        output = v;
        break;
      case '--profile':
        profile = oneOf(v, PROFILES, '--profile', 'scan');
        break;
      case '--rule':
        rules.push(parseRuleOverride(v, knownRules));
        break;
      case '--pss-version':
        if (!parsePssVersion(v)) throw new UsageError(`Invalid value '${v}' for --pss-version; expected v1.N (such as v1.30) or latest.`, 'scan');
        pssVersion = v;
        break;
      case '--max-file-size':
        if (!/^\d+$/.test(v) || Number(v) <= 0 || !Number.isSafeInteger(Number(v))) {
          throw new UsageError(`Invalid value '${v}' for --max-file-size; expected a positive number of bytes.`, 'scan');
        }
        maxFileSize = Number(v);
        break;
      case '--exit-zero':
        exitZero = true;
        break;
      case '--fix':
        fix = true;
        break;
      case '--fix-dry-run':
        dryRun = true;
        break;
      case '--unsafe-fixes':
        unsafeFixes = true;
        break;
      case '--quiet':
        quiet = true;
        break;
      case '--show-suppressed':
        showSuppressed = true;
        break;
      case '--config':
        config = v;
        break;
      case '--pin-digests':
        pinDigests = true;
        break;
      case '--pin-drop-tag':
        pinDropTag = true;
        break;
      case '--insecure-registry':
        // A URL or a path here is a mistake that must not silently widen (or fail to widen) the list.
        if (!parseHostPattern(v)) throw new UsageError(`Invalid value '${v}' for --insecure-registry; expected host or host:port (such as registry.local:5000).`, 'scan');
        insecureRegistries.push(v.trim());
        break;
      case '--registry-timeout':
        if (!/^\d+$/.test(v) || Number(v) <= 0 || Number(v) > 600_000) {
          throw new UsageError(`Invalid value '${v}' for --registry-timeout; expected milliseconds between 1 and 600000.`, 'scan');
        }
        registryTimeoutMs = Number(v);
        break;
      default:
        break;
    }
  }
  if (fix && dryRun) throw new UsageError("Use either --fix or --fix-dry-run, not both.", 'scan');
  if (unsafeFixes && !fix && !dryRun) throw new UsageError('--unsafe-fixes only applies with --fix or --fix-dry-run.', 'scan');
  // The dry run prints a diff; mixing it into JSON or SARIF would make both unreadable.
  if (pinDigests && !fix && !dryRun) throw new UsageError('--pin-digests only applies with --fix or --fix-dry-run: it rewrites images.', 'scan');
  if (!pinDigests) {
    const needsPin = pinDropTag ? '--pin-drop-tag' : insecureRegistries.length > 0 ? '--insecure-registry' : registryTimeoutMs !== undefined ? '--registry-timeout' : undefined;
    if (needsPin) throw new UsageError(`${needsPin} only applies with --pin-digests.`, 'scan');
  }
  if (dryRun && format !== 'text') throw new UsageError(`--fix-dry-run prints a diff and cannot be combined with --format ${format}.`, 'scan');
  return {
    command: 'scan',
    paths: operands,
    format,
    rules,
    exitZero,
    fix: fix ? 'write' : dryRun ? 'dry-run' : 'none',
    unsafeFixes,
    quiet,
    showSuppressed,
    pinDigests,
    pinDropTag,
    insecureRegistries,
    ...(config !== undefined ? { config } : {}),
    ...(registryTimeoutMs !== undefined ? { registryTimeoutMs } : {}),
    ...(output !== undefined ? { output } : {}),
    ...(profile !== undefined ? { profile } : {}),
    ...(pssVersion !== undefined ? { pssVersion } : {}),
    ...(maxFileSize !== undefined ? { maxFileSize } : {}),
  };
}

function parseRules(args: readonly string[]): Command {
  const { options, operands } = tokenize(args, RULES_OPTIONS, 'rules');
  let format: 'text' | 'json' = 'text';
  for (const { name, value } of options) {
    if (name === '--help') return { command: 'help', topic: 'rules' };
    if (name === '--format') format = oneOf(value as string, ['text', 'json'] as const, '--format', 'rules');
  }
  if (operands.length > 0) throw new UsageError(`'kubeward rules' takes no arguments (got '${operands[0]}').`, 'rules');
  return { command: 'rules', format };
}

/** Parses the whole command line (without `node` and the script). Throws UsageError. */
export function parseArgs(argv: readonly string[], knownRules: ReadonlySet<string>): Command {
  const [first, ...rest] = argv;
  switch (first) {
    case undefined:
      throw new UsageError('Missing command.');
    case '--help':
    case '-h':
    case 'help': {
      const topic = rest[0];
      return topic === 'scan' || topic === 'rules' ? { command: 'help', topic } : { command: 'help' };
    }
    case '--version':
    case '-v':
    case 'version':
      return { command: 'version' };
    case 'scan':
      return parseScan(rest, knownRules);
    case 'rules':
      return parseRules(rest);
    default:
      if (first.startsWith('-')) throw new UsageError(`Unknown option '${first}'.`);
      if (/\.ya?ml$/i.test(first)) throw new UsageError(`Unknown command '${first}'. To scan files, run 'kubeward scan ${first}'.`);
      throw new UsageError(`Unknown command '${first}'.`);
  }
}
