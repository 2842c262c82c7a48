import { findEntry } from '../model/located';
import { containerPath } from '../model/pod-spec';
import { defineRule } from '../rule';
import { MITRE, NSA } from '../references';
import { runsToCompletion } from './liveness-probe';

export default defineRule({
  meta: {
    id: 'readiness-probe',
    title: 'Container has no readiness probe',
    severity: 'info',
    family: 'resources',
    layer: 'Container',
    // Availability hygiene rather than a security control, so the rule only runs in the `all` profile.
    profile: 'all',
    references: [NSA.podSecurity, MITRE.resourceHijacking],
    docs: {
      rationale:
        'Without a readiness probe a container counts as ready as soon as it starts: Services send it traffic ' +
        'before it can answer, and rolling updates move on (and take old pods away) before the new ones work. ' +
        'Kubeward checks one file at a time and cannot see which Services select a pod, so it checks every ' +
        'long-running workload, since readiness also gates rollouts; init containers and pods that run to ' +
        'completion (Jobs, CronJobs, restartPolicy Never or OnFailure) are not checked.',
      remediation:
        'Add a `readinessProbe` that succeeds only when the container can do its work, usually an HTTP endpoint ' +
        'that also checks the dependencies it cannot serve without.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    readinessProbe:\n      httpGet: {path: /ready, port: 8080}\n',
    },
  },
  scope: 'container',
  check(container, pod, { object }) {
    // Init containers finish before the pod is ready; ephemeral containers may not declare probes.
    if (container.group !== 'containers' || runsToCompletion(pod)) return [];
    const probe = findEntry(container.map, 'readinessProbe');
    if (probe && probe.value !== undefined && !(probe.value && 'value' in probe.value && probe.value.value === null)) return [];
    return [
      {
        span: container.anchorSpan,
        path: containerPath(container, 'readinessProbe'),
        message: `${container.label} in ${object.label} has no readinessProbe, so it is sent traffic and counted as available before it is ready.`,
      },
    ];
  },
});
