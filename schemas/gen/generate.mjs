// Generates schemas/k8s-1.30.json from the TypeScript types of kubernetes-types (see
// ../shared/design/schema-generation.md). Run with `npm run schemas`; the schema test runs it with
// `--out <dir>` and fails when the committed file differs.
//
// The output is a draft-07 schema whose definitions are the Kubernetes types, plus three
// extension keys the validator reads: x-kubernetes-version, x-kinds (apiVersion → kind →
// definition) and x-served (every apiVersion/kind pair Kubernetes 1.30 serves, validated or not).
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const require = createRequire(import.meta.url);
const typesPackage = require('kubernetes-types/package.json');
const K8S_VERSION = '1.30';

if (!typesPackage.version.startsWith(`${K8S_VERSION}.`)) {
  throw new Error(`kubernetes-types ${typesPackage.version} does not match Kubernetes ${K8S_VERSION}; name a new schema file for a new version`);
}

const outIndex = process.argv.indexOf('--out');
const outDir = outIndex === -1 ? join(root, 'schemas') : process.argv[outIndex + 1];
if (!outDir) throw new Error('--out needs a directory');

/** The unions of schemas/gen/entry.ts, in the order that decides who keeps a shared type name. */
const GROUP_VERSIONS = [
  'core_v1', 'apps_v1', 'batch_v1', 'rbac_v1', 'networking_v1', 'policy_v1', 'autoscaling_v2', 'apiextensions_v1',
  'admissionregistration_v1', 'scheduling_v1', 'storage_v1', 'discovery_v1', 'node_v1',
];

/**
 * Fields Kubernetes declares as IntOrString. The generator inlines them as number|string, which
 * lets `maxUnavailable: 1.5` through; the API server wants an int32 or a string. Listed, not just
 * counted, so a new Kubernetes version cannot add or drop one silently.
 */
const INT_OR_STRING = [
  'HTTPGetAction.port', 'NetworkPolicyPort.port', 'PodDisruptionBudgetSpec.maxUnavailable', 'PodDisruptionBudgetSpec.minAvailable',
  'RollingUpdateDaemonSet.maxSurge', 'RollingUpdateDaemonSet.maxUnavailable', 'RollingUpdateDeployment.maxSurge',
  'RollingUpdateDeployment.maxUnavailable', 'RollingUpdateStatefulSetStrategy.maxUnavailable', 'ServicePort.targetPort',
  'TCPSocketAction.port',
];

/**
 * Built-in Kubernetes APIs have no floating-point fields (an API convention), so every TypeScript
 * `number` is an integer, except these, which hold JSON Schema numbers in a CRD.
 */
const FLOAT_FIELDS = new Set(['JSONSchemaProps.maximum', 'JSONSchemaProps.minimum', 'JSONSchemaProps.multipleOf']);

/** The string form of resource.Quantity, as the API server's parser accepts it. */
const QUANTITY_PATTERN = '^[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))?$';

/**
 * Allowed values of string fields the API server checks against a fixed set. kubernetes-types
 * carries no enums, so this table is curated from the API reference, favouring fields whose
 * wrong value weakens security or is silently defaulted. `optional` fields also accept "",
 * which Go decodes as the zero value and the API server then defaults.
 */
