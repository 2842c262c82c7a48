import { containerPath } from '../model/pod-spec';
import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'read-only-root-filesystem',
    title: 'Container root filesystem is writable',
    severity: 'warning',
    family: 'hardening',
    layer: 'Container',
    profile: 'restricted',
    references: [cis('5.7.3', 'Apply security context to your pods and containers'), NSA.immutableFs, MITRE.implantImage],
    fix: 'unsafe',
    docs: {
      rationale:
        'A writable root filesystem lets an attacker who gets code execution download tools, drop binaries and ' +
        'change the application in place. With a read-only root, the container stays the image that was reviewed; ' +
        'only the volumes you mount are writable.',
      remediation:
        'Set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` volume wherever the program ' +
        'must write (usually `/tmp`).',
      fixSafety:
        'Unsafe: a program that writes outside its mounted volumes fails. The fix also mounts an `emptyDir` at ' +
        '`/tmp` when nothing is mounted there (setting `kubeward.fix.tmpVolume`), which covers most programs.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      readOnlyRootFilesystem: true\n',
    },
  },
  scope: 'container',
  check(container, _pod, { fixer, object }) {
    // Ephemeral debug containers exist to be poked at by hand; a read-only root would defeat them.
    if (container.group === 'ephemeralContainers') return [];
    const field = container.securityContext?.readOnlyRootFilesystem;
    if (field?.value === true) return [];
    const title = 'Set readOnlyRootFilesystem to true';
    if (field) {
      return [
        {
          span: field.span,
          path: field.path,
          message: `${container.label} in ${object.label} sets readOnlyRootFilesystem to false, so its root filesystem is writable.`,
          fix: { title, safety: 'unsafe', edits: fixer.replaceValue(field, 'true') },
        },
      ];
    }
    return [
      {
        span: container.anchorSpan,
        path: containerPath(container, 'securityContext', 'readOnlyRootFilesystem'),
        message: `${container.label} in ${object.label} does not set readOnlyRootFilesystem to true, so its root filesystem is writable.`,
        fix: { title, safety: 'unsafe', edits: fixer.setKey(container.map, ['securityContext', 'readOnlyRootFilesystem'], true) },
      },
    ];
  },
});
