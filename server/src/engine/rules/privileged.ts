import { defineRule } from '../rule';
import { cis, MITRE, NSA, pss } from '../references';

export default defineRule({
  meta: {
    id: 'privileged',
    title: 'Container runs privileged',
    severity: 'error',
    family: 'pod-security',
    layer: 'Container',
    profile: 'baseline',
    pss: { level: 'baseline', control: 'Privileged Containers' },
    references: [pss('Privileged Containers'), cis('5.2.2', 'Minimize the admission of privileged containers'), NSA.podSecurity, MITRE.escapeToHost],
    fix: 'unsafe',
    docs: {
      rationale:
        'A privileged container gets every Linux capability and access to all host devices, with no seccomp or ' +
        'AppArmor confinement. Anyone who runs code in it can take over the node, and from the node the cluster.',
      remediation:
        'Remove `privileged: true`, or set it to `false`. Grant the few capabilities the workload really needs with ' +
        '`capabilities.add` instead.',
      fixSafety:
        'Unsafe: a workload that really drives host devices (CNI and storage drivers, some monitoring agents) stops ' +
        'working without privileges. Review before applying.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      privileged: true\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      privileged: false\n',
    },
  },
  scope: 'container',
  check(container, _pod, { fixer, object }) {
    const field = container.securityContext?.privileged;
    if (field?.value !== true) return [];
    return [
      {
        span: field.span,
        path: field.path,
        message: `${container.label} in ${object.label} runs privileged, with full access to the host.`,
        fix: { title: 'Set privileged to false', safety: 'unsafe', edits: fixer.replaceValue(field, 'false') },
      },
    ];
  },
});
