import { defineRule } from '../rule';
import { schemaIssues } from '../schema/issues';

export default defineRule({
  meta: {
    id: 'invalid-value',
    title: 'Value does not match the Kubernetes schema',
    severity: 'error',
    family: 'schema',
    layer: 'Code',
    profile: 'baseline',
    references: [],
    docs: {
      rationale:
        'The API server rejects a value of the wrong type, a value outside a fixed set, a missing required field and an ' +
        'API version it no longer serves, so the object is never applied, or a pipeline that ignores the error ships ' +
        'without it. YAML makes some of these easy to miss: `runAsUser: "1000"` is a string, not a number, and under ' +
        'YAML 1.1, which Kubernetes reads, an unquoted `yes` or `on` is a boolean. Kubeward checks each YAML document ' +
        'against the schema of its own apiVersion and kind and reports the value itself.',
      remediation:
        'Write the value with the type and spelling the message names: remove quotes around numbers and booleans, quote ' +
        'strings such as `"on"` or `"1.0"`, use one of the listed values, add the missing field, or move the object to ' +
        'the API version Kubernetes serves.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      runAsUser: "1000"\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n      runAsUser: 1000\n',
    },
  },
  scope: 'object',
  check(object, { settings }) {
    return schemaIssues(object, settings.schemaValidation ?? 'all')
      .filter((issue) => issue.rule === 'invalid-value')
      .map((issue) => ({ span: issue.span, path: issue.path, message: issue.message }));
  },
});
