import rule from '../../server/src/engine/rules/rbac-default-service-account-binding';
import { ruleTester } from '../harness/rule-tester';

const binding = (kind: string, subjects: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata: {name: b, namespace: shop}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}\nsubjects:\n${subjects}`;

ruleTester.run(rule, {
  valid: [
    { name: 'a dedicated ServiceAccount', yaml: binding('RoleBinding', '- kind: ServiceAccount\n  name: web\n  namespace: shop\n') },
    { name: 'a user called default', yaml: binding('RoleBinding', '- kind: User\n  name: default\n  apiGroup: rbac.authorization.k8s.io\n') },
    { name: 'not a binding', yaml: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default}\n' },
  ],
  invalid: [
    { name: 'RoleBinding', yaml: binding('RoleBinding', '- kind: ServiceAccount\n  name: default\n  namespace: shop\n'), errors: [{ line: 7, column: 9, endColumn: 16 }] },
    { name: 'ClusterRoleBinding, two namespaces', yaml: binding('ClusterRoleBinding', '- kind: ServiceAccount\n  name: default\n  namespace: a\n- kind: ServiceAccount\n  name: default\n  namespace: b\n'), errors: 2 },
  ],
});