const ENUMS = [
  ['SeccompProfile.type', ['RuntimeDefault', 'Unconfined', 'Localhost']],
  ['AppArmorProfile.type', ['RuntimeDefault', 'Unconfined', 'Localhost']],
  ['SecurityContext.procMount', ['Default', 'Unmasked'], 'optional'],
  ['PodSecurityContext.fsGroupChangePolicy', ['OnRootMismatch', 'Always'], 'optional'],
  ['Container.imagePullPolicy', ['Always', 'IfNotPresent', 'Never'], 'optional'],
  ['EphemeralContainer.imagePullPolicy', ['Always', 'IfNotPresent', 'Never'], 'optional'],
  ['Container.restartPolicy', ['Always'], 'optional'],
  ['Container.terminationMessagePolicy', ['File', 'FallbackToLogsOnError'], 'optional'],
  ['PodSpec.restartPolicy', ['Always', 'OnFailure', 'Never'], 'optional'],
  ['PodSpec.dnsPolicy', ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'], 'optional'],
  ['PodSpec.preemptionPolicy', ['PreemptLowerPriority', 'Never'], 'optional'],
  ['PodOS.name', ['linux', 'windows']],
  ['ContainerPort.protocol', ['TCP', 'UDP', 'SCTP'], 'optional'],
  ['ServicePort.protocol', ['TCP', 'UDP', 'SCTP'], 'optional'],
  ['NetworkPolicyPort.protocol', ['TCP', 'UDP', 'SCTP'], 'optional'],
  ['discovery.v1.EndpointPort.protocol', ['TCP', 'UDP', 'SCTP'], 'optional'],
  ['EndpointPort.protocol', ['TCP', 'UDP', 'SCTP'], 'optional'],
  ['HTTPGetAction.scheme', ['HTTP', 'HTTPS'], 'optional'],
  ['VolumeMount.mountPropagation', ['None', 'HostToContainer', 'Bidirectional'], 'optional'],
  ['HostPathVolumeSource.type', ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice']],
  ['Toleration.operator', ['Exists', 'Equal'], 'optional'],
  ['Toleration.effect', ['NoSchedule', 'PreferNoSchedule', 'NoExecute'], 'optional'],
  ['NodeSelectorRequirement.operator', ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']],
  ['LabelSelectorRequirement.operator', ['In', 'NotIn', 'Exists', 'DoesNotExist']],
  ['TopologySpreadConstraint.whenUnsatisfiable', ['DoNotSchedule', 'ScheduleAnyway']],
  ['ServiceSpec.type', ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'], 'optional'],
  ['ServiceSpec.externalTrafficPolicy', ['Cluster', 'Local'], 'optional'],
  ['ServiceSpec.internalTrafficPolicy', ['Cluster', 'Local'], 'optional'],
  ['ServiceSpec.sessionAffinity', ['ClientIP', 'None'], 'optional'],
  ['ServiceSpec.ipFamilyPolicy', ['SingleStack', 'PreferDualStack', 'RequireDualStack'], 'optional'],
  ['DeploymentStrategy.type', ['Recreate', 'RollingUpdate'], 'optional'],
  ['DaemonSetUpdateStrategy.type', ['RollingUpdate', 'OnDelete'], 'optional'],
  ['StatefulSetUpdateStrategy.type', ['RollingUpdate', 'OnDelete'], 'optional'],
  ['StatefulSetSpec.podManagementPolicy', ['OrderedReady', 'Parallel'], 'optional'],
  ['CronJobSpec.concurrencyPolicy', ['Allow', 'Forbid', 'Replace'], 'optional'],
  ['JobSpec.completionMode', ['NonIndexed', 'Indexed'], 'optional'],
  ['PersistentVolumeClaimSpec.volumeMode', ['Filesystem', 'Block'], 'optional'],
  ['PersistentVolumeSpec.volumeMode', ['Filesystem', 'Block'], 'optional'],
  ['PersistentVolumeSpec.persistentVolumeReclaimPolicy', ['Retain', 'Delete', 'Recycle'], 'optional'],
  ['StorageClass.reclaimPolicy', ['Retain', 'Delete'], 'optional'],
  ['StorageClass.volumeBindingMode', ['Immediate', 'WaitForFirstConsumer'], 'optional'],
  ['HTTPIngressPath.pathType', ['Exact', 'Prefix', 'ImplementationSpecific']],
  ['Subject.kind', ['User', 'Group', 'ServiceAccount']],
  ['RoleRef.kind', ['Role', 'ClusterRole']],
  ['RoleRef.apiGroup', ['rbac.authorization.k8s.io']],
  ['PodDisruptionBudgetSpec.unhealthyPodEvictionPolicy', ['IfHealthyBudget', 'AlwaysAllow'], 'optional'],
  ['ValidatingWebhook.failurePolicy', ['Ignore', 'Fail'], 'optional'],
  ['MutatingWebhook.failurePolicy', ['Ignore', 'Fail'], 'optional'],
  ['ValidatingWebhook.sideEffects', ['None', 'NoneOnDryRun']],
  ['MutatingWebhook.sideEffects', ['None', 'NoneOnDryRun']],
  ['ValidatingWebhook.matchPolicy', ['Exact', 'Equivalent'], 'optional'],
  ['MutatingWebhook.matchPolicy', ['Exact', 'Equivalent'], 'optional'],
  ['MutatingWebhook.reinvocationPolicy', ['Never', 'IfNeeded'], 'optional'],
  ['CustomResourceDefinitionSpec.scope', ['Cluster', 'Namespaced']],
  ['JSONSchemaProps.type', ['array', 'boolean', 'integer', 'number', 'object', 'string'], 'optional'],
  ['MetricTarget.type', ['Utilization', 'Value', 'AverageValue']],
  ['HPAScalingPolicy.type', ['Pods', 'Percent']],
  ['HPAScalingRules.selectPolicy', ['Max', 'Min', 'Disabled'], 'optional'],
];

/**
 * Fields Kubernetes documents in its OpenAPI spec but kubernetes-types leaves out: the
 * x-kubernetes-* extensions a CRD's openAPIV3Schema may use. Without them every structural CRD
 * would be flagged. Descriptions are ours, summarising the CRD documentation.
 */
const JSON_SCHEMA_EXTENSIONS = {
  'x-kubernetes-embedded-resource': {
    type: 'boolean',
    description: 'The value is an embedded Kubernetes object with apiVersion, kind and metadata, which are validated and defaulted as for a top-level object.',
  },
  'x-kubernetes-int-or-string': {
    type: 'boolean',
    description: 'The value may be an integer or a string, like Kubernetes IntOrString fields.',
  },
  'x-kubernetes-list-map-keys': {
    type: 'array',
    items: { type: 'string' },
    description: 'For a list of type "map": the item fields that identify an item, used by server-side apply to merge lists.',
  },
  'x-kubernetes-list-type': {
    type: 'string',
    enum: ['atomic', 'set', 'map'],
    description: 'How server-side apply merges the list: atomic (replaced as a whole), set (unique scalar items) or map (items keyed by x-kubernetes-list-map-keys).',
  },
  'x-kubernetes-map-type': {
    type: 'string',
    enum: ['granular', 'atomic'],
    description: 'How server-side apply merges the object: granular (field by field) or atomic (replaced as a whole).',
  },
  'x-kubernetes-preserve-unknown-fields': {
    type: 'boolean',
    description: 'Keep fields the schema does not declare instead of pruning them; the value is free-form below this point.',
  },
  'x-kubernetes-validations': {
    type: 'array',
    items: { $ref: '#/definitions/ValidationRule' },
    description: 'CEL validation rules the API server evaluates against the value.',
  },
};

function generateDefinitions() {
  const generator = createGenerator({
    path: join(here, 'entry.ts'),
    tsconfig: join(here, 'tsconfig.json'),
    skipTypeCheck: true,
    expose: 'export',
    jsDoc: 'extended',
    sortProps: true,
  });
  const merged = {};
  for (const groupVersion of GROUP_VERSIONS) {
    const definitions = generator.createSchema(groupVersion).definitions ?? {};
    delete definitions[groupVersion];
    mergeInto(merged, definitions, groupVersion.replace('_', '.'));
  }
  return merged;
}

/**
 * Adds one run's definitions. A name already taken by a different type (or by a type that refers
 * to one) is prefixed with the group/version, and references within the run follow the rename.
 */
function mergeInto(merged, definitions, prefix) {
  const renamed = new Set();
  for (let changed = true; changed;) {
    changed = false;
    for (const [name, definition] of Object.entries(definitions)) {
      if (renamed.has(name) || merged[name] === undefined) continue;
      const differs = JSON.stringify(merged[name]) !== JSON.stringify(definition);
      if (differs || refsOf(definition).some((ref) => renamed.has(ref))) {
        renamed.add(name);
        changed = true;
      }
    }
  }
  const rename = (name) => (renamed.has(name) ? `${prefix}.${name}` : name);
  for (const [name, definition] of Object.entries(definitions)) {
    const target = rename(name);
    if (merged[target] === undefined) merged[target] = rewriteRefs(definition, rename);
  }
}

function refsOf(node, found = []) {
  if (Array.isArray(node)) node.forEach((item) => refsOf(item, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(decodeURIComponent(value.replace('#/definitions/', '')));
      else refsOf(value, found);
    }
  }
  return found;
}

function rewriteRefs(node, rename) {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, rename));
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string'
      ? `#/definitions/${encodeURIComponent(rename(decodeURIComponent(value.replace('#/definitions/', ''))))}`
      : rewriteRefs(value, rename);
  }
  return out;
}

function property(definitions, dotted) {
  const at = dotted.lastIndexOf('.');
  const definition = definitions[dotted.slice(0, at)];
  const schema = definition?.properties?.[dotted.slice(at + 1)];
  if (!schema) throw new Error(`${dotted} is not in the generated schema; update the table in generate.mjs`);
  return { definition, name: dotted.slice(at + 1), schema };
}

function fixKubernetesTypes(definitions) {
  // Quantity: `cpu: 1` is as valid as `cpu: "500m"`.
  const quantity = definitions.Quantity;
  if (quantity?.type !== 'string') throw new Error('Quantity is no longer generated as a string; revisit the fix');
  definitions.Quantity = { type: ['string', 'number'], pattern: QUANTITY_PATTERN, description: quantity.description };

  // IntOrString: found by the type pair the generator produces, then checked against the list.
  const found = [];
  for (const [name, definition] of Object.entries(definitions)) {
    for (const [key, schema] of Object.entries(definition.properties ?? {})) {
      if (Array.isArray(schema.type) && schema.type.join() === 'number,string') {
        schema.type = ['integer', 'string'];
        found.push(`${name}.${key}`);
      }
    }
  }
  if (found.sort().join() !== [...INT_OR_STRING].sort().join()) {
    throw new Error(`IntOrString fields changed:\n  found    ${found.sort().join(', ')}\n  expected ${INT_OR_STRING.join(', ')}`);
  }

  // Integers: everything numeric but the JSON Schema bounds of a CRD.
  let integers = 0;
  for (const [name, definition] of Object.entries(definitions)) {
    for (const [key, schema] of Object.entries(definition.properties ?? {})) {
      if (FLOAT_FIELDS.has(`${name}.${key}`)) continue;
      for (const slot of [schema, schema.items, schema.additionalProperties]) {
        if (slot && slot.type === 'number') {
          slot.type = 'integer';
          integers++;
        }
      }
    }
  }
  if (integers < 100) throw new Error(`only ${integers} integer fields found; the generator output changed shape`);

  // Free-form values: any JSON (CRD defaults, enums, examples) and managed-fields tries.
  definitions.JSON = { description: definitions.JSON.description };
  definitions.FieldsV1 = { type: 'object', description: definitions.FieldsV1.description };
  const props = definitions.JSONSchemaProps;
  if (!props?.properties || props.properties['x-kubernetes-preserve-unknown-fields']) throw new Error('JSONSchemaProps changed shape');
  if (!definitions.ValidationRule) throw new Error('ValidationRule missing; export it from entry.ts');
  Object.assign(props.properties, JSON_SCHEMA_EXTENSIONS);
  props.properties = Object.fromEntries(Object.entries(props.properties).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

  for (const [dotted, values, optional] of ENUMS) {
    const { definition, name, schema } = property(definitions, dotted);
    const target = schema.type === 'array' ? schema.items : schema;
    if (target?.type !== 'string') throw new Error(`${dotted} is not a string field`);
    const required = (definition.required ?? []).includes(name);
    if (optional === 'optional' && required) throw new Error(`${dotted} is required, so "" is not allowed`);
    target.enum = optional === 'optional' && !values.includes('') ? ['', ...values] : [...values];
  }
}

/** apiVersion → kind → definition name, for the kinds generated. */
function kindIndex(definitions) {
  const index = {};
  for (const [name, definition] of Object.entries(definitions)) {
    const kind = definition.properties?.kind?.const;
    const apiVersion = definition.properties?.apiVersion?.const;
    if (typeof kind !== 'string' || typeof apiVersion !== 'string' || kind.endsWith('List')) continue;
    (index[apiVersion] ??= {})[kind] = name;
  }
  return sortKeys(index);
}

/** Every apiVersion/kind pair in kubernetes-types: what Kubernetes 1.30 serves, alpha and beta included. */
function servedKinds() {
  const base = dirname(require.resolve('kubernetes-types/package.json'));
  const served = {};
  for (const group of readdirSync(base, { withFileTypes: true })) {
    if (!group.isDirectory()) continue;
    for (const file of readdirSync(join(base, group.name))) {
      if (!file.endsWith('.d.ts')) continue;
      const text = readFileSync(join(base, group.name, file), 'utf8');
      for (const block of text.split(/^export interface /m)) {
        const apiVersion = /^\s+apiVersion\?: "([^"]+)";$/m.exec(block)?.[1];
        const kind = /^\s+kind\?: "([^"]+)";$/m.exec(block)?.[1];
        if (apiVersion && kind && !kind.endsWith('List')) (served[apiVersion] ??= []).push(kind);
      }
    }
  }
  for (const kinds of Object.values(served)) kinds.sort();
  return sortKeys(served);
}

function sortKeys(object) {
  return Object.fromEntries(Object.keys(object).sort().map((key) => [key, object[key]]));
}

const definitions = generateDefinitions();
fixKubernetesTypes(definitions);
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $comment: `Generated by schemas/gen/generate.mjs from kubernetes-types ${typesPackage.version}. Do not edit; run npm run schemas.`,
  'x-kubernetes-version': K8S_VERSION,
  'x-kinds': kindIndex(definitions),
  'x-served': servedKinds(),
  definitions: sortKeys(definitions),
};
mkdirSync(outDir, { recursive: true });
const outFile = join(outDir, `k8s-${K8S_VERSION}.json`);
writeFileSync(outFile, `${JSON.stringify(schema, null, 2)}\n`);
const kinds = Object.values(schema['x-kinds']).reduce((sum, byKind) => sum + Object.keys(byKind).length, 0);
console.log(`${relative(process.cwd(), outFile)}: ${kinds} kinds, ${Object.keys(definitions).length} definitions`);
