import { getMap, getString, type MapRef } from '../model/located';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA, pss } from '../references';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export default defineRule({
  meta: {
    id: 'apparmor-unconfined',
    title: 'AppArmor confinement is disabled',
    severity: 'error',
    family: 'pod-security',
    layer: 'Container',
    profile: 'baseline',
    pss: { level: 'baseline', control: 'AppArmor' },
    references: [pss('AppArmor'), cis('5.7.3', 'Apply security context to your pods and containers'), NSA.podSecurity, MITRE.escapeToHost],
    fix: 'unsafe',
    docs: {
      rationale:
        'On nodes with AppArmor, the runtime\'s default profile blocks mounting filesystems, writing to most of ' +
        '/proc and /sys and other operations that container escapes rely on. An `Unconfined` profile (field ' +
        '`appArmorProfile.type` or the older `container.apparmor.security.beta.kubernetes.io/<container>` ' +
        'annotation) removes that layer. Only RuntimeDefault and Localhost profiles (annotations `runtime/default` ' +
        'and `localhost/<profile>`) are allowed.',
      remediation: 'Remove the setting, or set `appArmorProfile.type: RuntimeDefault` (annotation value `runtime/default`), or a Localhost profile written for the workload.',
      fixSafety:
        'Unsafe: the unconfined profile was chosen explicitly, and a program that mounts filesystems or writes ' +
        'kernel settings is denied under the runtime default. The fix sets RuntimeDefault (or `runtime/default`).',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      appArmorProfile:\n        type: Unconfined\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      appArmorProfile:\n        type: RuntimeDefault\n',
    },
  },
  scope: 'pod',
  check(pod, { fixer, object }) {
    const findings: RuleFinding[] = [];
    const checkField = (securityContext: MapRef | undefined, who: string, container?: string) => {
      const profile = getMap(securityContext, 'appArmorProfile');
      if (!profile) return;
      const type = getString(profile, 'type');
      if (type && (type.value === 'RuntimeDefault' || type.value === 'Localhost')) return;
      const named = container !== undefined ? { container } : {};
      const title = 'Set appArmorProfile.type to RuntimeDefault';
      if (type) {
        findings.push({
          span: type.span,
          path: type.path,
          message: `${who} sets the AppArmor profile type "${type.value}"; only RuntimeDefault and Localhost are allowed.`,
          fix: { title, safety: 'unsafe', edits: fixer.replaceValue(type, 'RuntimeDefault') },
          ...named,
        });
      } else {
        // A profile without a type has the empty type, which PSA rejects like Unconfined.
        findings.push({
          span: profile.keySpan ?? profile.span,
          path: [...profile.path, 'type'],
          message: `${who} sets an AppArmor profile without a type; only RuntimeDefault and Localhost are allowed.`,
          fix: { title, safety: 'unsafe', edits: fixer.setKey(profile, ['type'], 'RuntimeDefault') },
          ...named,
        });
      }
    };
    checkField(pod.securityContext?.map, object.label);
    for (const container of pod.containers) {
      checkField(container.securityContext?.map, `${container.label} in ${object.label}`, container.name?.value);
    }
    for (const [key, value] of pod.annotations) {
      if (!key.startsWith(ANNOTATION_PREFIX)) continue;
      const v = value.value;
      if (v === '' || v === 'runtime/default' || v.startsWith('localhost/')) continue;
      const target = key.slice(ANNOTATION_PREFIX.length);
      findings.push({
        span: value.span,
        path: value.path,
        message: `${object.label} sets the AppArmor profile "${v}" for container "${target}" by annotation; only runtime/default and localhost/ profiles are allowed.`,
        fix: { title: 'Set the annotation to runtime/default', safety: 'unsafe', edits: fixer.replaceValue(value, 'runtime/default') },
        container: target,
      });
    }
    return findings;
  },
});
