import rule from '../../server/src/engine/rules/network-policy-missing';
import { ruleTester } from '../harness/rule-tester';

const deployment = (namespace: string, labels: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  template:\n    metadata:\n      labels: ${labels}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n`;
const policy = (namespace: string, selector: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: np\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  podSelector: ${selector}\n---\n`;

ruleTester.run(rule, {
  valid: [
    { name: 'an empty podSelector selects every pod', yaml: policy('shop', '{}') + deployment('shop', '{app: web}') },
    { name: 'matchLabels', yaml: policy('shop', '{matchLabels: {app: web}}') + deployment('shop', '{app: web, tier: front}') },
    { name: 'matchExpressions In', yaml: policy('shop', '{matchExpressions: [{key: app, operator: In, values: [web, api]}]}') + deployment('shop', '{app: web}') },
    { name: 'matchExpressions DoesNotExist', yaml: policy('shop', '{matchExpressions: [{key: batch, operator: DoesNotExist}]}') + deployment('shop', '{app: web}') },
    { name: 'both without namespace are in default', yaml: policy('', '{}') + deployment('', '{app: web}') },
    { name: 'the policy may follow the workload', yaml: `${deployment('shop', '{app: web}')}---\n${policy('shop', '{}').replace(/---\n$/, '')}` },
    { name: 'host network pods are out of reach of policies', yaml: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostNetwork: true\n  containers: [{name: a, image: nginx:1.27}]\n' },
    { name: 'not a workload', yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {}\n' },
  ],
  invalid: [
    { name: 'no policy at all', yaml: deployment('shop', '{app: web}'), errors: [{ line: 4, column: 9, endColumn: 12 }] },
    { name: 'policy in another namespace', yaml: policy('other', '{}') + deployment('shop', '{app: web}'), errors: 1 },
    { name: 'policy in default, workload elsewhere', yaml: policy('', '{}') + deployment('shop', '{app: web}'), errors: 1 },
    { name: 'labels do not match', yaml: policy('shop', '{matchLabels: {app: api}}') + deployment('shop', '{app: web}'), errors: 1 },
    { name: 'matchExpressions NotIn excludes it', yaml: policy('shop', '{matchExpressions: [{key: app, operator: NotIn, values: [web]}]}') + deployment('shop', '{app: web}'), errors: 1 },
    { name: 'matchExpressions Exists needs the key', yaml: policy('shop', '{matchExpressions: [{key: team, operator: Exists}]}') + deployment('shop', '{app: web}'), errors: 1 },
    { name: 'matchLabels and matchExpressions both apply', yaml: policy('shop', '{matchLabels: {app: web}, matchExpressions: [{key: tier, operator: In, values: [back]}]}') + deployment('shop', '{app: web, tier: front}'), errors: 1 },
  ],
});
