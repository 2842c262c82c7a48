import type { ErrorObject } from 'ajv';
import { isPair, isScalar, type Node } from 'yaml';
import { formatPath, type FieldPath, type Span } from '../model/located';
import type { K8sObject } from '../model/objects';
import { apiVersionProblem } from './api-versions';
import { ConversionLimit, toInstance } from './convert';
import { builtinSchema } from './load';
import { locate, plainSource, type Location } from './locate';
import { objectDefinition, propertyNames, schemaAt, shortName } from './nav';
import { closestName } from './suggest';
import { schemaTarget, type SchemaTarget } from './validator';
import { derived } from '../model/derived';

/** `all` validates everything, `security` only security-relevant fields, `off` nothing. */
export type SchemaValidationMode = 'all' | 'security' | 'off';

export interface SchemaIssue {
  readonly rule: 'unknown-field' | 'invalid-value';
  readonly span: Span;
  /** From the document root (so `items[0]....` inside a List). */
  readonly path: FieldPath;
  readonly message: string;
  /** The field lies under a security-relevant field (reported in `security` mode). */
  readonly security: boolean;
  /** For an unknown field: the field most likely meant. */
  readonly suggestion?: string;
  /** When that rename can be made in place: the key text to replace. */
  readonly rename?: { readonly span: Span; readonly to: string; readonly safe: boolean };
}

const SCHEMA_ISSUES = Symbol('schema issues');

/**
 * Schema problems of one object, validated against the schema of its own apiVersion and kind.
 * Computed once per object and shared by the unknown-field and invalid-value rules.
 */
export function schemaIssues(object: K8sObject, mode: SchemaValidationMode = 'all'): readonly SchemaIssue[] {
  if (mode === 'off') return [];
  const issues = derived(object, SCHEMA_ISSUES, () => computeIssues(object));
  return mode === 'security' ? issues.filter((issue) => issue.security) : issues;
}

const SECURITY_FIELDS = new Set([
  'securityContext', 'capabilities', 'privileged', 'allowPrivilegeEscalation', 'volumes', 'volumeMounts', 'ports',
  'automountServiceAccountToken', 'hostNetwork', 'hostPID', 'hostIPC', 'hostUsers',
]);
const RBAC_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Role: ['rules'],
  ClusterRole: ['rules', 'aggregationRule'],
  RoleBinding: ['subjects', 'roleRef'],
  ClusterRoleBinding: ['subjects', 'roleRef'],
};

/** Whether a path (from the object root) is one the `security` mode reports. */
export function isSecurityPath(kind: string, path: FieldPath): boolean {
  const first = path[0];
  if (typeof first === 'string' && RBAC_FIELDS[kind]?.includes(first)) return true;
  return path.some((segment) => typeof segment === 'string' && (SECURITY_FIELDS.has(segment) || segment.startsWith('serviceAccount')));
}

function computeIssues(object: K8sObject): SchemaIssue[] {
  const base = object.root.path;
  const problem = apiVersionProblem(object.apiVersion.value, object.kind.value);
  if (problem) {
    const field = problem.on === 'apiVersion' ? object.apiVersion : object.kind;
    return [{ rule: 'invalid-value', span: field.span, path: field.path, message: problem.message, security: false }];
  }
  const target = schemaTarget(object.apiVersion.value, object.kind.value);
  if (!target) return [];
  const { doc } = object.root.source;
  let instance: unknown;
  try {
    instance = toInstance(object.root.node, doc);
  } catch (error) {
    if (error instanceof ConversionLimit) return [];
    throw error;
  }
  const errors = collapse(target.validate(instance));
  if (errors.length === 0) return [];
  const context: Context = {
    object,
    target,
    instance,
    locate: (path) => locate(doc, object.root.node, object.root.span, path),
  };
  const unknown = errors.filter((e) => e.keyword === 'additionalProperties').map((e) => unknownField(context, e));
  const suggested = new Set(unknown.flatMap((issue) => (issue.suggestion ? [`${formatPath(issue.path.slice(0, -1))}\0${issue.suggestion}`] : [])));
  const issues: SchemaIssue[] = [...unknown];
  for (const error of errors) {
    if (error.keyword === 'additionalProperties') continue;
    if (error.keyword === 'required') {
      const parent = [...base, ...segmentsOf(instance, error.instancePath)];
      // `contianers:` is reported once, as a misspelt field, not again as a missing `containers`.
      if (suggested.has(`${formatPath(parent)}\0${String(error.params['missingProperty'])}`)) continue;
    }
    issues.push(invalidValue(context, error));
  }
  const seen = new Set<string>();
  return issues
    .filter((issue) => {
      const key = `${issue.rule}:${issue.span.start}:${issue.span.end}:${issue.message}`;
      return !seen.has(key) && seen.add(key);
    })
    .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

interface Context {
  readonly object: K8sObject;
  readonly target: SchemaTarget;
  readonly instance: unknown;
  locate(path: readonly (string | number)[]): Location;
}

/**
 * One root cause, one error. For anyOf/oneOf, the branches whose type did not even match the value
 * only add noise ("must be boolean" beside the real error inside the object branch): keep the
 * errors from inside the value, or, when every branch failed on type, one merged type error.
 */
export function collapse(errors: readonly ErrorObject[]): ErrorObject[] {
  const combinators = errors.filter((e) => (e.keyword === 'anyOf' || e.keyword === 'oneOf') && !e.params['passingSchemas']);
  if (combinators.length === 0) return [...errors];
  const dropped = new Set<ErrorObject>(combinators);
  const added: ErrorObject[] = [];
  for (const combinator of combinators) {
    const at = combinator.instancePath;
    const typeErrors = errors.filter((e) => e.instancePath === at && e.keyword === 'type');
    const inside = errors.filter((e) => !dropped.has(e) && !typeErrors.includes(e) && (e.instancePath === at || e.instancePath.startsWith(`${at}/`)));
    for (const e of typeErrors) dropped.add(e);
    if (inside.length === 0 && typeErrors.length > 0) {
      const types = [...new Set(typeErrors.flatMap((e) => typesOf(e.params['type'])))];
      added.push({ ...(typeErrors[0] as ErrorObject), params: { type: types.join(',') } });
    } else if (inside.length === 0) {
      added.push(combinator);
    }
  }
  return [...errors.filter((e) => !dropped.has(e)), ...added];
}

function typesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(',') : [];
}

