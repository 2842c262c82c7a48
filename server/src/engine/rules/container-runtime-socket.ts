import { getString, mapItems } from '../model/located';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA, pss } from '../references';

/** Socket file names of the container runtimes Kubernetes nodes run. */
const SOCKETS: ReadonlySet<string> = new Set(['docker.sock', 'containerd.sock', 'crio.sock', 'cri-dockerd.sock']);

export default defineRule({
  meta: {
    id: 'container-runtime-socket',
    title: 'Pod mounts the container runtime socket',
    severity: 'error',
    family: 'pod-security',
    layer: 'Container',
    profile: 'baseline',
    pss: { level: 'baseline', control: 'HostPath Volumes' },
    references: [pss('HostPath Volumes'), cis('5.2.12', 'Minimize the admission of HostPath volumes'), NSA.hostIsolation, MITRE.escapeToHost, MITRE.deployContainer],
    docs: {
      rationale:
        'Whoever can talk to the container runtime socket (Docker, containerd, CRI-O or cri-dockerd) can start a ' +
        'privileged container with the host filesystem mounted, which is root on the node. Mounting the socket ' +
        'into a pod hands that power to every process in it.',
      remediation:
        'Remove the volume. Build images with a daemonless builder (BuildKit rootless, Kaniko, Buildah) and read ' +
        'container metadata from the Kubernetes API instead of the runtime.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: docker:27\n  volumes:\n  - name: docker\n    hostPath:\n      path: /var/run/docker.sock\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: docker:27\n  volumes:\n  - name: scratch\n    emptyDir: {}\n',
    },
  },
  scope: 'pod',
  check(pod, { object }) {
    const findings: RuleFinding[] = [];
    mapItems(pod.volumes).forEach((volume, index) => {
      const path = getString(volume, 'hostPath', 'path');
      if (!path) return;
      const base = path.value.replace(/\/+$/, '').split('/').pop() ?? '';
      if (!SOCKETS.has(base)) return;
      const name = getString(volume, 'name')?.value ?? `#${index + 1}`;
      findings.push({
        span: path.span,
        path: path.path,
        message: `Volume "${name}" in ${object.label} mounts the container runtime socket ${path.value}, which gives root on the node.`,
      });
    });
    return findings;
  },
});
