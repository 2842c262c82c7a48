import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import schema from '../../../schemas/kubeward-config.schema.json';
import type { Span } from './model/located';

/** The repository config file names, in the order they are looked for. */
export const CONFIG_FILE_NAMES = ['.kubeward.yaml', '.kubeward.yml'] as const;

/** A mistake in a config file, located for a diagnostic in that file. */
export interface ConfigProblem {
  readonly message: string;
  readonly span: Span;
}

/** A loaded `.kubeward.yaml`; `raw` holds only what validated, problems say what did not. */
export interface RepoConfig {
  readonly file: string;
  readonly dir: string;
  readonly raw: Record<string, unknown>;
  readonly problems: readonly ConfigProblem[];
}

let validator: ValidateFunction | undefined;

function validate(value: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

function nodeAt(root: Node | null | undefined, pointer: string): { node: Node | undefined; key: Node | undefined } {
  let node: Node | null | undefined = root;
  let key: Node | undefined;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === part);
      if (!pair) return { node: undefined, key: undefined };
      key = pair.key as Node;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      node = node.items[Number(part)] as Node | undefined;
      key = undefined;
    } else {
      return { node: undefined, key: undefined };
    }
  }
  return { node: node ?? undefined, key };
}

function describe(error: ErrorObject): string {
  const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'The file';
  switch (error.keyword) {
    case 'additionalProperties':
      return `"${String(error.params['additionalProperty'])}" is not a Kubeward setting${where === 'The file' ? '' : ` under ${where}`}.`;
    case 'enum':
      return `${where} must be one of: ${(error.params['allowedValues'] as unknown[]).join(', ')}.`;
    case 'required':
      return `${where === 'The file' ? 'The file' : where} needs "${String(error.params['missingProperty'])}".`;
    case 'pattern':
      return where.endsWith('expires') ? `${where} must be a date written YYYY-MM-DD.` : `${where} does not have the expected form (${String(error.params['pattern'])}).`;
    case 'propertyNames':
      return `${where} has a key that is not a rule id.`;
    default:
      return `${where} ${error.message ?? 'is invalid'}.`;
  }
}

/**
 * Parses and validates config text. YAML 1.2 is used on purpose: here `off` must stay the
 * string "off", and dates must stay strings.
 */
export function parseConfigText(text: string): { raw: Record<string, unknown>; problems: ConfigProblem[] } {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const start = Math.min(error?.pos[0] ?? 0, text.length);
    return { raw: {}, problems: [{ message: `The config file cannot be parsed: ${(error?.message.split('\n')[0] ?? '').replace(/ at line.*$/, '')}.`, span: { start, end: Math.min(Math.max(error?.pos[1] ?? start, start), text.length) } }] };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Unresolved aliases and alias bombs surface only when converting.
    return { raw: {}, problems: [{ message: `The config file cannot be read: ${(error as Error).message}.`, span: { start: 0, end: Math.min(text.length, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n')) } }] };
  }
  if (value === null || value === undefined) return { raw: {}, problems: [] };
  const rootNode = doc.contents as Node | null;
  const problems: ConfigProblem[] = [];
  const errors = validate(value).filter((error) => error.keyword !== 'oneOf' && error.keyword !== 'if');
  const seen = new Set<string>();
  for (const error of errors) {
    const message = describe(error);
    const pointer = error.keyword === 'additionalProperties' ? `${error.instancePath}/${String(error.params['additionalProperty'])}` : error.instancePath;
    const { node, key } = nodeAt(rootNode, pointer);
    const target = error.keyword === 'additionalProperties' ? key : (node ?? key);
    const range = target?.range ?? rootNode?.range ?? [0, 0, 0];
    const id = `${range[0]}:${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push({ message, span: { start: range[0], end: range[1] } });
  }
  if (typeof value !== 'object' || Array.isArray(value)) return { raw: {}, problems };
  // Drop invalid top-level keys so that the rest of the file still applies.
  const invalidTop = new Set(errors.map((error) => (error.keyword === 'additionalProperties' && !error.instancePath ? String(error.params['additionalProperty']) : error.instancePath.split('/')[1])));
  const raw = Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([key]) => !invalidTop.has(key)));
  return { raw, problems };
}

/** The nearest config file in `dir` or above it, stopping at `stopAt` (inclusive) or the root. */
export function findConfigFile(dir: string, stopAt?: string): string | undefined {
  let current = path.resolve(dir);
  const stop = stopAt ? path.resolve(stopAt) : undefined;
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(current, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(current);
    if (parent === current || current === stop) return undefined;
    current = parent;
  }
}

/** Reads and validates a config file; an unreadable file becomes one problem. */
export function loadConfigFile(file: string): RepoConfig {
  const dir = path.dirname(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { file, dir, raw: {}, problems: [{ message: `The config file cannot be read: ${(error as Error).message}.`, span: { start: 0, end: 0 } }] };
  }
  return { file, dir, ...parseConfigText(text) };
}

/** `**` any depth, `*` within one path segment, `?` one character; matched against `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let pattern = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  const anchored = pattern.includes('/') && !pattern.startsWith('**/');
  if (pattern.endsWith('/')) pattern += '**';
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // An unanchored pattern such as `*.yaml` or `fixtures` matches at any depth, as in .gitignore.
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${out.replace(/^\//, '')}(?:/.*)?$`);
}

/** Whether `file` (absolute) matches any glob written relative to `base`. */
export function matchesAny(globs: readonly string[], base: string, file: string): boolean {
  const relative = path.relative(base, file).split(path.sep).join('/');
  if (relative.startsWith('../')) return false;
  return globs.some((glob) => globToRegExp(glob).test(relative));
}

function mergeRaw(under: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(over)) {
    const previous = result[key];
    const bothObjects = [previous, value].every((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
    result[key] = bothObjects ? mergeRaw(previous as Record<string, unknown>, value as Record<string, unknown>) : value;
  }
  return result;
}

/**
 * The raw settings for one file: the editor's or CLI's own settings, overlaid by the config file
 * (the team's shared choice wins, so the editor and CI agree), then by its matching overrides.
 */
export function settingsForFile(config: RepoConfig | undefined, file: string, own: Record<string, unknown> = {}): Record<string, unknown> {
  if (!config) return own;
  const { overrides, ...shared } = config.raw as { overrides?: { files: string[] }[] } & Record<string, unknown>;
  let result = mergeRaw(own, shared);
  for (const override of overrides ?? []) {
    const { files, ...rest } = override;
    if (matchesAny(files, config.dir, file)) result = mergeRaw(result, rest);
  }
  return result;
}
