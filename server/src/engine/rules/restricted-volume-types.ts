import { getEntry, getString, keysOf, mapItems } from '../model/located';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA, pss } from '../references';

/**
 * Volume sources PSA's restrictedVolumes check accepts. `image` was added in place to the v1.0 check
 * (Kubernetes 1.33), so it is allowed at every policy version, as the reference implementation does.
 */
const ALLOWED: ReadonlySet<string> = new Set([
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
]);

/** Every other volume source of the core API; unknown keys are dropped by the API server's decoder. */
const RESTRICTED: readonly string[] = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume',
  'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk',
  'portworxVolume', 'scaleIO', 'storageos',
];

function present(volume: Parameters<typeof getEntry>[0], key: string) {
  const found = getEntry(volume, key);
  if (!found || found.entry.value === undefined) return undefined;
  // A null source is a nil pointer to the API server: not set.
  return (found.entry.value as { value?: unknown }).value === null ? undefined : found.entry;
}

export default defineRule({
  meta: {
    id: 'restricted-volume-types',
    title: 'Pod uses a volume type outside the restricted set',
    severity: 'warning',
    family: 'pod-security',
    layer: 'Container',
    profile: 'restricted',
    pss: { level: 'restricted', control: 'Volume Types' },
    references: [pss('Volume Types'), cis('5.2.12', 'Minimize the admission of HostPath volumes'), NSA.podSecurity, MITRE.escapeToHost],
    docs: {
      rationale:
        'Inline volume sources such as nfs, iscsi, rbd, cephfs, gitRepo or flexVolume make the kubelet mount ' +
        'storage with credentials and options chosen by the pod author, bypassing the PersistentVolume ' +
        'administration that cluster operators control; gitRepo has run attacker-chosen hooks on the node. The ' +
        'restricted level allows only configMap, csi, downwardAPI, emptyDir, ephemeral, image, ' +
        'persistentVolumeClaim, projected and secret volumes (a volume with no source is an emptyDir).',
      remediation: 'Define the storage as a PersistentVolume and claim it with a persistentVolumeClaim volume, or use one of the allowed types.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n  volumes:\n  - name: share\n    nfs:\n      server: nfs.example.com\n      path: /exports\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n  volumes:\n  - name: share\n    persistentVolumeClaim:\n      claimName: share\n',
    },
  },
  scope: 'pod',
  check(pod, { object }) {
    const findings: RuleFinding[] = [];
    mapItems(pod.volumes).forEach((volume, index) => {
      const keys = keysOf(volume);
      if (keys.some((key) => ALLOWED.has(key) && present(volume, key))) return;
      const type = RESTRICTED.find((key) => keys.includes(key) && present(volume, key));
      if (!type) return;
      const entry = present(volume, type);
      if (!entry) return;
      const name = getString(volume, 'name')?.value ?? `#${index + 1}`;
      findings.push({
        span: entry.keySpan,
        path: entry.path,
        message: `Volume "${name}" in ${object.label} uses the ${type} volume type, which the restricted level does not allow.`,
      });
    });
    return findings;
  },
});
