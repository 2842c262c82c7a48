import type { SchemaNode } from './load';

export type Definitions = Readonly<Record<string, SchemaNode>>;

/** A schema with its `$ref`s followed, and the name of the last definition passed through. */
export interface Resolved {
  readonly schema: SchemaNode;
  /** The definition's name (`SecurityContext`), when the schema is one. */
  readonly definition?: string;
  /** The schema as the parent declares it, before `$ref`s: it carries the field's own description. */
  readonly declared?: SchemaNode;
}

const REF = /^(?:[^#]*)#\/definitions\/(.+)$/;

/** The definition a `$ref` names (`#/definitions/X` or `k8s#/definitions/X`). */
export function refName(ref: string): string | undefined {
  const match = REF.exec(ref);
  return match ? decodeURIComponent(match[1] as string) : undefined;
}

/** Follows `$ref`s. A property's own description sits beside its `$ref`: read it before calling. */
export function deref(schema: SchemaNode, definitions: Definitions): Resolved {
  let current = schema;
  let definition: string | undefined;
  for (let hops = 0; current.$ref !== undefined && hops < 16; hops++) {
    const name = refName(current.$ref);
    const target = name === undefined ? undefined : definitions[name];
    if (!target || name === undefined) break;
    definition = name;
    current = target;
  }
  return definition === undefined ? { schema: current, declared: schema } : { schema: current, definition, declared: schema };
}

/** `SecurityContext`, without the group/version prefix the generator adds to clashing names. */
export function shortName(definition: string): string {
  return definition.slice(definition.lastIndexOf('.') + 1);
}

function branches(schema: SchemaNode): readonly SchemaNode[] {
  return [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
}

function isFreeForm(schema: SchemaNode): boolean {
  return schema['x-kubernetes-preserve-unknown-fields'] === true;
}

/** The schema of `segment` inside a value of `schema`; undefined when the schema has no such field. */
export function childSchema(schema: SchemaNode, segment: string | number, definitions: Definitions): Resolved | undefined {
  const { schema: resolved } = deref(schema, definitions);
  if (typeof segment === 'number') {
    const items = resolved.items;
    if (Array.isArray(items)) return items[segment] ? deref(items[segment] as SchemaNode, definitions) : undefined;
    if (items && typeof items === 'object') return deref(items as SchemaNode, definitions);
  } else {
    const property = resolved.properties?.[segment];
    if (property) return deref(property, definitions);
    const extra = resolved.additionalProperties;
    if (extra && typeof extra === 'object') return deref(extra, definitions);
    if (isFreeForm(resolved)) return { schema: { 'x-kubernetes-preserve-unknown-fields': true } };
  }
  for (const branch of branches(resolved)) {
    const found = childSchema(branch, segment, definitions);
    if (found) return found;
  }
  return undefined;
}

/** Walks a path (numbers for list items); undefined as soon as a step is not in the schema. */
export function schemaAt(root: SchemaNode, path: readonly (string | number)[], definitions: Definitions): Resolved | undefined {
  let current: Resolved | undefined = deref(root, definitions);
  for (const segment of path) {
    if (!current) return undefined;
    current = childSchema(current.schema, segment, definitions);
  }
  return current;
}

/**
 * The definition that describes an object value: the schema's own, or for a union such as
 * JSONSchemaPropsOrBool, the branch that is an object type.
 */
export function objectDefinition(resolved: Resolved, definitions: Definitions): string | undefined {
  if (resolved.schema.properties) return resolved.definition;
  for (const branch of branches(resolved.schema)) {
    const inner = deref(branch, definitions);
    if (inner.schema.properties && inner.definition) return inner.definition;
  }
  return resolved.definition;
}

/** The property names an object schema declares, including those of its branches. */
export function propertyNames(schema: SchemaNode, definitions: Definitions): string[] {
  const { schema: resolved } = deref(schema, definitions);
  const names = new Set(Object.keys(resolved.properties ?? {}));
  for (const branch of branches(resolved)) for (const name of propertyNames(branch, definitions)) names.add(name);
  return [...names];
}

function types(schema: SchemaNode): string[] {
  if (Array.isArray(schema.type)) return [...(schema.type as string[])];
  return typeof schema.type === 'string' ? [schema.type] : [];
}

/**
 * A short, Go-like type for hovers: `SecurityContext`, `[]Container`, `map[string]string`,
 * `integer or string`, `Quantity`.
 */
export function typeLabel(schema: SchemaNode, definitions: Definitions, depth = 0): string {
  const { schema: resolved, definition } = deref(schema, definitions);
  if (definition && resolved.properties) return shortName(definition);
  if (definition === 'Quantity') return 'Quantity (string or number)';
  if (definition === 'JSON') return 'any';
  const kinds = types(resolved);
  if (resolved['x-kubernetes-int-or-string'] === true) return 'integer or string';
  if (kinds.length > 1) return kinds.join(' or ');
  const kind = kinds[0];
  if (kind === 'array' && depth < 4) {
    const items = resolved.items;
    return items && !Array.isArray(items) ? `[]${typeLabel(items as SchemaNode, definitions, depth + 1)}` : 'array';
  }
  if (kind === 'object' || (!kind && (resolved.properties || resolved.additionalProperties))) {
    const extra = resolved.additionalProperties;
    if (!resolved.properties && extra && typeof extra === 'object' && depth < 4) return `map[string]${typeLabel(extra, definitions, depth + 1)}`;
    if (definition) return shortName(definition);
    return 'object';
  }
  if (kind) return kind;
  if (definition) return shortName(definition);
  const alternatives = [...(resolved.anyOf ?? []), ...(resolved.oneOf ?? [])];
  if (alternatives.length > 0 && depth < 4) return alternatives.map((branch) => typeLabel(branch, definitions, depth + 1)).join(' or ');
  return 'any';
}
