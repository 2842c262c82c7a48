import { getBool } from '../model/located';
import { defineRule } from '../rule';
import { MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'share-process-namespace',
    title: 'Pod shares one process namespace between its containers',
    severity: 'info',
    family: 'hardening',
    layer: 'Container',
    profile: 'restricted',
    references: [NSA.hostIsolation, MITRE.credsInFiles],
    fix: 'unsafe',
    docs: {
      rationale:
        'With `shareProcessNamespace: true` every container of the pod sees the processes of the others, can ' +
        'signal them and, as the same UID, read their environment and memory through `/proc/<pid>/environ` and ' +
        "`/proc/<pid>/root`. A compromised sidecar then reaches the main container's secrets and files.",
      remediation:
        'Remove `shareProcessNamespace`, or set it to `false`. Use an ephemeral debug container with ' +
        '`kubectl debug --target` when you need to inspect another container temporarily.',
      fixSafety:
        'Unsafe: sidecars that signal the main process (log rotation, config reloaders) or read its files through ' +
        '`/proc` stop working. The fix removes the line.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  shareProcessNamespace: true\n  containers:\n  - name: app\n    image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n',
    },
  },
  scope: 'pod',
  check(pod, { fixer, object }) {
    const field = getBool(pod.map, 'shareProcessNamespace');
    if (field?.value !== true) return [];
    return [
      {
        span: field.span,
        path: field.path,
        message: `${object.label} shares one process namespace between its containers, so each can see and signal the others' processes.`,
        fix: { title: 'Remove shareProcessNamespace', safety: 'unsafe', edits: fixer.removeEntry(field) },
      },
    ];
  },
});
