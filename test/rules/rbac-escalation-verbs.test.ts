import rule from '../../server/src/engine/rules/rbac-escalation-verbs';
import { ruleTester } from '../harness/rule-tester';

const role = (rules: string, kind = 'Role') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: r\n  namespace: app\nrules:\n${rules}\n`;

ruleTester.run(rule, {
  valid: [
    { name: 'ordinary verbs on roles', yaml: role('- apiGroups: ["rbac.authorization.k8s.io"]\n  resources: ["roles", "rolebindings"]\n  verbs: ["get", "create", "update"]') },
    { name: 'bind narrowed to named roles', yaml: role('- apiGroups: ["rbac.authorization.k8s.io"]\n  resources: ["clusterroles"]\n  resourceNames: ["view", "app-reader"]\n  verbs: ["bind"]', 'ClusterRole') },
    { name: 'impersonate narrowed to one service account', yaml: role('- apiGroups: [""]\n  resources: ["serviceaccounts"]\n  resourceNames: ["builder"]\n  verbs: ["impersonate"]') },
    { name: '"*" on rolebindings does not include bind', yaml: role('- apiGroups: ["rbac.authorization.k8s.io"]\n  resources: ["rolebindings", "clusterrolebindings"]\n  verbs: ["*"]') },
    { name: '"*" on pods', yaml: role('- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["*"]') },
    { name: '"*" on roles of the wrong API group', yaml: role('- apiGroups: [""]\n  resources: ["roles"]\n  verbs: ["*"]') },
    { name: '"*" on a "*" resource is left to rbac-wildcard', yaml: role('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]') },
    {
      name: 'aggregated ClusterRole without rules',
      yaml: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: agg}\naggregationRule:\n  clusterRoleSelectors: [{matchLabels: {team: a}}]\nrules: []\n',
    },
  ],
  invalid: [
    {
      name: 'each verb on its own item',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: power}
rules:
- apiGroups: ["rbac.authorization.k8s.io"]
  resources: ["clusterroles"]
  verbs: ["get", "escalate", "bind"]
#                ^^^^^^^^^^ error rbac-escalation-verbs: ClusterRole "power" grants the escalate verb, which lets it give roles permissions it does not hold itself.
#                            ^^^^^^ error rbac-escalation-verbs: ClusterRole "power" grants the bind verb, which lets it bind roles with permissions it does not hold itself.
- apiGroups: [""]
  resources: ["users", "groups"]
  verbs: [impersonate]
#         ^^^^^^^^^^^ rbac-escalation-verbs: ClusterRole "power" grants the impersonate verb, which lets it act as other users, groups or service accounts.
`,
    },
    {
      name: 'a "*" verb is reported on the resource it reaches the verbs through',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: rbac-admin, namespace: app}
rules:
- apiGroups: ["rbac.authorization.k8s.io"]
  resources: ["rolebindings", "roles"]
#                             ^^^^^^^ rbac-escalation-verbs: Role "rbac-admin" grants every verb ("*") on roles, including escalate and bind, which lets it give roles permissions it does not hold itself.
  verbs: ["*"]
- apiGroups: ["", "apps"]
  resources: ["pods", "serviceaccounts"]
#                     ^^^^^^^^^^^^^^^^^ rbac-escalation-verbs: Role "rbac-admin" grants every verb ("*") on serviceaccounts, including impersonate, which lets it act as other users, groups or service accounts.
  verbs: ["*"]
`,
    },
    {
      name: 'an explicit verb next to "*" is reported once',
      yaml: role('- apiGroups: [""]\n  resources: ["users"]\n  verbs: ["*", "impersonate"]'),
      errors: [{ line: 9, column: 16 }],
    },
    {
      name: 'resourceNames naming cluster-admin does not narrow',
      yaml: role('- apiGroups: ["rbac.authorization.k8s.io"]\n  resources: ["clusterroles"]\n  resourceNames: ["cluster-admin"]\n  verbs: ["bind"]', 'ClusterRole'),
      errors: 1,
    },
    {
      name: 'impersonating user extras and UIDs',
      yaml: role('- apiGroups: ["authentication.k8s.io"]\n  resources: ["userextras/scopes", "uids", "tokenreviews"]\n  verbs: ["*"]', 'ClusterRole'),
      errors: 2,
    },
    {
      name: 'any API group through "*"',
      yaml: role('- apiGroups: ["*"]\n  resources: ["clusterroles"]\n  verbs: ["*"]', 'ClusterRole'),
      errors: 1,
    },
    {
      name: 'an explicit verb on an unusual resource is still reported (checkov CKV_K8S_157 shape)',
      yaml: role('- apiGroups: ["rbac.authorization.k8s.io", ""]\n  resources: ["rolebindings"]\n  verbs: ["delete", "bind"]'),
      errors: 1,
    },
    {
      name: 'flow style in a kind: List',
      yaml: 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: {name: a, namespace: app}, rules: [{apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [escalate]}]}\n',
      errors: 1,
    },
  ],
});
