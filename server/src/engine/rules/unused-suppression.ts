import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'unused-suppression',
    title: 'Suppression silences nothing',
    severity: 'hint',
    family: 'parse',
    layer: 'Code',
    profile: 'baseline',
    references: [],
    docs: {
      rationale:
        'A `# kubeward-disable…` comment or a `kubeward.io/ignore` annotation that silences nothing is noise, and ' +
        'a misspelt rule id in one silences nothing while looking as if it did. Stale suppressions also hide the ' +
        'next real finding of that rule on the same line or object.',
      remediation: 'Remove the rule id from the directive or annotation, or correct its spelling (see RULES.md).',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  # kubeward-disable-next-line privilaged -- legacy\n  - {name: app, image: nginx:1.27}\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      privileged: true # kubeward-disable-line privileged -- device plugin\n',
    },
  },
  scope: 'engine',
});
