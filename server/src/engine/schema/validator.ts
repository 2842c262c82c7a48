import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { crdRegistry, type CustomResourceSchema } from './crd';
import { builtinSchema, KUBERNETES_VERSION, type SchemaNode } from './load';

/** What a document is validated against. */
export interface SchemaTarget {
  readonly source: 'kubernetes' | 'crd';
  readonly apiVersion: string;
  readonly kind: string;
  /** The root schema (a definition of the built-in schema, or a CRD's converted schema). */
  readonly root: SchemaNode;
  /** `Kubernetes 1.30` or `the CRD crontabs.stable.example.com`, for messages. */
  readonly origin: string;
  validate(instance: unknown): readonly ErrorObject[];
}

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction | null>();
const crdCompiled = new Map<CustomResourceSchema, { validate: ValidateFunction | null; id: string }>();
let crdCounter = 0;

// Drop the compiled validators of CRDs the registry no longer holds; ajv would keep them forever.
crdRegistry.onDidChange(() => {
  const live = new Set(crdRegistry.all());
  for (const [schema, entry] of crdCompiled) {
    if (live.has(schema)) continue;
    ajv?.removeSchema(entry.id);
    crdCompiled.delete(schema);
  }
});

function instance(): Ajv {
  if (ajv) return ajv;
  // allErrors: two typos are two findings. No format checks (Kubernetes formats differ from
  // JSON Schema's), no meta-schema validation of our own generated file, and no console output.
  // No optimisation pass over the generated code: it made compiling a kind (paid per thread, and
  // again in each scan worker) ~40% slower, and the validators it produced were no faster.
  ajv = new Ajv({ allErrors: true, strict: false, logger: false, validateFormats: false, validateSchema: false, code: { optimize: false } });
  ajv.addSchema(builtinSchema() as unknown as object, 'k8s');
  return ajv;
}

function builtinValidator(definition: string): ValidateFunction | undefined {
  let validate = compiled.get(definition);
  if (validate === undefined) {
    validate = instance().getSchema(`k8s#/definitions/${encodeURIComponent(definition)}`) ?? null;
    compiled.set(definition, validate);
  }
  return validate ?? undefined;
}

function crdValidator(schema: CustomResourceSchema): ValidateFunction | undefined {
  let entry = crdCompiled.get(schema);
  if (!entry) {
    const id = `crd-${++crdCounter}`;
    let validate: ValidateFunction | null = null;
    try {
      instance().addSchema(schema.schema as object, id);
      validate = instance().getSchema(id) ?? null;
    } catch {
      // A schema ajv cannot compile (bad pattern, odd keyword use) is not checked rather than breaking analysis.
      validate = null;
    }
    entry = { validate, id };
    crdCompiled.set(schema, entry);
  }
  return entry.validate ?? undefined;
}

function run(validate: ValidateFunction | undefined, value: unknown): readonly ErrorObject[] {
  if (!validate || validate(value)) return [];
  return validate.errors ?? [];
}

/** The schema for an apiVersion/kind: a built-in kind, else a custom resource from the CRD registry. */
export function schemaTarget(apiVersion: string, kind: string): SchemaTarget | undefined {
  const schema = builtinSchema();
  const definition = schema['x-kinds'][apiVersion]?.[kind];
  if (definition) {
    const root = schema.definitions[definition];
    if (!root) return undefined;
    return {
      source: 'kubernetes',
      apiVersion,
      kind,
      root,
      origin: `Kubernetes ${KUBERNETES_VERSION}`,
      validate: (value) => run(builtinValidator(definition), value),
    };
  }
  const custom = crdRegistry.lookup(apiVersion, kind);
  if (custom) {
    return {
      source: 'crd',
      apiVersion,
      kind,
      root: custom.schema,
      origin: `the CustomResourceDefinition ${custom.crdName}`,
      validate: (value) => run(crdValidator(custom), value),
    };
  }
  return undefined;
}

/**
 * Compiles the validators of the most common kinds now, so that the first analysis after start-up
 * does not pay for it (about a third of a second for the pod-spec types). Safe to skip.
 */
export function warmUpSchemas(kinds: readonly string[] = ['Deployment', 'Pod', 'Service']): void {
  const schema = builtinSchema();
  for (const [, byKind] of Object.entries(schema['x-kinds'])) {
    for (const kind of kinds) {
      const definition = byKind[kind];
      if (definition) builtinValidator(definition);
    }
  }
}

/** Forgets compiled validators (tests measure compile cost with it). */
export function resetValidators(): void {
  ajv = undefined;
  compiled.clear();
  crdCompiled.clear();
}