/** JSON pointer segments, with array indices as numbers (decided by the instance, not by looks). */
function segmentsOf(instance: unknown, pointer: string): (string | number)[] {
  if (pointer === '') return [];
  const segments: (string | number)[] = [];
  let current: unknown = instance;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      const index = Number(token);
      segments.push(index);
      current = current[index];
    } else {
      segments.push(token);
      current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[token] : undefined;
    }
  }
  return segments;
}

function valueAt(instance: unknown, path: readonly (string | number)[]): unknown {
  let current = instance;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** `Kubernetes SecurityContext`, or for a custom resource `CronTab spec`. */
function ownerLabel(context: Context, path: readonly (string | number)[]): string {
  const { definitions } = builtinSchema();
  const at = schemaAt(context.target.root, path, definitions);
  const root = path.length === 0 && context.target.source === 'kubernetes' ? context.target.kind : undefined;
  const definition = (at ? objectDefinition(at, definitions) : undefined) ?? root;
  // Custom resource schemas have no named types of their own; a name means a built-in type (ObjectMeta).
  if (definition) return `Kubernetes ${shortName(definition)}`;
  const where = path.length > 0 ? ` ${formatPath(path)}` : '';
  return `${context.target.kind}${where} (${context.target.origin})`;
}

/** `seccompProfile.type`, `containers[0].image`: the field and enough of its parents to recognise it. */
function fieldLabel(path: readonly (string | number)[]): string {
  let from = path.length;
  for (let names = 0; from > 0 && names < 2; ) {
    from--;
    if (typeof path[from] === 'string') names++;
  }
  return formatPath(path.slice(from)) || 'the object';
}

function unknownField(context: Context, error: ErrorObject): SchemaIssue {
  const { object } = context;
  const parent = segmentsOf(context.instance, error.instancePath);
  const key = String(error.params['additionalProperty']);
  const path = [...parent, key];
  const parentSchema = schemaAt(context.target.root, parent, builtinSchema().definitions);
  const siblings = parentSchema ? propertyNames(parentSchema.schema, builtinSchema().definitions) : [];
  const suggestion = closestName(key, siblings);
  const location = context.locate(path);
  const span = location.keySpan;
  const owner = ownerLabel(context, parent);
  const present = valueAt(context.instance, parent);
  // Taken in the value, or written in the map at all: an empty `securityContext:` is no value,
  // but renaming a sibling to it would still write the key twice.
  const taken =
    suggestion !== undefined &&
    ((present !== null && typeof present === 'object' && Object.prototype.hasOwnProperty.call(present, suggestion.name)) ||
      (location.map?.items.some((item) => isPair(item) && isScalar(item.key) && item.key.value === suggestion.name) ?? false));
  const message = suggestion
    ? `Field "${key}" is not part of ${owner}; did you mean "${suggestion.name}"? A misspelt field has no effect.`
    : `Field "${key}" is not part of ${owner}, so it has no effect.`;
  const keyNode = location.pair && isPair(location.pair) ? (location.pair.key as Node) : undefined;
  const renamable = suggestion !== undefined && !taken && location.depth === path.length && location.direct && isScalar(keyNode);
  const security = isSecurityPath(object.kind.value, path) || (suggestion !== undefined && isSecurityPath(object.kind.value, [...parent, suggestion.name]));
  return {
    rule: 'unknown-field',
    span,
    path: [...object.root.path, ...path],
    message,
    security,
    ...(suggestion ? { suggestion: suggestion.name } : {}),
    ...(renamable && suggestion
      ? { rename: { span: location.keySpan, to: suggestion.name, safe: suggestion.exact || (suggestion.distance === 1 && suggestion.name.length >= 8) } }
      : {}),
  };
}

const ARTICLE: Readonly<Record<string, string>> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'a boolean (true or false)',
  object: 'a mapping',
  array: 'a list',
  null: 'null',
};

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number') return `the number ${String(value)}`;
  if (typeof value === 'boolean') return `the boolean ${String(value)}`;
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'null';
  return 'a mapping';
}

