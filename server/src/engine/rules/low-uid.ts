import type { Located } from '../model/located';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA } from '../references';

/** UIDs below this are where distributions and node agents put their own users. */
const FIRST_SAFE_UID = 10000;

export default defineRule({
  meta: {
    id: 'low-uid',
    title: 'Container runs with a UID below 10000',
    severity: 'info',
    family: 'hardening',
    layer: 'Container',
    // Opinionated defence in depth: many well-behaved images use UIDs such as 101 or 1000, so the
    // rule only runs in the `all` profile.
    profile: 'all',
    references: [cis('5.7.3', 'Apply security context to your pods and containers'), NSA.nonRoot, MITRE.escapeToHost],
    docs: {
      rationale:
        'Without user namespaces, a UID in a container is the same UID on the node. Low UIDs belong to system ' +
        'users and to ordinary accounts of the host (1000 is usually the first human user), so after an escape ' +
        'the process owns their files. A UID of 10000 or more is unlikely to collide with anything on the node.',
      remediation:
        'Set `securityContext.runAsUser` to a UID of 10000 or more (for example 10001) on the pod or the ' +
        'container, and build the image so that this user can read what it needs. Alternatively run the pod ' +
        'with `hostUsers: false`, which maps container UIDs to unprivileged host UIDs.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    runAsUser: 1000\n  containers:\n  - name: app\n    image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    runAsUser: 10001\n  containers:\n  - name: app\n    image: nginx:1.27\n',
    },
  },
  // Pod scope, so that a pod-level UID inherited by several containers is reported once, where it is written.
  scope: 'pod',
  check(pod, { object }) {
    // Windows ignores runAsUser; with hostUsers: false container UIDs never reach the host.
    if (pod.isWindows || pod.hostUsers?.value === false) return [];
    // UID 0 is run-as-root-user's finding; reporting it twice would only add noise.
    const isLow = (uid: Located<number> | undefined): uid is Located<number> => uid !== undefined && uid.value > 0 && uid.value < FIRST_SAFE_UID;
    const findings: RuleFinding[] = [];
    const podUid = pod.securityContext?.runAsUser;
    const inheriting = pod.containers.filter((c) => c.securityContext?.runAsUser === undefined);
    if (isLow(podUid) && inheriting.length > 0) {
      findings.push({
        span: podUid.span,
        path: podUid.path,
        message: `${object.label} runs its containers as UID ${podUid.value}, below ${FIRST_SAFE_UID}, where it may match a user on the node.`,
      });
    }
    for (const container of pod.containers) {
      const own = container.securityContext?.runAsUser;
      if (!isLow(own)) continue;
      findings.push({
        span: own.span,
        path: own.path,
        message: `${container.label} in ${object.label} runs as UID ${own.value}, below ${FIRST_SAFE_UID}, where it may match a user on the node.`,
        ...(container.name ? { container: container.name.value } : {}),
      });
    }
    return findings;
  },
});
