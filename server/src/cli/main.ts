import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { normalizeSettings, type Settings } from '../engine/config';
import { parseConfigText } from '../engine/config-file';
import { RULE_IDS, RULES } from '../engine/rules';
import { describeFsError } from '../engine/walk';
import { parseArgs, UsageError, type Command, type ScanCommand } from './args';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatMessages, formatText } from './format-text';
import { MAIN_HELP, RULES_HELP, SCAN_HELP, USAGE } from './help';
import { CliConfig } from './config';
import { isFailure } from './report';
import { formatRulesJson, formatRulesText } from './rules-command';
import { runScan } from './scan';
import { VERSION } from './version';

/** The process around the CLI, passed in so that tests can run it in-process. */
export interface CliIO {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  writeStdout(text: string): void;
  writeStderr(text: string): void;
}

/** Exit codes, as documented in `kubeward --help`. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** Colour only for a terminal, and never when NO_COLOR is set to anything (https://no-color.org). */
function useColor(isTTY: boolean, env: CliIO['env']): boolean {
  return isTTY && !env['NO_COLOR'];
}

function usageFor(topic: 'scan' | 'rules' | undefined): string {
  if (topic === 'scan') return "Usage: kubeward scan [options] [paths...]\nRun 'kubeward scan --help' for the options.";
  if (topic === 'rules') return RULES_HELP;
  return `${USAGE}\nRun 'kubeward --help' for more.`;
}

/**
 * The settings CLI flags set, raw (as normalizeSettings reads them). Only what was given: a flag
 * left out must not reset what a `.kubeward.yaml` says.
 */
export function flagSettings(command: ScanCommand): Record<string, unknown> {
  return {
    ...(command.profile ? { profile: command.profile } : {}),
    ...(command.rules.length > 0 ? { rules: Object.fromEntries(command.rules) } : {}),
    ...(command.pssVersion ? { podSecurityVersion: command.pssVersion } : {}),
    ...(command.maxFileSize ? { maxFileSize: command.maxFileSize } : {}),
    ...(command.unsafeFixes ? { fix: { unsafe: true } } : {}),
  };
}

/** Settings from the command line alone; values were validated by the parser, so nothing is dropped here. */
export function settingsFromCommand(command: ScanCommand, warn: (message: string) => void): Settings {
  return normalizeSettings(flagSettings(command), RULE_IDS, warn);
}

/** `--config FILE`: unreadable is a usage-level error (exit 2 before scanning); its mistakes are reported like any config file's. */
async function explicitConfig(command: ScanCommand, io: CliIO): Promise<CliConfig | string> {
  const flags = flagSettings(command);
  if (command.config === undefined) return new CliConfig({ flags });
  const file = path.resolve(io.cwd, command.config);
  let text: string;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return `The config file ${command.config} is not a regular file.`;
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    return `The config file ${command.config} cannot be read: ${describeFsError(error)}`;
  }
  return new CliConfig({ flags, explicit: { file, dir: path.dirname(file), ...parseConfigText(text) } });
}

/** KUBEWARD_SCAN_POOL=on|off forces worker threads on or off (tests compare the two); anything else is automatic. */
function poolMode(env: CliIO['env']): 'auto' | 'on' | 'off' {
  const value = env['KUBEWARD_SCAN_POOL'];
  return value === 'on' || value === 'off' ? value : 'auto';
}

async function scan(command: ScanCommand, io: CliIO): Promise<number> {
  const config = await explicitConfig(command, io);
  if (typeof config === 'string') {
    io.writeStderr(`kubeward: ${config}\n`);
    return EXIT_ERROR;
  }
  const report = await runScan({
    paths: command.paths,
    cwd: io.cwd,
    config,
    fix: command.fix,
    unsafe: command.unsafeFixes,
    pool: poolMode(io.env),
    ...(command.pinDigests
      ? {
          pin: {
            insecureHosts: command.insecureRegistries,
            dropTag: command.pinDropTag,
            env: io.env,
            ...(command.registryTimeoutMs !== undefined ? { timeoutMs: command.registryTimeoutMs } : {}),
          },
        }
      : {}),
  });
  const color = useColor(io.stdoutIsTTY, io.env) && command.output === undefined;
  const messageOptions = { color: useColor(io.stderrIsTTY, io.env), quiet: command.quiet };
  let body: string;
  let messages: string;
  switch (command.format) {
    case 'json':
      body = formatJson(report, command.showSuppressed);
      messages = formatMessages(report, { ...messageOptions, quiet: true });
      break;
    case 'sarif':
      body = formatSarif(report, RULES, command.showSuppressed);
      messages = formatMessages(report, { ...messageOptions, quiet: true });
      break;
    default:
      body = command.fix === 'dry-run' ? report.diffs.join('') : formatText(report, { color, showSuppressed: command.showSuppressed });
      messages = formatMessages(report, messageOptions);
      break;
  }
  if (command.output !== undefined) {
    const target = path.resolve(io.cwd, command.output);
    try {
      await fs.writeFile(target, body);
    } catch (error) {
      io.writeStderr(messages);
      io.writeStderr(`kubeward: the report could not be written to ${command.output}: ${describeFsError(error)}\n`);
      return EXIT_ERROR;
    }
  } else {
    io.writeStdout(body);
  }
  io.writeStderr(messages);
  if (report.errors.some(isFailure)) return EXIT_ERROR;
  return report.findings.length > 0 && !command.exitZero ? EXIT_FINDINGS : EXIT_OK;
}

/** Runs one command line (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let command: Command;
  try {
    command = parseArgs(argv, RULE_IDS);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.writeStderr(`kubeward: ${error.message}\n\n${usageFor(error.topic)}\n`);
    return EXIT_ERROR;
  }
  switch (command.command) {
    case 'version':
      io.writeStdout(`${VERSION}\n`);
      return EXIT_OK;
    case 'help':
      io.writeStdout(`${command.topic === 'scan' ? SCAN_HELP : command.topic === 'rules' ? RULES_HELP : MAIN_HELP}\n`);
      return EXIT_OK;
    case 'rules':
      io.writeStdout(command.format === 'json' ? formatRulesJson(RULES) : formatRulesText(RULES));
      return EXIT_OK;
    case 'scan':
      return scan(command, io);
    default:
      return EXIT_ERROR;
  }
}
