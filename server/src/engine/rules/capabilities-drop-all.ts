import { getMap, getSeq } from '../model/located';
import { containerPath } from '../model/pod-spec';
import { atLeast } from '../pss-version';
import { defineRule } from '../rule';
import { cis, MITRE, NSA, pss } from '../references';

export default defineRule({
  meta: {
    id: 'capabilities-drop-all',
    title: 'Container does not drop all capabilities',
    severity: 'warning',
    family: 'pod-security',
    layer: 'Container',
    profile: 'restricted',
    pss: { level: 'restricted', control: 'Capabilities' },
    references: [pss('Capabilities'), cis('5.2.10', 'Minimize the admission of containers with capabilities assigned'), NSA.podSecurity, MITRE.exploitPrivEsc],
    fix: 'safe',
    docs: {
      rationale:
        'Container runtimes grant a default set of capabilities (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW and more) ' +
        'that most programs never use but an attacker can. The restricted level requires every container to ' +
        'drop `ALL` and add back only what it needs. The name must be exactly `ALL`: the Pod Security admission ' +
        'controller compares names exactly and rejects `all`.',
      remediation: 'Add `ALL` to `securityContext.capabilities.drop` of every container; add back `NET_BIND_SERVICE` if the program binds a port below 1024.',
      fixSafety:
        'Writing `"all"` as `"ALL"` is safe: container runtimes already treat both as every capability, only the ' +
        'admission check differs. Adding `ALL` to a list that lacks it is unsafe: a program that relies on a ' +
        'default capability (changing file owners, switching user, binding port 80) fails until it is added back.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      capabilities:\n        drop: [ALL]\n',
    },
  },
  scope: 'container',
  check(container, pod, { fixer, object, settings }) {
    const version = settings.pssVersion;
    // capabilities_restricted exists from policy v1.22; Windows pods are exempt from v1.25.
    if (!atLeast(version, 22) || (pod.isWindows && atLeast(version, 25))) return [];
    const drops = container.securityContext?.capabilitiesDrop ?? [];
    if (drops.some((cap) => cap.value === 'ALL')) return [];
    const near = drops.find((cap) => cap.value.toUpperCase() === 'ALL');
    if (near) {
      return [
        {
          span: near.span,
          path: near.path,
          message: `${container.label} in ${object.label} drops "${near.value}", but capability names are case-sensitive and the Pod Security Standards require exactly "ALL".`,
          fix: { title: `Write "${near.value}" as "ALL"`, safety: 'safe', edits: fixer.replaceValue(near, 'ALL') },
        },
      ];
    }
    const capabilities = container.securityContext?.capabilities;
    const dropSeq = getSeq(capabilities, 'drop');
    const edits = dropSeq
      ? fixer.appendToSeq(dropSeq, 'ALL')
      : capabilities
        ? fixer.setKey(capabilities, ['drop'], ['ALL'])
        : fixer.setKey(container.map, ['securityContext', 'capabilities', 'drop'], ['ALL']);
    const anchor = dropSeq?.keySpan ?? (getMap(container.securityContext?.map, 'capabilities')?.keySpan) ?? container.anchorSpan;
    const listed = drops.length > 0 ? `drops only ${drops.map((d) => d.value).join(', ')}` : 'does not drop ALL capabilities';
    return [
      {
        span: anchor,
        path: dropSeq?.path ?? containerPath(container, 'securityContext', 'capabilities', 'drop'),
        message: `${container.label} in ${object.label} ${listed}, so it keeps the runtime's default capabilities; the restricted level requires drop: [ALL].`,
        fix: { title: 'Add ALL to capabilities.drop', safety: 'unsafe', edits },
      },
    ];
  },
});
