import rule from '../../server/src/engine/rules/rbac-secrets-read';
import { ruleTester } from '../harness/rule-tester';

const role = (rules: string, kind = 'Role') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: r\n  namespace: app\nrules:\n${rules}\n`;

ruleTester.run(rule, {
  valid: [
    { name: 'other core resources', yaml: role('- apiGroups: [""]\n  resources: ["pods", "configmaps"]\n  verbs: ["get", "list", "watch"]') },
    { name: 'secrets of another API group are another resource', yaml: role('- apiGroups: ["apps"]\n  resources: ["secrets"]\n  verbs: ["get"]') },
    { name: 'no API group matches nothing', yaml: role('- resources: ["secrets"]\n  verbs: ["get"]') },
    { name: 'write verbs only', yaml: role('- apiGroups: [""]\n  resources: ["secrets"]\n  verbs: ["create", "delete"]') },
    { name: 'narrowed by resourceNames', yaml: role('- apiGroups: [""]\n  resources: ["secrets"]\n  resourceNames: ["app-tls"]\n  verbs: ["get", "watch"]') },
    { name: 'a "*" resource is left to rbac-wildcard', yaml: role('- apiGroups: [""]\n  resources: ["*"]\n  verbs: ["get"]') },
    { name: 'verbs compare case-sensitively', yaml: role('- apiGroups: [""]\n  resources: ["secrets"]\n  verbs: ["Get"]') },
    {
      name: 'aggregated ClusterRole without rules',
      yaml: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: agg}\naggregationRule:\n  clusterRoleSelectors: [{matchLabels: {team: a}}]\n',
    },
  ],
  invalid: [
    {
      name: 'get, list and watch on secrets',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: app}
rules:
- apiGroups: [""]
  resources: ["configmaps", "secrets"]
#                           ^^^^^^^^^ warning rbac-secrets-read: Role "reader" can read the values of every Secret (get, list and watch) in its namespace.
  verbs: ["get", "list", "watch"]
`,
    },
    {
      name: 'a ClusterRole, through a "*" verb and group, in the second rule',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: all-secrets}
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get"]
- apiGroups: ["*"]
  resources: [secrets]
#             ^^^^^^^ rbac-secrets-read: ClusterRole "all-secrets" can read the values of every Secret (every verb), in every namespace when a ClusterRoleBinding binds it.
  verbs: ["*"]
`,
    },
    {
      name: 'list alone reveals values',
      yaml: role('- apiGroups: ["", "apps"]\n  resources: ["secrets"]\n  verbs: ["list"]'),
      errors: [{ line: 8, column: 15, message: 'Role "r" can read the values of every Secret (list) in its namespace.' }],
    },
    {
      name: 'each rule gets its own finding',
      yaml: role('- apiGroups: [""]\n  resources: ["secrets"]\n  verbs: ["get"]\n- apiGroups: [""]\n  resources: ["secrets"]\n  verbs: ["watch"]'),
      errors: 2,
    },
    {
      name: 'flow style',
      yaml: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r, namespace: app}\nrules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]\n',
      errors: [{ line: 4, column: 39, endColumn: 46 }],
    },
    {
      name: 'inside a kind: List',
      yaml: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: rbac.authorization.k8s.io/v1\n  kind: Role\n  metadata: {name: a, namespace: app}\n  rules:\n  - {apiGroups: [""], resources: ["secrets"], verbs: ["get"]}\n',
      errors: 1,
    },
    {
      name: 'a ClusterRole aggregated into view says so',
      yaml: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: extra\n  labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}\nrules:\n- apiGroups: [""]\n  resources: ["secrets"]\n  verbs: ["get"]\n',
      errors: [{ line: 8, column: 15, message: 'ClusterRole "extra" can read the values of every Secret (get), in every namespace when a ClusterRoleBinding binds it, and every holder of the "view" ClusterRole gets this through aggregation.' }],
    },
    {
      name: 'kube-linter access-to-secrets shape (verbs "*")',
      yaml: role('  - apiGroups: [""]\n    resources: ["secrets"]\n    verbs: ["*"]'),
      errors: 1,
    },
  ],
});
