import { containerPath } from '../model/pod-spec';
import { atLeast } from '../pss-version';
import { defineRule } from '../rule';
import { cis, MITRE, NSA, pss } from '../references';

export default defineRule({
  meta: {
    id: 'privilege-escalation',
    title: 'Container allows privilege escalation',
    severity: 'warning',
    family: 'pod-security',
    layer: 'Container',
    profile: 'restricted',
    pss: { level: 'restricted', control: 'Privilege Escalation' },
    references: [pss('Privilege Escalation'), cis('5.2.6', 'Minimize the admission of containers with allowPrivilegeEscalation'), NSA.podSecurity, MITRE.exploitPrivEsc],
    fix: 'safe',
    docs: {
      rationale:
        'Unless `allowPrivilegeEscalation` is `false`, a process in the container can gain more privileges than ' +
        'its parent, through setuid binaries or file capabilities. Kubernetes defaults it to `true`, so leaving it ' +
        'out is the same as allowing escalation.',
      remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on every container.',
      fixSafety:
        'Safe: it sets the no_new_privs flag, which ordinary applications never notice. Only programs that rely on ' +
        'setuid binaries (such as `sudo`) inside the container are affected.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      allowPrivilegeEscalation: false\n',
    },
  },
  scope: 'container',
  check(container, pod, { fixer, object, settings }) {
    // Windows has no no_new_privs; PSA exempts Windows pods from this control from policy v1.25, and
    // the check itself starts at v1.8.
    const version = settings.pssVersion;
    if (!atLeast(version, 8) || (pod.isWindows && atLeast(version, 25))) return [];
    const field = container.securityContext?.allowPrivilegeEscalation;
    if (field?.value === false) return [];
    const title = 'Set allowPrivilegeEscalation to false';
    if (field) {
      return [
        {
          span: field.span,
          path: field.path,
          message: `${container.label} in ${object.label} sets allowPrivilegeEscalation to true, so its processes can gain more privileges than their parent.`,
          fix: { title, safety: 'safe', edits: fixer.replaceValue(field, 'false') },
        },
      ];
    }
    return [
      {
        span: container.anchorSpan,
        path: containerPath(container, 'securityContext', 'allowPrivilegeEscalation'),
        message: `${container.label} in ${object.label} does not set allowPrivilegeEscalation to false, so its processes can gain more privileges than their parent.`,
        fix: { title, safety: 'safe', edits: fixer.setKey(container.map, ['securityContext', 'allowPrivilegeEscalation'], false) },
      },
    ];
  },
});
