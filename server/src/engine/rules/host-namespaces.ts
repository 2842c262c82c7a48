import type { Located } from '../model/located';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA, pss } from '../references';

const NAMESPACES = [
  { key: 'hostNetwork', what: 'network namespace', cis: cis('5.2.5', 'Minimize the admission of containers wishing to share the host network namespace') },
  { key: 'hostPID', what: 'process ID namespace', cis: cis('5.2.3', 'Minimize the admission of containers wishing to share the host process ID namespace') },
  { key: 'hostIPC', what: 'IPC namespace', cis: cis('5.2.4', 'Minimize the admission of containers wishing to share the host IPC namespace') },
] as const;

export default defineRule({
  meta: {
    id: 'host-namespaces',
    title: 'Pod shares a host namespace',
    severity: 'error',
    family: 'pod-security',
    layer: 'Container',
    profile: 'baseline',
    pss: { level: 'baseline', control: 'Host Namespaces' },
    references: [pss('Host Namespaces'), ...NAMESPACES.map((ns) => ns.cis), NSA.hostIsolation, MITRE.escapeToHost],
    fix: 'unsafe',
    docs: {
      rationale:
        'With `hostNetwork` a pod sees every network interface of the node and can reach services bound to its ' +
        'localhost; with `hostPID` it sees and can signal every process on the node; with `hostIPC` it shares the ' +
        "node's shared memory. Each one removes a wall between the container and the host.",
      remediation: 'Remove `hostNetwork`, `hostPID` and `hostIPC`, or set them to `false`.',
      fixSafety:
        'Unsafe: a workload that binds node ports, inspects host processes or shares memory with the host stops ' +
        'working in its own namespaces. The fix removes the line.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: true\n  containers: [{name: app, image: nginx:1.27}]\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: app, image: nginx:1.27}]\n',
    },
  },
  scope: 'pod',
  check(pod, { fixer, object }) {
    const findings: RuleFinding[] = [];
    for (const ns of NAMESPACES) {
      const field = pod[ns.key] as Located<boolean> | undefined;
      if (field?.value !== true) continue;
      findings.push({
        span: field.span,
        path: field.path,
        message: `${object.label} shares the host's ${ns.what} (${ns.key}: true).`,
        fix: { title: `Remove ${ns.key}`, safety: 'unsafe', edits: fixer.removeEntry(field) },
      });
    }
    return findings;
  },
});
