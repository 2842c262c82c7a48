import { getMap, getString, type MapRef } from '../model/located';
import { atLeast } from '../pss-version';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA, pss } from '../references';

const TYPES_1_0 = ['container_t', 'container_init_t', 'container_kvm_t'];

export default defineRule({
  meta: {
    id: 'selinux-options',
    title: 'SELinux options outside the allowed set',
    severity: 'error',
    family: 'pod-security',
    layer: 'Container',
    profile: 'baseline',
    pss: { level: 'baseline', control: 'SELinux' },
    references: [pss('SELinux'), cis('5.7.3', 'Apply security context to your pods and containers'), NSA.podSecurity, MITRE.escapeToHost],
    fix: 'unsafe',
    docs: {
      rationale:
        'SELinux labels confine what a container process may touch on the node. Setting a custom SELinux user or ' +
        'role, or a type other than the container types (container_t, container_init_t, container_kvm_t and, ' +
        'from policy v1.31, container_engine_t), can give the process an unconfined or host-level domain such as ' +
        'spc_t.',
      remediation: 'Remove `seLinuxOptions.user` and `seLinuxOptions.role`, and leave `type` empty or set it to one of the container types.',
      fixSafety: 'Unsafe: a workload given a custom label for host access loses it. The fix removes the offending key.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    seLinuxOptions:\n      type: spc_t\n  containers:\n  - name: app\n    image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    seLinuxOptions:\n      level: "s0:c123,c456"\n  containers:\n  - name: app\n    image: nginx:1.27\n',
    },
  },
  scope: 'pod',
  check(pod, { fixer, object, settings }) {
    const allowed = new Set(atLeast(settings.pssVersion, 31) ? [...TYPES_1_0, 'container_engine_t'] : TYPES_1_0);
    const findings: RuleFinding[] = [];
    const checkOptions = (securityContext: MapRef | undefined, who: string, container?: string) => {
      const options = getMap(securityContext, 'seLinuxOptions');
      if (!options) return;
      const named = container !== undefined ? { container } : {};
      const type = getString(options, 'type');
      if (type && type.value !== '' && !allowed.has(type.value)) {
        findings.push({
          span: type.span,
          path: type.path,
          message: `${who} sets the SELinux type "${type.value}"; only ${[...allowed].join(', ')} or an empty type are allowed.`,
          fix: { title: 'Remove seLinuxOptions.type', safety: 'unsafe', edits: fixer.removeEntry(type) },
          ...named,
        });
      }
      for (const key of ['user', 'role'] as const) {
        const field = getString(options, key);
        if (!field || field.value === '') continue;
        findings.push({
          span: field.span,
          path: field.path,
          message: `${who} sets the SELinux ${key} "${field.value}"; a custom SELinux ${key} is not allowed.`,
          fix: { title: `Remove seLinuxOptions.${key}`, safety: 'unsafe', edits: fixer.removeEntry(field) },
          ...named,
        });
      }
    };
    checkOptions(pod.securityContext?.map, object.label);
    for (const container of pod.containers) {
      checkOptions(container.securityContext?.map, `${container.label} in ${object.label}`, container.name?.value);
    }
    return findings;
  },
});
