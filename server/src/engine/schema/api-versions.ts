import { builtinSchema, KUBERNETES_VERSION } from './load';
import { closestName } from './suggest';

interface Removal {
  readonly kinds: readonly string[];
  readonly apiVersions: readonly string[];
  readonly removedIn: string;
  /** The apiVersion to use instead, or advice when the kind itself is gone. */
  readonly use: string;
}

/**
 * API versions Kubernetes stopped serving, from its deprecated-API migration guide. The served
 * list in the schema says what 1.30 accepts; this table only lets the message say when and why.
 */
const REMOVALS: readonly Removal[] = [
  { kinds: ['Deployment', 'ReplicaSet'], apiVersions: ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'], removedIn: '1.16', use: 'apps/v1' },
  { kinds: ['DaemonSet'], apiVersions: ['extensions/v1beta1', 'apps/v1beta2'], removedIn: '1.16', use: 'apps/v1' },
  { kinds: ['StatefulSet'], apiVersions: ['apps/v1beta1', 'apps/v1beta2'], removedIn: '1.16', use: 'apps/v1' },
  { kinds: ['NetworkPolicy'], apiVersions: ['extensions/v1beta1'], removedIn: '1.16', use: 'networking.k8s.io/v1' },
  { kinds: ['Ingress'], apiVersions: ['extensions/v1beta1', 'networking.k8s.io/v1beta1'], removedIn: '1.22', use: 'networking.k8s.io/v1' },
  { kinds: ['IngressClass'], apiVersions: ['networking.k8s.io/v1beta1'], removedIn: '1.22', use: 'networking.k8s.io/v1' },
  { kinds: ['CustomResourceDefinition'], apiVersions: ['apiextensions.k8s.io/v1beta1'], removedIn: '1.22', use: 'apiextensions.k8s.io/v1' },
  {
    kinds: ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'],
    apiVersions: ['admissionregistration.k8s.io/v1beta1'],
    removedIn: '1.22',
    use: 'admissionregistration.k8s.io/v1',
  },
  {
    kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
    apiVersions: ['rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1alpha1'],
    removedIn: '1.22',
    use: 'rbac.authorization.k8s.io/v1',
  },
  { kinds: ['PriorityClass'], apiVersions: ['scheduling.k8s.io/v1beta1', 'scheduling.k8s.io/v1alpha1'], removedIn: '1.22', use: 'scheduling.k8s.io/v1' },
  { kinds: ['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment'], apiVersions: ['storage.k8s.io/v1beta1'], removedIn: '1.22', use: 'storage.k8s.io/v1' },
  { kinds: ['Lease'], apiVersions: ['coordination.k8s.io/v1beta1'], removedIn: '1.22', use: 'coordination.k8s.io/v1' },
  { kinds: ['CertificateSigningRequest'], apiVersions: ['certificates.k8s.io/v1beta1'], removedIn: '1.22', use: 'certificates.k8s.io/v1' },
  { kinds: ['CronJob'], apiVersions: ['batch/v1beta1', 'batch/v2alpha1'], removedIn: '1.25', use: 'batch/v1' },
  { kinds: ['EndpointSlice'], apiVersions: ['discovery.k8s.io/v1beta1'], removedIn: '1.25', use: 'discovery.k8s.io/v1' },
  { kinds: ['Event'], apiVersions: ['events.k8s.io/v1beta1'], removedIn: '1.25', use: 'events.k8s.io/v1' },
  { kinds: ['HorizontalPodAutoscaler'], apiVersions: ['autoscaling/v2beta1'], removedIn: '1.25', use: 'autoscaling/v2' },
  { kinds: ['HorizontalPodAutoscaler'], apiVersions: ['autoscaling/v2beta2'], removedIn: '1.26', use: 'autoscaling/v2' },
  { kinds: ['PodDisruptionBudget'], apiVersions: ['policy/v1beta1'], removedIn: '1.25', use: 'policy/v1' },
  { kinds: ['RuntimeClass'], apiVersions: ['node.k8s.io/v1beta1'], removedIn: '1.25', use: 'node.k8s.io/v1' },
  {
    kinds: ['PodSecurityPolicy'],
    apiVersions: ['policy/v1beta1', 'extensions/v1beta1'],
    removedIn: '1.25',
    use: 'enforce the Pod Security Standards with Pod Security Admission namespace labels instead',
  },
  { kinds: ['CSIStorageCapacity'], apiVersions: ['storage.k8s.io/v1beta1'], removedIn: '1.27', use: 'storage.k8s.io/v1' },
  {
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    apiVersions: ['flowcontrol.apiserver.k8s.io/v1beta1'],
    removedIn: '1.26',
    use: 'flowcontrol.apiserver.k8s.io/v1',
  },
  {
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    apiVersions: ['flowcontrol.apiserver.k8s.io/v1beta2'],
    removedIn: '1.29',
    use: 'flowcontrol.apiserver.k8s.io/v1',
  },
];

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

interface Catalog {
  readonly servedGroups: ReadonlySet<string>;
  /** kind → apiVersions serving it. */
  readonly versionsOf: ReadonlyMap<string, readonly string[]>;
}

let catalog: Catalog | undefined;

function getCatalog(): Catalog {
  if (catalog) return catalog;
  const schema = builtinSchema();
  const servedGroups = new Set<string>(['extensions']);
  const versionsOf = new Map<string, string[]>();
  for (const [apiVersion, kinds] of Object.entries(schema['x-served'])) {
    servedGroups.add(groupOf(apiVersion));
    for (const kind of kinds) {
      const list = versionsOf.get(kind) ?? [];
      list.push(apiVersion);
      versionsOf.set(kind, list);
    }
  }
  catalog = { servedGroups, versionsOf };
  return catalog;
}

/** Whether Kubernetes itself serves `apiVersion`/`kind` (alpha and beta included). */
export function isServed(apiVersion: string, kind: string): boolean {
  return builtinSchema()['x-served'][apiVersion]?.includes(kind) ?? false;
}

/** The version to recommend for a kind: the validated one, else a GA one, else any served one. */
function preferredVersion(kind: string): string | undefined {
  const schema = builtinSchema();
  const validated = Object.entries(schema['x-kinds']).find(([, kinds]) => kinds[kind] !== undefined)?.[0];
  if (validated) return validated;
  const versions = getCatalog().versionsOf.get(kind) ?? [];
  return versions.find((v) => /\/v\d+$|^v\d+$/.test(v)) ?? versions[0];
}

export interface ApiVersionProblem {
  readonly on: 'apiVersion' | 'kind';
  readonly message: string;
  readonly suggestion?: string;
}

/**
 * A problem with an object's apiVersion or kind, when it claims a group Kubernetes owns.
 * Anything in another group is a custom resource and is left alone.
 */
export function apiVersionProblem(apiVersion: string, kind: string): ApiVersionProblem | undefined {
  if (isServed(apiVersion, kind) || kind === 'List' || kind.endsWith('List')) return undefined;
  const removal = REMOVALS.find((r) => r.kinds.includes(kind) && r.apiVersions.includes(apiVersion));
  if (removal) {
    const advice = removal.use.includes(' ') ? removal.use : `use apiVersion ${removal.use}`;
    return {
      on: 'apiVersion',
      message: `Kubernetes ${removal.removedIn} removed ${kind} from ${apiVersion}, so the API server rejects this object; ${advice}.`,
    };
  }
  const { servedGroups, versionsOf } = getCatalog();
  if (!servedGroups.has(groupOf(apiVersion))) return undefined;
  const preferred = preferredVersion(kind);
  if (versionsOf.has(kind) && preferred) {
    return {
      on: 'apiVersion',
      message: `Kubernetes ${KUBERNETES_VERSION} does not serve ${kind} in ${apiVersion}; use apiVersion ${preferred}.`,
    };
  }
  // A kind Kubernetes does not have is reported only as a likely typo: other platforms put their own
  // kinds in built-in versions (`v1` kubeconfig `Config`, OpenShift 3 `v1` `Template`).
  const served = builtinSchema()['x-served'][apiVersion];
  const suggestion = served ? closestName(kind, served)?.name : undefined;
  if (!suggestion) return undefined;
  return { on: 'kind', message: `Kind "${kind}" does not exist in ${apiVersion}; did you mean "${suggestion}"? The API server rejects the object.`, suggestion };
}
