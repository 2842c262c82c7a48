import rule from '../../server/src/engine/rules/rbac-webhook-config';
import { ruleTester } from '../harness/rule-tester';

const role = (rules: string, kind = 'ClusterRole') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: r\nrules:\n${rules}\n`;

ruleTester.run(rule, {
  valid: [
    { name: 'read only (checkov clusterrole-passed-2 shape)', yaml: role('- apiGroups: ["*"]\n  resources: ["validatingwebhookconfigurations"]\n  verbs: ["get", "list", "watch"]') },
    { name: 'a "*" resource is left to rbac-wildcard', yaml: role('- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["create"]') },
    { name: 'narrowed to the operator\'s own webhook', yaml: role('- apiGroups: ["admissionregistration.k8s.io"]\n  resources: ["mutatingwebhookconfigurations"]\n  resourceNames: ["my-operator"]\n  verbs: ["get", "update", "patch"]') },
    { name: 'another API group', yaml: role('- apiGroups: [""]\n  resources: ["mutatingwebhookconfigurations"]\n  verbs: ["create"]') },
  ],
  invalid: [
    {
      name: 'create on mutating webhooks, in the first of several rules',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: hooks}
rules:
- apiGroups: ["admissionregistration.k8s.io"]
  resources: ["mutatingwebhookconfigurations"]
#             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning rbac-webhook-config: ClusterRole "hooks" can change admission webhooks (create on mutatingwebhookconfigurations), and so intercept or rewrite objects as they are created.
  verbs: ["create", "list"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get"]
`,
    },
    {
      name: 'every verb on both kinds',
      yaml: role('- apiGroups: ["*"]\n  resources: [validatingwebhookconfigurations, mutatingwebhookconfigurations]\n  verbs: ["*"]'),
      errors: 2,
    },
    {
      name: 'delete in a Role, flow style in a kind: List',
      yaml: 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: {name: a}, rules: [{apiGroups: [admissionregistration.k8s.io], resources: [validatingwebhookconfigurations], verbs: [delete]}]}\n',
      errors: 1,
    },
  ],
});
