import { getMap } from '../model/located';
import { containerPath } from '../model/pod-spec';
import { readQuantity, resourceMap, type ResourceName } from '../model/resources';
import { defineRule, type RuleFinding } from '../rule';
import { MITRE, NSA } from '../references';

const NAMES: readonly ResourceName[] = ['memory', 'cpu'];
const LABEL: Record<ResourceName, string> = { memory: 'memory', cpu: 'CPU' };

export default defineRule({
  meta: {
    id: 'resource-requests',
    title: 'Container has no memory or CPU request',
    severity: 'info',
    family: 'resources',
    layer: 'Container',
    // Requests are capacity planning more than security; the limits rule carries the risk, so this
    // one only runs in the `all` profile.
    profile: 'all',
    references: [NSA.network, MITRE.resourceHijacking],
    docs: {
      rationale:
        'Without requests the scheduler reserves nothing for the container: it lands on nodes that cannot hold ' +
        'it, is the first to be evicted under pressure, and gets the least CPU when a neighbour (or an attacker ' +
        'in one) is busy. Requests also feed autoscaling and quotas.',
      remediation:
        'Set `resources.requests.memory` and `resources.requests.cpu` to what the container needs at normal ' +
        'load. A limit without a request also works: Kubernetes then uses the limit as the request.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    resources:\n      requests: {memory: 128Mi, cpu: 100m}\n',
    },
  },
  scope: 'container',
  check(container, pod, { object }) {
    // The API server forbids resources on ephemeral containers.
    if (container.group === 'ephemeralContainers') return [];
    const findings: RuleFinding[] = [];
    const missing: ResourceName[] = [];
    for (const name of NAMES) {
      // Pod-level resources (Kubernetes 1.32+) reserve for every container together.
      const podRequest = readQuantity(pod.map, 'requests', name) ?? readQuantity(pod.map, 'limits', name);
      if (podRequest && !podRequest.zero) continue;
      const own = readQuantity(container.map, 'requests', name);
      if (own?.zero) {
        findings.push({
          span: own.span,
          path: own.path,
          message: `${container.label} in ${object.label} requests ${own.text} ${LABEL[name]}, so the scheduler reserves none for it.`,
        });
        continue;
      }
      // Kubernetes defaults a missing request to the limit.
      const limit = readQuantity(container.map, 'limits', name);
      if (!own && !(limit && !limit.zero)) missing.push(name);
    }
    if (missing.length > 0) {
      const anchor = resourceMap(container.map, 'requests')?.keySpan ?? getMap(container.map, 'resources')?.keySpan ?? container.anchorSpan;
      const what = missing.map((name) => LABEL[name]).join(' or ');
      findings.push({
        span: anchor,
        path: containerPath(container, 'resources', 'requests', ...(missing.length === 1 ? [missing[0] as string] : [])),
        message: `${container.label} in ${object.label} requests no ${what}, so the scheduler reserves none for it.`,
      });
    }
    return findings;
  },
});
