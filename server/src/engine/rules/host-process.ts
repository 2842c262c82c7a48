import type { Located } from '../model/located';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA, pss } from '../references';

export default defineRule({
  meta: {
    id: 'host-process',
    title: 'Pod runs Windows HostProcess containers',
    severity: 'error',
    family: 'pod-security',
    layer: 'Container',
    profile: 'baseline',
    pss: { level: 'baseline', control: 'HostProcess' },
    references: [pss('HostProcess'), cis('5.2.11', 'Minimize the admission of Windows HostProcess containers'), NSA.hostIsolation, MITRE.escapeToHost],
    fix: 'unsafe',
    docs: {
      rationale:
        'A Windows HostProcess container runs directly on the node as a host process, with access to the host ' +
        'network, filesystem and devices. It is the Windows equivalent of a privileged container: code running in ' +
        'it controls the node.',
      remediation:
        'Remove `windowsOptions.hostProcess` or set it to `false`, in the pod security context and in every ' +
        'container. Keep HostProcess pods to dedicated system namespaces that are exempt from Pod Security.',
      fixSafety:
        'Unsafe: node agents built as HostProcess containers (CNI, storage, log collectors) stop working as normal ' +
        'containers. The fix removes the `hostProcess` line.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    windowsOptions:\n      hostProcess: true\n  containers:\n  - name: app\n    image: mcr.microsoft.com/windows/nanoserver:ltsc2022\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: mcr.microsoft.com/windows/nanoserver:ltsc2022\n',
    },
  },
  scope: 'pod',
  check(pod, { fixer, object }) {
    const findings: RuleFinding[] = [];
    const report = (field: Located<boolean> | undefined, who: string, container?: string) => {
      if (field?.value !== true) return;
      findings.push({
        span: field.span,
        path: field.path,
        message: `${who} runs as a Windows HostProcess container, with full access to the node (hostProcess: true).`,
        fix: { title: 'Remove hostProcess', safety: 'unsafe', edits: fixer.removeEntry(field) },
        ...(container !== undefined ? { container } : {}),
      });
    };
    report(pod.securityContext?.hostProcess, `${object.label}`);
    for (const container of pod.containers) {
      report(container.securityContext?.hostProcess, `${container.label} in ${object.label}`, container.name?.value);
    }
    return findings;
  },
});
