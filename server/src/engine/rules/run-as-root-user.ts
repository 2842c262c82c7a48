import type { Located } from '../model/located';
import { atLeast } from '../pss-version';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA, pss } from '../references';

export default defineRule({
  meta: {
    id: 'run-as-root-user',
    title: 'Pod or container runs as UID 0',
    severity: 'warning',
    family: 'pod-security',
    layer: 'Container',
    profile: 'restricted',
    pss: { level: 'restricted', control: 'Running as Non-root user' },
    references: [pss('Running as Non-root user'), cis('5.2.7', 'Minimize the admission of root containers'), NSA.nonRoot, MITRE.escapeToHost],
    fix: 'unsafe',
    docs: {
      rationale:
        '`runAsUser: 0` runs the container as root, which is root on the host kernel unless the pod has its own ' +
        'user namespace. The restricted level forbids it (policy v1.23 and later); from policy v1.35 it is ' +
        'allowed for pods with `hostUsers: false`, where UID 0 maps to an unprivileged host user.',
      remediation: 'Set `runAsUser` to a non-zero UID (10000 or more avoids clashing with host users), or remove it and use an image with a non-root USER.',
      fixSafety: 'Unsafe: a program that needs root (writes root-owned files, binds ports below 1024) fails. The fix sets the UID from `kubeward.fix.runAsUser` (default 10001).',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    runAsUser: 0\n  containers:\n  - name: app\n    image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    runAsUser: 10001\n  containers:\n  - name: app\n    image: nginx:1.27\n',
    },
  },
  scope: 'pod',
  check(pod, { fixer, object, settings }) {
    const version = settings.pssVersion;
    if (!atLeast(version, 23)) return [];
    if (atLeast(version, 35) && pod.hostUsers?.value === false) return [];
    const uid = settings.fix.runAsUser;
    const findings: RuleFinding[] = [];
    const report = (field: Located<number> | undefined, who: string, container?: string) => {
      if (field?.value !== 0) return;
      findings.push({
        span: field.span,
        path: field.path,
        message: `${who} sets runAsUser to 0, so it runs as root.`,
        fix: { title: `Set runAsUser to ${uid}`, safety: 'unsafe', edits: fixer.replaceValue(field, String(uid)) },
        ...(container !== undefined ? { container } : {}),
      });
    };
    report(pod.securityContext?.runAsUser, `${object.label}`);
    for (const container of pod.containers) {
      report(container.securityContext?.runAsUser, `${container.label} in ${object.label}`, container.name?.value);
    }
    return findings;
  },
});
