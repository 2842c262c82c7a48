import { isScalar } from 'yaml';
import { getInt, getSeq, spanOf, type Located } from '../model/located';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'root-group',
    title: 'Pod or container runs with the root group',
    severity: 'info',
    family: 'hardening',
    layer: 'Container',
    profile: 'restricted',
    references: [cis('5.7.3', 'Apply security context to your pods and containers'), NSA.nonRoot, MITRE.escapeToHost],
    docs: {
      rationale:
        'GID 0 is the root group. Files that images and the node make group-root writable (often by design, ' +
        'for OpenShift-style images) become writable by the container, and after an escape its processes can ' +
        'read and write root-group files on the host. Pod Security Standards do not restrict groups, so this ' +
        'is easy to miss.',
      remediation:
        'Set `runAsGroup` and `fsGroup` to a non-zero GID (for example 10001), and remove 0 from ' +
        '`supplementalGroups`.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    runAsGroup: 0\n  containers:\n  - name: app\n    image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    runAsGroup: 10001\n    fsGroup: 10001\n  containers:\n  - name: app\n    image: nginx:1.27\n',
    },
  },
  scope: 'pod',
  check(pod, { object }) {
    // Windows has no GIDs; with hostUsers: false GID 0 maps to an unprivileged host group.
    if (pod.isWindows || pod.hostUsers?.value === false) return [];
    const findings: RuleFinding[] = [];
    const podContext = pod.securityContext;
    const runAsGroup = podContext?.runAsGroup;
    // A pod-level runAsGroup that every container overrides never takes effect.
    if (runAsGroup?.value === 0 && pod.containers.some((c) => c.securityContext?.runAsGroup === undefined)) {
      findings.push({ span: runAsGroup.span, path: runAsGroup.path, message: `${object.label} runs its containers with the root group (runAsGroup: 0).` });
    }
    const fsGroup = getInt(podContext?.map, 'fsGroup');
    if (fsGroup?.value === 0) {
      findings.push({ span: fsGroup.span, path: fsGroup.path, message: `${object.label} makes its volumes owned by the root group (fsGroup: 0).` });
    }
    for (const zero of zeroItems(podContext ? getSeq(podContext.map, 'supplementalGroups') : undefined)) {
      findings.push({ span: zero.span, path: zero.path, message: `${object.label} adds the root group to its containers (supplementalGroups contains 0).` });
    }
    for (const container of pod.containers) {
      const own = container.securityContext?.runAsGroup;
      if (own?.value !== 0) continue;
      findings.push({
        span: own.span,
        path: own.path,
        message: `${container.label} in ${object.label} runs with the root group (runAsGroup: 0).`,
        ...(container.name ? { container: container.name.value } : {}),
      });
    }
    return findings;
  },
});

function zeroItems(seq: ReturnType<typeof getSeq>): Pick<Located<number>, 'span' | 'path'>[] {
  if (!seq) return [];
  const found: Pick<Located<number>, 'span' | 'path'>[] = [];
  seq.node.items.forEach((item, index) => {
    const node = seq.source.resolve(item);
    const span = spanOf(node);
    if (isScalar(node) && node.value === 0 && span) found.push({ span, path: [...seq.path, index] });
  });
  return found;
}
