import { getInt, getSeq, mapItems } from '../model/located';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA, pss } from '../references';

export default defineRule({
  meta: {
    id: 'host-port',
    title: 'Container binds a host port',
    severity: 'warning',
    family: 'pod-security',
    layer: 'Container',
    profile: 'baseline',
    pss: { level: 'baseline', control: 'Host Ports' },
    references: [pss('Host Ports'), cis('5.2.13', 'Minimize the admission of containers which use HostPorts'), NSA.network, MITRE.exposedService],
    fix: 'unsafe',
    docs: {
      rationale:
        'A `hostPort` opens a port on the node itself and forwards it to the container, bypassing Services and ' +
        'most network policies. It exposes the workload on every address of the node and limits where pods can ' +
        'be scheduled.',
      remediation: 'Remove `hostPort` (or set it to 0) and expose the container through a Service instead.',
      fixSafety:
        'Unsafe: clients that connect to the node address on that port lose access until a Service takes its ' +
        'place. The fix removes the `hostPort` line and keeps `containerPort`.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n      hostPort: 80\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n',
    },
  },
  scope: 'container',
  check(container, _pod, { fixer, object }) {
    const findings: RuleFinding[] = [];
    for (const port of mapItems(getSeq(container.map, 'ports'))) {
      const hostPort = getInt(port, 'hostPort');
      // PSA allows an unset hostPort or 0, which means "no host port".
      if (!hostPort || hostPort.value === 0) continue;
      findings.push({
        span: hostPort.span,
        path: hostPort.path,
        message: `${container.label} in ${object.label} binds port ${hostPort.value} on the node (hostPort).`,
        fix: { title: 'Remove hostPort', safety: 'unsafe', edits: fixer.removeEntry(hostPort) },
      });
    }
    return findings;
  },
});
