import rule from '../../server/src/engine/rules/rbac-pod-exec';
import { ruleTester } from '../harness/rule-tester';

const role = (rules: string, kind = 'Role') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: r\n  namespace: app\nrules:\n${rules}\n`;

ruleTester.run(rule, {
  valid: [
    { name: 'logs and pods', yaml: role('- apiGroups: [""]\n  resources: ["pods", "pods/log"]\n  verbs: ["get", "list", "create"]') },
    { name: 'list on pods/exec grants nothing', yaml: role('- apiGroups: [""]\n  resources: ["pods/exec", "pods/attach"]\n  verbs: ["list", "watch"]') },
    { name: 'another API group', yaml: role('- apiGroups: ["apps"]\n  resources: ["pods/exec"]\n  verbs: ["create"]') },
    { name: 'a "*" resource is left to rbac-wildcard', yaml: role('- apiGroups: [""]\n  resources: ["*"]\n  verbs: ["create"]') },
    { name: 'get on ephemeral containers only reads them', yaml: role('- apiGroups: [""]\n  resources: ["pods/ephemeralcontainers"]\n  verbs: ["get"]') },
    {
      name: 'aggregated ClusterRole without rules',
      yaml: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: agg}\naggregationRule:\n  clusterRoleSelectors: [{matchLabels: {team: a}}]\n',
    },
  ],
  invalid: [
    {
      name: 'exec, attach and port-forward, each on its item',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: debugger, namespace: app}
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get"]
- apiGroups: [""]
  resources: ["pods/exec", "pods/attach", "pods/portforward"]
#             ^^^^^^^^^^^ warning rbac-pod-exec: Role "debugger" can run commands in pods (create on pods/exec).
#                          ^^^^^^^^^^^^^ rbac-pod-exec: Role "debugger" can attach to the processes of running pods (create on pods/attach).
#                                         ^^^^^^^^^^^^^^^^^^ rbac-pod-exec: Role "debugger" can open connections to any port of pods (create on pods/portforward).
  verbs: ["create"]
`,
    },
    {
      name: 'get opens a WebSocket exec',
      yaml: role('- apiGroups: ["*"]\n  resources: ["pods/exec"]\n  verbs: ["get"]', 'ClusterRole'),
      errors: [{ line: 8, column: 15, message: 'ClusterRole "r" can run commands in pods (get on pods/exec).' }],
    },
    {
      name: 'a "*" verb and a "*/exec" resource',
      yaml: role('- apiGroups: [""]\n  resources: ["*/exec"]\n  verbs: ["*"]'),
      errors: [{ line: 8, column: 15, message: 'Role "r" can run commands in pods (every verb on pods/exec).' }],
    },
    {
      name: 'ephemeral debug containers',
      yaml: role('- apiGroups: [""]\n  resources: ["pods/ephemeralcontainers"]\n  verbs: ["patch"]'),
      errors: 1,
    },
    {
      name: 'resourceNames still hands over the named pods',
      yaml: role('- apiGroups: [""]\n  resources: ["pods/exec"]\n  resourceNames: ["db-0"]\n  verbs: ["create"]'),
      errors: 1,
    },
    {
      name: 'flow style, in a kind: List',
      yaml: 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: a}, rules: [{apiGroups: [""], resources: [pods/attach], verbs: [create]}]}\n',
      errors: 1,
    },
  ],
});
