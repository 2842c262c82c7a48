import { getMap } from '../model/located';
import { containerPath } from '../model/pod-spec';
import { readQuantity, resourceMap, type ResourceName } from '../model/resources';
import { defineRule, type RuleFinding } from '../rule';
import { MITRE, NSA } from '../references';

const NAMES: readonly ResourceName[] = ['memory', 'cpu'];
const LABEL: Record<ResourceName, string> = { memory: 'memory', cpu: 'CPU' };

export default defineRule({
  meta: {
    id: 'resource-limits',
    title: 'Container has no memory or CPU limit',
    severity: 'warning',
    family: 'resources',
    layer: 'Container',
    profile: 'restricted',
    references: [NSA.network, MITRE.resourceHijacking],
    docs: {
      rationale:
        'A container without a memory limit can take all the memory of its node, so the kernel kills other ' +
        'pods; one without a CPU limit can starve its neighbours. A compromised or buggy container becomes a ' +
        'denial of service for everything scheduled beside it, and cryptominers go unnoticed.',
      remediation:
        'Set `resources.limits.memory` and `resources.limits.cpu` on every container, or set limits on the pod ' +
        '(`spec.resources`), or give the namespace a LimitRange with defaults.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    resources:\n      limits: {memory: 256Mi, cpu: 500m}\n',
    },
  },
  scope: 'container',
  check(container, pod, { object }) {
    // The API server forbids resources on ephemeral containers.
    if (container.group === 'ephemeralContainers') return [];
    const findings: RuleFinding[] = [];
    const missing: ResourceName[] = [];
    for (const name of NAMES) {
      // A pod-level limit (spec.resources, Kubernetes 1.32+) bounds every container.
      const podLimit = readQuantity(pod.map, 'limits', name);
      if (podLimit && !podLimit.zero) continue;
      const own = readQuantity(container.map, 'limits', name);
      if (!own) missing.push(name);
      else if (own.zero) {
        findings.push({
          span: own.span,
          path: own.path,
          message: `${container.label} in ${object.label} sets its ${LABEL[name]} limit to ${own.text}, which means no limit.`,
        });
      }
    }
    if (missing.length > 0) {
      const anchor = resourceMap(container.map, 'limits')?.keySpan ?? getMap(container.map, 'resources')?.keySpan ?? container.anchorSpan;
      const what = missing.map((name) => LABEL[name]).join(' or ');
      findings.push({
        span: anchor,
        path: containerPath(container, 'resources', 'limits', ...(missing.length === 1 ? [missing[0] as string] : [])),
        message: `${container.label} in ${object.label} has no ${what} limit, so it can exhaust its node.`,
      });
    }
    return findings;
  },
});
