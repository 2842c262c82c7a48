import { isAlias, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { Source, type FieldPath, type Span } from '../model/located';
import { objectsOf } from '../model/objects';
import { parseChunk, splitDocuments } from '../parse';
import { isMergeKey, keyString } from './convert';
import { builtinSchema, type SchemaNode } from './load';
import { deref, schemaAt, typeLabel } from './nav';
import { schemaTarget } from './validator';

/** What a hover shows for a field. */
export interface FieldDoc {
  /** The field's name (`runAsNonRoot`), or `[]` for a list item. */
  readonly name: string;
  /** From the object root, list items as `[]`: `spec.template.spec.containers[].securityContext.runAsNonRoot`. */
  readonly path: string;
  /** `boolean`, `[]Container`, `map[string]string`, `integer or string`, `SecurityContext`. */
  readonly type: string;
  readonly description?: string;
  /** Allowed values, when the schema fixes them. */
  readonly enum?: readonly string[];
  /** The parent object requires the field. */
  readonly required: boolean;
  /** `Kubernetes 1.30 apps/v1 Deployment` or `CronTab stable.example.com/v1 (the CustomResourceDefinition …)`. */
  readonly schema: string;
}

/** A field doc with the text range it was found at (the key, or the value under the cursor). */
export interface FieldDocAt extends FieldDoc {
  readonly span: Span;
}

/**
 * The documentation of a field of a built-in kind or a registered custom resource; `path` is
 * from the object root, list items as numbers (any index) — `['spec', 'containers', 0, 'image']`.
 * Undefined for unknown kinds and for paths the schema does not have.
 */
export function describeField(apiVersion: string, kind: string, path: FieldPath): FieldDoc | undefined {
  const target = schemaTarget(apiVersion, kind);
  if (!target || path.length === 0) return undefined;
  const { definitions } = builtinSchema();
  const parent = schemaAt(target.root, path.slice(0, -1), definitions);
  const field = schemaAt(target.root, path, definitions);
  if (!parent || !field) return undefined;
  const last = path[path.length - 1] as string | number;
  const declared: SchemaNode = field.declared ?? field.schema;
  const description = declared.description ?? field.schema.description;
  const values = (field.schema.enum ?? (field.schema.items && !Array.isArray(field.schema.items) ? (field.schema.items as SchemaNode).enum : undefined))
    ?.filter((value) => value !== '')
    .map(String);
  const required = typeof last === 'string' && (deref(parent.schema, definitions).schema.required ?? []).includes(last);
  const origin = target.source === 'kubernetes' ? `${target.origin} ${apiVersion} ${kind}` : `${kind} ${apiVersion} (${target.origin})`;
  return {
    name: typeof last === 'number' ? '[]' : last,
    path: docPath(path),
    type: typeLabel(declared, definitions),
    ...(description ? { description } : {}),
    ...(values && values.length > 0 ? { enum: values } : {}),
    required,
    schema: origin,
  };
}

function docPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? '[]' : out ? `.${segment}` : segment;
  return out;
}

function rangeOf(node: unknown): [number, number, number] | undefined {
  const range = (node as { range?: [number, number, number] | null } | null | undefined)?.range;
  return range ?? undefined;
}

function contains(range: [number, number, number] | undefined, offset: number, inclusiveEnd: boolean): boolean {
  if (!range) return false;
  return offset >= range[0] && (offset < range[1] || (inclusiveEnd && offset === range[1]));
}

/**
 * The field under `offset` in a manifest's text: on a key, or on a scalar value (which documents
 * its key). Offsets and the returned span are into `text`. Undefined off any field, in non-
 * Kubernetes YAML, and for kinds without a schema.
 */
export function fieldDocAt(text: string, offset: number): FieldDocAt | undefined {
  const chunk = splitDocuments(text).find((c) => offset >= c.start && offset <= c.start + c.text.length);
  if (!chunk) return undefined;
  const local = offset - chunk.start;
  let docs;
  try {
    docs = parseChunk(chunk.text);
  } catch {
    return undefined;
  }
  for (const doc of docs) {
    if (!contains([doc.range[0], doc.range[2], doc.range[2]], local, true)) continue;
    const source = new Source(chunk.text, doc);
    for (const object of objectsOf(source)) {
      if (local < object.root.span.start || local > object.root.span.end) continue;
      const found = fieldPathAt(object.root.node, local);
      if (!found) continue;
      const doc = describeField(object.apiVersion.value, object.kind.value, found.path);
      if (!doc) return undefined;
      return { ...doc, span: { start: found.span.start + chunk.start, end: found.span.end + chunk.start } };
    }
  }
  return undefined;
}

/** The path (from `root`) of the key or scalar at `offset`, and the span to highlight. */
function fieldPathAt(root: Node, offset: number): { path: (string | number)[]; span: Span } | undefined {
  const path: (string | number)[] = [];
  let node: unknown = root;
  for (let depth = 0; depth < 100; depth++) {
    if (isMap(node)) {
      let next: unknown;
      for (const item of node.items) {
        if (!isPair(item) || isMergeKey(item)) continue;
        const keyRange = rangeOf(item.key);
        const key = keyString(item.key);
        if (key === undefined) continue;
        if (contains(keyRange, offset, true)) {
          return { path: [...path, key], span: { start: (keyRange as number[])[0] as number, end: (keyRange as number[])[1] as number } };
        }
        const valueRange = rangeOf(item.value);
        if (valueRange && offset >= valueRange[0] && offset <= valueRange[1]) {
          path.push(key);
          if (isScalar(item.value) || isAlias(item.value)) return { path, span: { start: valueRange[0], end: valueRange[1] } };
          next = item.value;
          break;
        }
      }
      if (next === undefined) return undefined;
      node = next;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => {
        const range = rangeOf(item);
        return range !== undefined && offset >= range[0] && offset <= range[1];
      });
      if (index === -1) return undefined;
      const item = node.items[index];
      path.push(index);
      if (isScalar(item) || isAlias(item)) {
        const range = rangeOf(item) as [number, number, number];
        return { path, span: { start: range[0], end: range[1] } };
      }
      node = item;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** Markdown for a hover: the type line, the description, the allowed values and the schema it came from. */
export function fieldDocMarkdown(doc: FieldDoc): string {
  const lines = [`**${doc.name}** \`${doc.type}\`${doc.required ? ' (required)' : ''}`, '', `\`${doc.path}\``];
  if (doc.description) lines.push('', doc.description);
  if (doc.enum) lines.push('', `Allowed values: ${doc.enum.map((value) => `\`${value}\``).join(', ')}`);
  lines.push('', `_${doc.schema}_`);
  return lines.join('\n');
}
