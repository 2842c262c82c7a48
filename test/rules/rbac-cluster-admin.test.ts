import rule from '../../server/src/engine/rules/rbac-cluster-admin';
import { ruleTester } from '../harness/rule-tester';

const binding = (kind: string, roleRef: string, subjects = '- {kind: ServiceAccount, name: deployer, namespace: ci}') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: b\n  namespace: app\nroleRef:\n${roleRef}\nsubjects:\n${subjects}\n`;

ruleTester.run(rule, {
  valid: [
    { name: 'the admin ClusterRole', yaml: binding('ClusterRoleBinding', '  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: admin') },
    { name: 'a namespaced Role that happens to be called cluster-admin', yaml: binding('RoleBinding', '  kind: Role\n  name: cluster-admin') },
    {
      name: 'the API server bootstrap binding',
      yaml: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: cluster-admin\n  labels: {kubernetes.io/bootstrapping: rbac-defaults}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects:\n- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:masters"}\n',
    },
    { name: 'the ClusterRole itself is not a binding', yaml: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: cluster-admin}\nrules: []\n' },
  ],
  invalid: [
    {
      name: 'a ClusterRoleBinding, on the role name',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ci}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
#       ^^^^^^^^^^^^^ error rbac-cluster-admin: ClusterRoleBinding "ci" grants cluster-admin, full control of the whole cluster, to ServiceAccount "ci/deployer".
subjects:
- kind: ServiceAccount
  name: deployer
  namespace: ci
`,
    },
    {
      name: 'a RoleBinding to the ClusterRole',
      yaml: binding('RoleBinding', '  kind: ClusterRole\n  name: "cluster-admin"', '- {kind: User, name: alice}\n- {kind: Group, name: ops}'),
      errors: [{ line: 8, column: 9, message: 'RoleBinding "b" grants cluster-admin, full control of its namespace, to User "alice" and Group "ops".' }],
    },
    {
      name: 'many subjects are summarised',
      yaml: binding('ClusterRoleBinding', '  kind: ClusterRole\n  name: cluster-admin', '- {kind: User, name: a}\n- {kind: User, name: b}\n- {kind: User, name: c}\n- {kind: User, name: d}'),
      errors: [{ line: 8, column: 9, message: 'ClusterRoleBinding "b" grants cluster-admin, full control of the whole cluster, to User "a", User "b" and 2 more subjects.' }],
    },
    {
      name: 'no subjects yet, flow style',
      yaml: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: x}\nroleRef: {kind: ClusterRole, name: cluster-admin}\n',
      errors: [{ line: 4, column: 36, message: 'ClusterRoleBinding "x" grants cluster-admin, full control of the whole cluster.' }],
    },
    {
      name: 'inside a kind: List',
      yaml: `apiVersion: v1\nkind: List\nitems:\n- apiVersion: rbac.authorization.k8s.io/v1\n  kind: ClusterRoleBinding\n  metadata: {name: x}\n  roleRef: {kind: ClusterRole, name: cluster-admin}\n  subjects: [{kind: User, name: bob}]\n`,
      errors: 1,
    },
  ],
});
