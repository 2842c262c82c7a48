import rule from '../../server/src/engine/rules/rbac-workload-create';
import { ruleTester } from '../harness/rule-tester';

const role = (rules: string, kind = 'Role') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: r\n  namespace: app\nrules:\n${rules}\n`;

ruleTester.run(rule, {
  valid: [
    { name: 'read only', yaml: role('- apiGroups: ["", "apps", "batch"]\n  resources: ["pods", "deployments", "jobs"]\n  verbs: ["get", "list", "watch", "delete"]') },
    { name: 'pods are not in the apps group', yaml: role('- apiGroups: ["apps"]\n  resources: ["pods"]\n  verbs: ["create"]') },
    { name: 'deployments are not in the core group', yaml: role('- apiGroups: [""]\n  resources: ["deployments"]\n  verbs: ["create"]') },
    { name: 'create cannot be narrowed by resourceNames, so it grants nothing', yaml: role('- apiGroups: [""]\n  resources: ["pods"]\n  resourceNames: ["p"]\n  verbs: ["create"]') },
    { name: 'subresources are not the workload', yaml: role('- apiGroups: ["apps"]\n  resources: ["deployments/scale", "deployments/status"]\n  verbs: ["patch"]') },
    { name: 'a "*" resource is left to rbac-wildcard', yaml: role('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["create"]') },
  ],
  invalid: [
    {
      name: 'pods and controllers, each on its item',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: deployer, namespace: app}
rules:
- apiGroups: [""]
  resources: ["pods"]
#             ^^^^^^ info rbac-workload-create: Role "deployer" can create pods, and so run any image with any service account of its namespace.
  verbs: ["create"]
- apiGroups: ["apps", "batch"]
  resources: ["deployments", "cronjobs"]
#             ^^^^^^^^^^^^^ rbac-workload-create: Role "deployer" can update and patch deployments, and so run any image with any service account of its namespace.
#                            ^^^^^^^^^^ rbac-workload-create: Role "deployer" can update and patch cronjobs, and so run any image with any service account of its namespace.
  verbs: ["get", "update", "patch"]
`,
    },
    {
      name: 'a "*" verb',
      yaml: role('- apiGroups: ["batch"]\n  resources: ["jobs"]\n  verbs: ["*"]'),
      errors: [{ line: 8, column: 15, message: 'Role "r" can create and change jobs, and so run any image with any service account of its namespace.' }],
    },
    {
      name: 'the legacy extensions group',
      yaml: role('- apiGroups: ["extensions"]\n  resources: ["daemonsets"]\n  verbs: ["create"]'),
      errors: 1,
    },
    {
      name: 'update through resourceNames still changes the pod template',
      yaml: role('- apiGroups: ["apps"]\n  resources: ["deployments"]\n  resourceNames: ["web"]\n  verbs: ["create", "patch"]'),
      errors: [{ line: 8, column: 15, message: 'Role "r" can patch deployments, and so run any image with any service account of its namespace.' }],
    },
    {
      name: 'kube-linter access-to-create-pods shape, flow style in a List',
      yaml: 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: {name: role1}, rules: [{apiGroups: [""], resources: [pods], verbs: [create]}]}\n',
      errors: 1,
    },
  ],
});
