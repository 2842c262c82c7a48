import { findEntry, getString } from '../model/located';
import { containerPath, type PodSpecModel } from '../model/pod-spec';
import { defineRule } from '../rule';
import { MITRE, NSA } from '../references';

/** Pods that run to completion: probes make no sense there (a restart is not wanted). */
export function runsToCompletion(pod: PodSpecModel): boolean {
  const kind = pod.object.kind.value;
  if (kind === 'Job' || kind === 'CronJob') return true;
  const restart = getString(pod.map, 'restartPolicy')?.value;
  return restart === 'Never' || restart === 'OnFailure';
}

export default defineRule({
  meta: {
    id: 'liveness-probe',
    title: 'Container has no liveness probe',
    severity: 'info',
    family: 'resources',
    layer: 'Container',
    // Availability hygiene rather than a security control, and a wrong probe does harm, so the rule
    // only runs in the `all` profile.
    profile: 'all',
    references: [NSA.podSecurity, MITRE.resourceHijacking],
    docs: {
      rationale:
        'Without a liveness probe Kubernetes restarts a container only when its process exits. A deadlocked or ' +
        'wedged process (or one an attacker has stalled) keeps its pod and its place in the Service while doing ' +
        'nothing. Init containers and pods that run to completion (Jobs, CronJobs, restartPolicy Never or ' +
        'OnFailure) are not checked.',
      remediation:
        'Add a `livenessProbe` that fails only when a restart would help (an HTTP health endpoint, a TCP port or ' +
        'a command), with a generous `failureThreshold` so that slow moments do not cause restart loops.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    livenessProbe:\n      httpGet: {path: /healthz, port: 8080}\n',
    },
  },
  scope: 'container',
  check(container, pod, { object }) {
    // Init containers finish before the pod runs; ephemeral containers may not declare probes.
    if (container.group !== 'containers' || runsToCompletion(pod)) return [];
    const probe = findEntry(container.map, 'livenessProbe');
    if (probe && probe.value !== undefined && !isNull(probe.value)) return [];
    return [
      {
        span: container.anchorSpan,
        path: containerPath(container, 'livenessProbe'),
        message: `${container.label} in ${object.label} has no livenessProbe, so Kubernetes cannot restart it when it hangs.`,
      },
    ];
  },
});

function isNull(node: unknown): boolean {
  return typeof node === 'object' && node !== null && 'value' in node && (node as { value: unknown }).value === null;
}
