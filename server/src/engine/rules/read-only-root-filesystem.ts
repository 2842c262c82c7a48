import { getEntry, getSeq, getString, mapItems } from '../model/located';
import { containerPath, type ContainerModel, type PodSpecModel } from '../model/pod-spec';
import { defineRule, type CheckContext, type Fix } from '../rule';
import { cis, MITRE, NSA } from '../references';

const TMP = '/tmp';

/** The name of an emptyDir volume to mount at /tmp, and whether the pod still has to declare it. */
function tmpVolume(pod: PodSpecModel): { name: string; declare: boolean } {
  const volumes = mapItems(pod.volumes);
  const named = (name: string) => volumes.find((v) => getString(v, 'name')?.value === name);
  const existing = named('tmp');
  if (!existing) return { name: 'tmp', declare: true };
  if (getEntry(existing, 'emptyDir')) return { name: 'tmp', declare: false };
  return { name: 'kubeward-tmp', declare: named('kubeward-tmp') === undefined };
}

function mountsTmp(container: ContainerModel): boolean {
  return mapItems(getSeq(container.map, 'volumeMounts')).some((m) => getString(m, 'mountPath')?.value.replace(/\/+$/, '') === TMP);
}

/** Sets readOnlyRootFilesystem and, unless turned off, gives the container a writable /tmp. */
function makeReadOnly(container: ContainerModel, pod: PodSpecModel, { fixer, settings }: CheckContext): Fix {
  if (!settings.fix.tmpVolume || mountsTmp(container)) {
    return {
      title: 'Set readOnlyRootFilesystem to true',
      safety: 'unsafe',
      edits: fixer.setKey(container.map, ['securityContext', 'readOnlyRootFilesystem'], true),
    };
  }
  const volume = tmpVolume(pod);
  const containerEdits = fixer.setKey(container.map, [], {
    securityContext: { readOnlyRootFilesystem: true },
    volumeMounts: [{ name: volume.name, mountPath: TMP }],
  });
  const podEdits = volume.declare ? fixer.setKey(pod.map, [], { volumes: [{ name: volume.name, emptyDir: {} }] }) : [];
  return {
    title: 'Set readOnlyRootFilesystem to true and mount an emptyDir at /tmp',
    safety: 'unsafe',
    edits: fixer.combine(containerEdits, podEdits),
  };
}

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
  check(container, pod, ctx) {
    const { fixer, object } = ctx;
    // Ephemeral debug containers exist to be poked at by hand; a read-only root would defeat them.
    if (container.group === 'ephemeralContainers') return [];
    const field = container.securityContext?.readOnlyRootFilesystem;
    if (field?.value === true) return [];
    if (field) {
      return [
        {
          span: field.span,
          path: field.path,
          message: `${container.label} in ${object.label} sets readOnlyRootFilesystem to false, so its root filesystem is writable.`,
          fix: { title: 'Set readOnlyRootFilesystem to true', safety: 'unsafe', edits: fixer.replaceValue(field, 'true') },
        },
      ];
    }
    return [
      {
        span: container.anchorSpan,
        path: containerPath(container, 'securityContext', 'readOnlyRootFilesystem'),
        message: `${container.label} in ${object.label} does not set readOnlyRootFilesystem to true, so its root filesystem is writable.`,
        fix: makeReadOnly(container, pod, ctx),
      },
    ];
  },
});
