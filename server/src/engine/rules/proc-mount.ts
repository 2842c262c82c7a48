import { atLeast } from '../pss-version';
import { defineRule } from '../rule';
import { cis, MITRE, NSA, pss } from '../references';

export default defineRule({
  meta: {
    id: 'proc-mount',
    title: 'Container unmasks /proc',
    severity: 'error',
    family: 'pod-security',
    layer: 'Container',
    profile: 'baseline',
    pss: { level: 'baseline', control: '/proc Mount Type' },
    references: [pss('/proc Mount Type'), cis('5.7.3', 'Apply security context to your pods and containers'), NSA.hostIsolation, MITRE.escapeToHost],
    fix: 'unsafe',
    docs: {
      rationale:
        'The default /proc mount masks and makes read-only the kernel files that leak host information or change ' +
        'kernel behaviour (/proc/kcore, /proc/sys, /proc/sysrq-trigger). `procMount: Unmasked` removes those ' +
        'masks. At the baseline level, policy v1.35 and later allow any procMount for pods in their own user ' +
        'namespace (`hostUsers: false`), where the container root is not root on the host; the restricted level ' +
        'always requires Default.',
      remediation: 'Remove `procMount` or set it to `Default`.',
      fixSafety: 'Unsafe: Unmasked is set for nested container runtimes (building or running containers inside the pod), which fail with the default masks. The fix sets Default.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      procMount: Unmasked\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      procMount: Default\n',
    },
  },
  scope: 'container',
  check(container, pod, { fixer, object, settings }) {
    const field = container.securityContext?.procMount;
    if (!field || field.value === 'Default') return [];
    // Baseline v1.35+ skips user-namespaced pods; procMount_restricted (v1.35+) keeps the strict check at restricted level.
    if (settings.level === 'baseline' && atLeast(settings.pssVersion, 35) && pod.hostUsers?.value === false) return [];
    return [
      {
        span: field.span,
        path: field.path,
        message: `${container.label} in ${object.label} sets procMount to "${field.value}", which exposes the host's masked /proc paths; only Default is allowed.`,
        fix: { title: 'Set procMount to Default', safety: 'unsafe', edits: fixer.replaceValue(field, 'Default') },
      },
    ];
  },
});
