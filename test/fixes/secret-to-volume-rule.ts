import { getSeq, mapItems, type FieldPath } from '../../server/src/engine/model/located';
import { secretToVolume } from '../../server/src/engine/fixes/secret-to-volume';
import { defineRule } from '../../server/src/engine/rule';
import secretEnvVar from '../../server/src/engine/rules/secret-env-var';

function startsWith(path: FieldPath, prefix: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((part, i) => path[i] === part);
}

/**
 * secret-env-var as the lead will wire it: the real rule's findings, each given the conversion
 * as its fix. It keeps the catalogued id, so the rule tester's settings and invariants apply.
 */
export const convertingRule = defineRule({
  meta: { ...secretEnvVar.meta, fix: 'unsafe' },
  scope: 'container',
  check(container, pod, ctx) {
    const entries = [...mapItems(getSeq(container.map, 'env')), ...mapItems(getSeq(container.map, 'envFrom'))];
    return secretEnvVar.check(container, pod, ctx).map((finding) => {
      const entry = entries.find((e) => startsWith(finding.path, e.path));
      const fix = entry && secretToVolume(container, pod, entry, ctx.fixer, ctx.settings.fix);
      return fix ? { ...finding, fix } : finding;
    });
  },
});
