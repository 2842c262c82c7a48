import rule from '../../server/src/engine/rules/rbac-wildcard';
import { ruleTester } from '../harness/rule-tester';

const role = (rules: string, kind = 'Role') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: r\n  namespace: app\nrules:\n${rules}\n`;

ruleTester.run(rule, {
  valid: [
    { name: 'explicit groups, resources and verbs', yaml: role('- apiGroups: ["", "apps"]\n  resources: ["pods", "deployments"]\n  verbs: ["get", "list"]') },
    { name: 'a subresource wildcard is not a bare "*"', yaml: role('- apiGroups: [""]\n  resources: ["*/scale"]\n  verbs: ["get"]') },
    { name: 'resourceNames "*" names one object literally', yaml: role('- apiGroups: [""]\n  resources: ["configmaps"]\n  resourceNames: ["*"]\n  verbs: ["get"]') },
    { name: 'a non-resource URL prefix', yaml: role('- nonResourceURLs: ["/healthz", "/metrics/*"]\n  verbs: ["get"]', 'ClusterRole') },
    {
      name: 'aggregated ClusterRole without rules of its own',
      yaml: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: monitoring}\naggregationRule:\n  clusterRoleSelectors:\n  - matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}\nrules: []\n',
    },
    {
      name: 'the API server bootstrap cluster-admin role',
      yaml: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: cluster-admin\n  labels: {kubernetes.io/bootstrapping: rbac-defaults}\nrules:\n- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]\n',
    },
    { name: 'rules of a ConfigMap are data', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  rules: "*"\n' },
    { name: 'a binding has no rules', yaml: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b}\nroleRef: {kind: Role, name: "*"}\n' },
  ],
  invalid: [
    {
      name: 'every wildcard reported on its own item',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: admin-all
rules:
- apiGroups: ["*"]
#             ^^^ error rbac-wildcard: ClusterRole "admin-all" grants access to resources in every API group ("*"), including ones installed later.
  resources: ["*"]
#             ^^^ error rbac-wildcard: ClusterRole "admin-all" grants every verb on every resource ("*") of every API group, Secrets and subresources included.
  verbs: ["*"]
#         ^^^ error rbac-wildcard: ClusterRole "admin-all" grants every verb ("*") on every resource.
`,
    },
    {
      name: 'every rule is checked, not only the first',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: ops, namespace: app}
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "*"]
#                ^^^ rbac-wildcard: Role "ops" grants every verb ("*") on deployments.
- apiGroups: [""]
  resources: [configmaps, "*"]
#                         ^^^ rbac-wildcard: Role "ops" grants get on every resource ("*") of the core API group, Secrets and subresources included.
  verbs: [get]
`,
    },
    {
      name: 'a wildcard among explicit values (checkov role-failed-2 shape)',
      yaml: role('- apiGroups: ["", "extensions", "apps"]\n  resources: ["example"]\n  verbs: ["example", "*"]'),
      errors: [{ line: 9, column: 22, message: 'Role "r" grants every verb ("*") on example.' }],
    },
    {
      name: 'block sequences and plain scalars',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: crd-reader}
rules:
- apiGroups:
  - '*'
#   ^^^ rbac-wildcard: ClusterRole "crd-reader" grants access to customresourcedefinitions in every API group ("*"), including ones installed later.
  resources:
  - customresourcedefinitions
  verbs:
  - get
`,
    },
    {
      name: 'flow style rules',
      yaml: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r, namespace: app}\nrules: [{apiGroups: [""], resources: ["*"], verbs: [get, list, watch]}]\n',
      errors: [{ line: 4, column: 39, message: 'Role "r" grants get, list and watch on every resource ("*") of the core API group, Secrets and subresources included.' }],
    },
    {
      name: 'every non-resource URL',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: urls}
rules:
- nonResourceURLs: ["*"]
#                   ^^^ rbac-wildcard: ClusterRole "urls" grants get on every non-resource URL ("*"), such as /metrics and /debug/pprof.
  verbs: ["get"]
- nonResourceURLs: ["/healthz"]
  verbs: ["*"]
#         ^^^ rbac-wildcard: ClusterRole "urls" grants every verb ("*") on the non-resource URLs /healthz.
`,
    },
    {
      name: 'explicit rules of an aggregated ClusterRole are checked',
      yaml: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: agg}\naggregationRule:\n  clusterRoleSelectors: [{matchLabels: {team: a}}]\nrules:\n- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["*"]\n',
      errors: 1,
    },
    {
      name: 'roles inside a kind: List',
      yaml: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: rbac.authorization.k8s.io/v1\n  kind: Role\n  metadata: {name: a, namespace: app}\n  rules:\n  - {apiGroups: [""], resources: ["pods"], verbs: ["*"]}\n- apiVersion: rbac.authorization.k8s.io/v1\n  kind: ClusterRole\n  metadata: {name: b}\n  rules:\n  - {apiGroups: ["*"], resources: ["pods"], verbs: ["get"]}\n',
      errors: 2,
    },
    {
      name: 'several documents',
      yaml: `${role('- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["get"]')}---\n${role('- apiGroups: [""]\n  resources: ["*"]\n  verbs: ["get"]')}`,
      errors: 1,
    },
  ],
});
