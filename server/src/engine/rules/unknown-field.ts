import { defineRule } from '../rule';
import { schemaIssues } from '../schema/issues';

export default defineRule({
  meta: {
    id: 'unknown-field',
    title: 'Field is not part of the Kubernetes schema',
    severity: 'error',
    family: 'schema',
    layer: 'Code',
    profile: 'baseline',
    references: [],
    fix: 'safe',
    docs: {
      rationale:
        'Kubernetes drops fields its schema does not define (or rejects the object under strict field validation). A ' +
        'misspelt security setting such as `runAsNonroot: true` or `readOnlyRootFileSystem: true` therefore has no ' +
        'effect: the manifest looks hardened, yet the container runs without the protection. Kubeward validates each ' +
        'YAML document against the schema of its own apiVersion and kind (Kubernetes 1.30 for built-in kinds, the ' +
        'workspace CustomResourceDefinitions for custom resources) and reports each unknown field on its key.',
      remediation:
        'Rename the field to the one the message suggests, or remove it. Field names are case-sensitive. Set ' +
        '`kubeward.schemaValidation` to `security` to check only security-relevant fields, or to `off` when another ' +
        'extension already validates the schema.',
      fixSafety:
        'Safe when the intended name is certain: it differs only in case or separators, or by one edit in a long name, ' +
        'and the object does not already have it. The fix renames the key and keeps its value and comments; the ' +
        'setting then takes effect as written. Other close matches are offered one at a time.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      runAsNonroot: true\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      runAsNonRoot: true\n',
    },
  },
  scope: 'object',
  check(object, { settings }) {
    return schemaIssues(object, settings.schemaValidation ?? 'all')
      .filter((issue) => issue.rule === 'unknown-field')
      .map((issue) => ({
        span: issue.span,
        path: issue.path,
        message: issue.message,
        ...(issue.rename
          ? {
              fix: {
                title: `Rename to ${issue.rename.to}`,
                safety: issue.rename.safe ? ('safe' as const) : ('unsafe' as const),
                edits: [{ start: issue.rename.span.start, end: issue.rename.span.end, newText: issue.rename.to }],
              },
            }
          : {}),
      }));
  },
});