function typeHint(expected: readonly string[], value: unknown, node: Node | undefined): string {
  const plain = plainSource(node);
  const wantsNumber = expected.includes('integer') || expected.includes('number');
  if (typeof value === 'string' && !expected.includes('string')) {
    if (wantsNumber && /^[+-]?\d+(\.\d+)?$/.test(value.trim())) return '; write it without quotes';
    if (expected.includes('boolean') && /^(true|false)$/i.test(value.trim())) return '; write it without quotes';
  }
  // Quoting helps only where any string is accepted, not for int-or-string fields such as ports.
  if (expected.length === 1 && expected[0] === 'string' && plain !== undefined && (typeof value === 'boolean' || typeof value === 'number')) {
    const why = typeof value === 'boolean' ? `YAML 1.1 reads ${plain} as a boolean, so quote it` : 'quote it';
    return `; ${why}: "${plain}"`;
  }
  return '';
}

function joinAlternatives(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

function invalidValue(context: Context, error: ErrorObject): SchemaIssue {
  const { object } = context;
  const path = segmentsOf(context.instance, error.instancePath);
  const absolute = [...object.root.path, ...path];
  const security = isSecurityPath(object.kind.value, path);
  const location = context.locate(path);
  const value = valueAt(context.instance, path);
  const field = fieldLabel(path);
  const issue = (span: Span, message: string, at: FieldPath = absolute): SchemaIssue => ({ rule: 'invalid-value', span, path: at, message, security });
  switch (error.keyword) {
    case 'required': {
      const missing = String(error.params['missingProperty']);
      const span = path.length === 0 ? object.anchorSpan : location.keySpan;
      const missingPath = [...path, missing];
      return {
        ...issue(span, `Required field "${missing}" is missing from ${ownerLabel(context, path)}.`, [...absolute, missing]),
        security: isSecurityPath(object.kind.value, missingPath),
      };
    }
    case 'type': {
      const expected = typesOf(error.params['type']);
      const wanted = joinAlternatives(expected.map((t) => ARTICLE[t] ?? t));
      const hint = typeHint(expected, value, location.node);
      // A whole mapping or list of the wrong type would underline many lines: mark its key instead.
      const span = value !== null && typeof value === 'object' && location.pair ? location.keySpan : location.valueSpan;
      return issue(span, `Field "${field}" must be ${wanted}, not ${describeValue(value)}${hint}.`);
    }
    case 'enum': {
      const allowed = ((error.params['allowedValues'] as unknown[]) ?? []).filter((v) => v !== '').map(String);
      const suggestion = typeof value === 'string' ? closestName(value, allowed) : undefined;
      const tail = suggestion ? `; did you mean "${suggestion.name}"? The API server rejects other values.` : '.';
      return issue(location.valueSpan, `Field "${field}" must be ${joinAlternatives(allowed)}, not ${describeValue(value)}${tail}`);
    }
    case 'pattern': {
      const definition = schemaAt(context.target.root, path, builtinSchema().definitions)?.definition;
      if (definition === 'Quantity') {
        return issue(location.valueSpan, `Field "${field}" must be a Kubernetes quantity such as 500m, 2 or 1Gi, not ${describeValue(value)}.`);
      }
      return issue(location.valueSpan, `Field "${field}" must match the pattern ${String(error.params['pattern'])}, not ${describeValue(value)}.`);
    }
    case 'const':
      return issue(location.valueSpan, `Field "${field}" must be ${JSON.stringify(error.params['allowedValue'])}, not ${describeValue(value)}.`);
    default:
      return issue(location.valueSpan, `Field "${field}" ${error.message ?? 'is not valid'}.`);
  }
}
