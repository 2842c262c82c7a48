import rule from '../../server/src/engine/rules/rbac-nodes-proxy';
import { ruleTester } from '../harness/rule-tester';

const role = (rules: string, kind = 'ClusterRole') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: r\nrules:\n${rules}\n`;

ruleTester.run(rule, {
  valid: [
    { name: 'metrics and stats', yaml: role('- apiGroups: [""]\n  resources: ["nodes", "nodes/metrics", "nodes/stats"]\n  verbs: ["get", "list"]') },
    { name: 'another API group', yaml: role('- apiGroups: ["metrics.k8s.io"]\n  resources: ["nodes/proxy"]\n  verbs: ["get"]') },
    { name: 'no verbs grant nothing', yaml: role('- apiGroups: [""]\n  resources: ["nodes/proxy"]\n  verbs: []') },
    { name: 'a "*" resource is left to rbac-wildcard', yaml: role('- apiGroups: [""]\n  resources: ["*"]\n  verbs: ["get"]') },
  ],
  invalid: [
    {
      name: 'get is enough',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: scraper}
rules:
- apiGroups: [""]
  resources: ["nodes", "nodes/proxy"]
#                      ^^^^^^^^^^^^^ error rbac-nodes-proxy: ClusterRole "scraper" grants get and list on nodes/proxy, which reaches the kubelet API and can run commands in any pod of a node.
  verbs: ["get", "list"]
`,
    },
    {
      name: '"*/proxy" with resourceNames, in the second rule',
      yaml: role('- apiGroups: [""]\n  resources: ["pods"]\n  verbs: ["get"]\n- apiGroups: ["*"]\n  resources: ["*/proxy"]\n  resourceNames: ["node-1"]\n  verbs: ["*"]'),
      errors: [{ line: 10, column: 15, message: 'ClusterRole "r" grants every verb on */proxy, which reaches the kubelet API and can run commands in any pod of a node.' }],
    },
    {
      name: 'flow style in a kind: List',
      yaml: 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: {name: a}, rules: [{apiGroups: [""], resources: [nodes/proxy], verbs: [create]}]}\n',
      errors: 1,
    },
  ],
});
