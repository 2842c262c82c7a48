import type { K8sObject } from '../model/objects';
import { objectsOf } from '../model/objects';
import { Source } from '../model/located';
import { parseChunk, splitDocuments } from '../parse';
import { toInstance } from './convert';
import type { SchemaNode } from './load';

/** One served version of a custom resource, with its schema made ready for ajv. */
export interface CustomResourceSchema {
  /** `stable.example.com/v1` */
  readonly apiVersion: string;
  readonly kind: string;
  /** The CRD's `metadata.name` (`crontabs.stable.example.com`), for messages. */
  readonly crdName: string;
  /** Where the CRD was found (a file URI or path), as given to the registry. */
  readonly origin: string;
  readonly schema: SchemaNode;
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The built-in ObjectMeta, which every custom resource has without declaring it. */
const OBJECT_META: SchemaNode = { $ref: 'k8s#/definitions/ObjectMeta' };

/**
 * Turns a CRD's openAPIV3Schema into a draft-07 schema that behaves like the API server's
 * structural-schema handling: fields a schema does not declare are dropped by the server (so they
 * are reported), unless `x-kubernetes-preserve-unknown-fields` keeps them. Value validations
 * (anyOf, allOf, oneOf, not) are copied without that strictness, because their `properties` only
 * constrain fields the structural part declares.
 */
export function structuralToAjv(node: unknown, options: { root?: boolean; structural?: boolean } = {}): SchemaNode {
  if (!isRecord(node)) return {};
  const structural = options.structural !== false;
  const out: Record<string, unknown> = {};
  const type = typeof node['type'] === 'string' ? node['type'] : undefined;
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  const intOrString = node['x-kubernetes-int-or-string'] === true;
  if (intOrString) out['type'] = ['integer', 'string'];
  else if (type) out['type'] = node['nullable'] === true ? [type, 'null'] : type;

  for (const keyword of ['description', 'enum', 'pattern', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'multipleOf', 'required']) {
    if (node[keyword] !== undefined) out[keyword] = node[keyword];
  }
  // OpenAPI v3.0 writes exclusive bounds as booleans beside the bound; draft-07 as numbers.
  for (const [bound, exclusive, draft7] of [['maximum', 'exclusiveMaximum', 'exclusiveMaximum'], ['minimum', 'exclusiveMinimum', 'exclusiveMinimum']] as const) {
    if (typeof node[bound] !== 'number') continue;
    if (node[exclusive] === true) out[draft7] = node[bound];
    else out[bound] = node[bound];
  }
  for (const flag of ['x-kubernetes-preserve-unknown-fields', 'x-kubernetes-int-or-string', 'x-kubernetes-embedded-resource']) {
    if (node[flag] === true) out[flag] = true;
  }

  const properties: Record<string, SchemaNode> = {};
  if (isRecord(node['properties'])) {
    for (const [name, child] of Object.entries(node['properties'])) properties[name] = structuralToAjv(child, { structural });
  }
  const embedded = node['x-kubernetes-embedded-resource'] === true;
  if (options.root || embedded) {
    properties['apiVersion'] ??= { type: 'string' };
    properties['kind'] ??= { type: 'string' };
    properties['metadata'] ??= options.root ? OBJECT_META : { type: 'object' };
  }
  if (Object.keys(properties).length > 0) out['properties'] = properties;

  if (isRecord(node['additionalProperties'])) out['additionalProperties'] = structuralToAjv(node['additionalProperties'], { structural });
  else if (typeof node['additionalProperties'] === 'boolean') out['additionalProperties'] = node['additionalProperties'];
  else if (structural && !preserve && isRecord(node['properties'])) out['additionalProperties'] = false;

  if (Array.isArray(node['items'])) out['items'] = node['items'].map((item) => structuralToAjv(item, { structural }));
  else if (isRecord(node['items'])) out['items'] = structuralToAjv(node['items'], { structural });

  for (const combinator of ['anyOf', 'allOf', 'oneOf']) {
    const list = node[combinator];
    if (Array.isArray(list)) out[combinator] = list.map((branch) => structuralToAjv(branch, { structural: false }));
  }
  if (isRecord(node['not'])) out['not'] = structuralToAjv(node['not'], { structural: false });
  return out;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** The custom resource schemas a `CustomResourceDefinition` object declares (served versions with a schema). */
export function schemasOfCrd(object: K8sObject, origin: string): CustomResourceSchema[] {
  if (object.kind.value !== 'CustomResourceDefinition' || !object.apiVersion.value.startsWith('apiextensions.k8s.io/')) return [];
  let crd: unknown;
  try {
    crd = toInstance(object.root.node, object.root.source.doc);
  } catch {
    return [];
  }
  if (!isRecord(crd) || !isRecord(crd['spec'])) return [];
  const spec = crd['spec'];
  const group = str(spec['group']);
  const kind = isRecord(spec['names']) ? str(spec['names']['kind']) : undefined;
  const crdName = (isRecord(crd['metadata']) ? str(crd['metadata']['name']) : undefined) ?? `${kind ?? '?'}.${group ?? '?'}`;
  if (!group || !kind || !Array.isArray(spec['versions'])) return [];
  const result: CustomResourceSchema[] = [];
  for (const version of spec['versions']) {
    if (!isRecord(version) || version['served'] === false) continue;
    const name = str(version['name']);
    const openApi = isRecord(version['schema']) ? version['schema']['openAPIV3Schema'] : undefined;
    if (!name || !isRecord(openApi)) continue;
    result.push({ apiVersion: `${group}/${name}`, kind, crdName, origin, schema: structuralToAjv(openApi, { root: true }) });
  }
  return result;
}

/**
 * The custom resources known to the engine, by the origin (file) that declared them. Callers feed
 * it: the language server with every open or scanned file, the CLI with every file before it
 * reports. Replacing an origin's CRDs forgets the ones it no longer declares.
 */
export class CrdRegistry {
  private readonly byOrigin = new Map<string, readonly CustomResourceSchema[]>();
  private index: Map<string, CustomResourceSchema> | undefined;
  private generation = 0;
  private readonly listeners = new Set<() => void>();

  /** Bumped on every change; a cache of analysis results keyed on text should include it. */
  get version(): number {
    return this.generation;
  }

  /** Sets the CRDs declared by `origin` from already-parsed objects (e.g. `analyzeText(...).objects`). */
  setFromObjects(origin: string, objects: Iterable<K8sObject>): readonly CustomResourceSchema[] {
    const schemas: CustomResourceSchema[] = [];
    for (const object of objects) schemas.push(...schemasOfCrd(object, origin));
    this.replace(origin, schemas);
    return schemas;
  }

  /** Parses `text` (any YAML file) and sets the CRDs it declares for `origin`. */
  setFromText(origin: string, text: string): readonly CustomResourceSchema[] {
    // A cheap test first: most files declare no CRD, and this runs on every keystroke.
    if (!text.includes('CustomResourceDefinition')) {
      if (this.byOrigin.has(origin)) this.replace(origin, []);
      return [];
    }
    const objects: K8sObject[] = [];
    for (const chunk of splitDocuments(text)) {
      let docs;
      try {
        docs = parseChunk(chunk.text);
      } catch {
        continue;
      }
      for (const doc of docs) if (doc.errors.length === 0) objects.push(...objectsOf(new Source(chunk.text, doc)));
    }
    return this.setFromObjects(origin, objects);
  }

  remove(origin: string): void {
    if (this.byOrigin.has(origin)) this.replace(origin, []);
  }

  clear(): void {
    if (this.byOrigin.size === 0) return;
    this.byOrigin.clear();
    this.changed();
  }

  /** The schema for a custom resource; the first origin (in registration order) wins a conflict. */
  lookup(apiVersion: string, kind: string): CustomResourceSchema | undefined {
    if (!this.index) {
      this.index = new Map();
      for (const schemas of this.byOrigin.values()) {
        for (const schema of schemas) {
          const key = `${schema.apiVersion}\0${schema.kind}`;
          if (!this.index.has(key)) this.index.set(key, schema);
        }
      }
    }
    return this.index.get(`${apiVersion}\0${kind}`);
  }

  all(): CustomResourceSchema[] {
    return [...this.byOrigin.values()].flat();
  }

  /** Called after each change, so a server can re-validate open documents. Returns an unsubscribe function. */
  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private replace(origin: string, schemas: readonly CustomResourceSchema[]): void {
    const before = this.byOrigin.get(origin) ?? [];
    if (JSON.stringify(before) === JSON.stringify(schemas)) return;
    if (schemas.length === 0) this.byOrigin.delete(origin);
    else this.byOrigin.set(origin, schemas);
    this.changed();
  }

  private changed(): void {
    this.index = undefined;
    this.generation++;
    for (const listener of this.listeners) listener();
  }
}

/** The registry the rules and hovers consult. */
export const crdRegistry = new CrdRegistry();
