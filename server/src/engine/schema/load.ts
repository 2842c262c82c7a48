import * as fs from 'node:fs';
import * as path from 'node:path';

/** The Kubernetes minor version whose built-in kinds the shipped schema describes. */
export const KUBERNETES_VERSION = '1.30';
export const SCHEMA_FILE = `k8s-${KUBERNETES_VERSION}.json`;

/** The subset of JSON Schema (draft-07 plus Kubernetes extensions) the engine reads itself. */
export interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode | readonly SchemaNode[];
  readonly $ref?: string;
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly allOf?: readonly SchemaNode[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly required?: readonly string[];
  readonly description?: string;
  readonly pattern?: string;
  readonly title?: string;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly [keyword: string]: unknown;
}

/** The generated file (schemas/gen/generate.mjs). */
export interface K8sSchemaFile {
  readonly $comment?: string;
  readonly 'x-kubernetes-version': string;
  /** apiVersion → kind → definition name, for the kinds that are validated. */
  readonly 'x-kinds': Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** apiVersion → kinds Kubernetes serves, validated or not. */
  readonly 'x-served': Readonly<Record<string, readonly string[]>>;
  readonly definitions: Readonly<Record<string, SchemaNode>>;
}

let directoryOverride: string | undefined;
let loaded: K8sSchemaFile | undefined;

/**
 * Points the engine at a folder holding `k8s-<version>.json`, for hosts where the schemas are not
 * in a `schemas/` folder above the running code.
 */
export function setSchemaDirectory(directory: string | undefined): void {
  directoryOverride = directory;
  loaded = undefined;
}

/**
 * The schema file's path. The same search works in the repository (out/server/src/engine/schema,
 * dist/), and in the installed extension, where `schemas/` sits next to `dist/`: the file is read
 * at run time instead of being inlined into each bundle, which would ship it twice.
 */
export function schemaPath(): string {
  if (directoryOverride) return path.join(directoryOverride, SCHEMA_FILE);
  const tried: string[] = [];
  for (let dir = __dirname, depth = 0; depth < 8; depth++) {
    const candidate = path.join(dir, 'schemas', SCHEMA_FILE);
    if (fs.existsSync(candidate)) return candidate;
    tried.push(candidate);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`The Kubernetes schema ${SCHEMA_FILE} was not found; looked in ${tried.join(', ')}`);
}

/** The built-in Kubernetes schema, read once per process. */
export function builtinSchema(): K8sSchemaFile {
  loaded ??= JSON.parse(fs.readFileSync(schemaPath(), 'utf8')) as K8sSchemaFile;
  return loaded;
}
