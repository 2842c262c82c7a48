import { containerPath, effectiveSecurityContext, type ContainerModel, type PodSpecModel } from '../model/pod-spec';
import { defineRule, type CheckContext, type Fix, type RuleFinding } from '../rule';
import { cis, MITRE, NSA, pss } from '../references';
import { atLeast } from '../pss-version';

function addNonRoot(container: ContainerModel, pod: PodSpecModel, { fixer, settings }: CheckContext): Fix {
  // Without a UID, runAsNonRoot makes an image whose USER is root fail to start; give it one.
  const needsUser = effectiveSecurityContext(pod, container).runAsUser.value === undefined;
  const values = needsUser ? { runAsNonRoot: true, runAsUser: settings.fix.runAsUser } : { runAsNonRoot: true };
  return {
    title: needsUser ? `Set runAsNonRoot to true and runAsUser to ${settings.fix.runAsUser}` : 'Set runAsNonRoot to true',
    safety: 'unsafe',
    edits: fixer.setKey(container.map, ['securityContext'], values),
  };
}

export default defineRule({
  meta: {
    id: 'run-as-non-root',
    title: 'Container may run as root',
    severity: 'warning',
    family: 'pod-security',
    layer: 'Container',
    profile: 'restricted',
    pss: { level: 'restricted', control: 'Running as Non-root' },
    references: [pss('Running as Non-root'), cis('5.2.7', 'Minimize the admission of root containers'), NSA.nonRoot, MITRE.escapeToHost],
    fix: 'unsafe',
    docs: {
      rationale:
        'A container runs as whatever user its image names, which is often root. Root in a container is root on ' +
        'the host kernel: one container escape or a writable host mount gives an attacker the node. ' +
        '`runAsNonRoot: true` makes the kubelet refuse to start the container as UID 0.',
      remediation:
        'Set `securityContext.runAsNonRoot: true` on the pod (it is inherited) or on every container, and give a ' +
        'non-zero `runAsUser` when the image does not name a numeric non-root user.',
      fixSafety:
        'Unsafe: an image that only works as root (writes to root-owned paths, binds ports below 1024) fails to ' +
        'start. The fix also sets `runAsUser` (setting `kubeward.fix.runAsUser`, default 10001) when nothing sets ' +
        'one, so that images whose USER is root start as that UID instead of being rejected.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    runAsNonRoot: true\n    runAsUser: 10001\n  containers:\n  - name: app\n    image: nginx:1.27\n',
    },
  },
  scope: 'pod',
  check(pod, ctx) {
    const { fixer, object, settings } = ctx;
    // Policy v1.35+ skips pods in their own user namespace, where UID 0 is not root on the host.
    if (atLeast(settings.pssVersion, 35) && pod.hostUsers?.value === false) return [];
    const findings: RuleFinding[] = [];
    const podField = pod.securityContext?.runAsNonRoot;
    if (podField?.value === false) {
      findings.push({
        span: podField.span,
        path: podField.path,
        message: `${object.label} sets runAsNonRoot to false for all its containers, so they may run as root.`,
        fix: { title: 'Set runAsNonRoot to true', safety: 'unsafe', edits: fixer.replaceValue(podField, 'true') },
      });
    }
    for (const container of pod.containers) {
      const own = container.securityContext?.runAsNonRoot;
      const name = container.name?.value;
      const named = name !== undefined ? { container: name } : {};
      if (own?.value === false) {
        findings.push({
          span: own.span,
          path: own.path,
          message: `${container.label} in ${object.label} sets runAsNonRoot to false, so it may run as root.`,
          fix: { title: 'Set runAsNonRoot to true', safety: 'unsafe', edits: fixer.replaceValue(own, 'true') },
          ...named,
        });
      } else if (own === undefined && podField?.value !== true) {
        findings.push({
          span: container.anchorSpan,
          path: containerPath(container, 'securityContext', 'runAsNonRoot'),
          message: `${container.label} in ${object.label} does not set runAsNonRoot to true, in its own or the pod's security context, so it may run as root.`,
          fix: addNonRoot(container, pod, ctx),
          ...named,
        });
      }
    }
    return findings;
  },
});
