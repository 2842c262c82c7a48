import { getEntry, getString, mapItems } from '../model/located';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA, pss } from '../references';

export default defineRule({
  meta: {
    id: 'host-path-volume',
    title: 'Pod mounts a hostPath volume',
    severity: 'error',
    family: 'pod-security',
    layer: 'Container',
    profile: 'baseline',
    pss: { level: 'baseline', control: 'HostPath Volumes' },
    references: [pss('HostPath Volumes'), cis('5.2.12', 'Minimize the admission of HostPath volumes'), NSA.hostIsolation, MITRE.escapeToHost],
    docs: {
      rationale:
        'A hostPath volume mounts a file or directory of the node into the pod. Depending on the path it exposes ' +
        'credentials, the container runtime socket, kernel interfaces or other pods\' data, and a writable mount ' +
        'lets the container change the node itself.',
      remediation:
        'Use a PersistentVolumeClaim, an emptyDir, a ConfigMap or a Secret instead. Agents that really need host ' +
        'files belong in a namespace exempt from the baseline level.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n  volumes:\n  - name: logs\n    hostPath:\n      path: /var/log\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n  volumes:\n  - name: logs\n    emptyDir: {}\n',
    },
  },
  scope: 'pod',
  check(pod, { object }) {
    const findings: RuleFinding[] = [];
    mapItems(pod.volumes).forEach((volume, index) => {
      const found = getEntry(volume, 'hostPath');
      // `hostPath: null` decodes to no source at all, which the API server defaults to emptyDir.
      if (!found || found.entry.value === undefined || (found.entry.value as { value?: unknown }).value === null) return;
      const name = getString(volume, 'name')?.value;
      const hostPath = getString(volume, 'hostPath', 'path')?.value;
      findings.push({
        span: found.entry.keySpan,
        path: found.entry.path,
        message: `Volume "${name ?? `#${index + 1}`}" in ${object.label} mounts ${hostPath !== undefined ? `the host path ${hostPath}` : 'a path'} from the node (hostPath).`,
      });
    });
    return findings;
  },
});
