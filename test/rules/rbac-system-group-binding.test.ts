import rule from '../../server/src/engine/rules/rbac-system-group-binding';
import { ruleTester } from '../harness/rule-tester';

const binding = (subjects: string, kind = 'ClusterRoleBinding') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n${subjects}\n`;

ruleTester.run(rule, {
  valid: [
    { name: 'ordinary subjects', yaml: binding('- {kind: Group, name: oncall}\n- {kind: ServiceAccount, name: app, namespace: app}') },
    { name: 'a user named like a group is not the group', yaml: binding('- {kind: User, name: "system:authenticated"}') },
    { name: 'other system groups', yaml: binding('- {kind: Group, name: "system:serviceaccounts:ci"}\n- {kind: Group, name: "system:nodes"}') },
    {
      name: 'the API server bootstrap bindings',
      yaml: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: system:public-info-viewer\n  labels: {kubernetes.io/bootstrapping: rbac-defaults}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:public-info-viewer}\nsubjects:\n- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:authenticated"}\n- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:unauthenticated"}\n',
    },
  ],
  invalid: [
    {
      name: 'each system subject on its name',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: open, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- kind: User
  name: system:anonymous
#       ^^^^^^^^^^^^^^^^ error rbac-system-group-binding: RoleBinding "open" grants Role "reader" to system:anonymous, anyone who reaches the API server without credentials.
- kind: ServiceAccount
  name: app
  namespace: app
- kind: Group
  name: "system:unauthenticated"
#       ^^^^^^^^^^^^^^^^^^^^^^^^ rbac-system-group-binding: RoleBinding "open" grants Role "reader" to system:unauthenticated, every request made without credentials.
`,
    },
    {
      name: 'every authenticated identity',
      yaml: binding('- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:authenticated"}'),
      errors: [{ line: 10, column: 60, message: 'ClusterRoleBinding "b" grants ClusterRole "view" to system:authenticated, every user and service account with any valid credential.' }],
    },
    {
      name: 'system:masters',
      yaml: binding('- kind: Group\n  name: system:masters'),
      errors: [{ line: 11, column: 9 }],
    },
    {
      name: 'inside a kind: List',
      yaml: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: rbac.authorization.k8s.io/v1\n  kind: ClusterRoleBinding\n  metadata: {name: x}\n  roleRef: {kind: ClusterRole, name: view}\n  subjects: [{kind: Group, name: "system:unauthenticated"}, {kind: Group, name: "system:authenticated"}]\n',
      errors: 2,
    },
  ],
});
