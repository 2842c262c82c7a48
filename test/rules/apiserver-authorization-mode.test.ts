import rule from '../../server/src/engine/rules/apiserver-authorization-mode';
import { ruleTester } from '../harness/rule-tester';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
ruleTester.run(rule, {
  valid: [
    { name: "Node and RBAC", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --authorization-mode=Node,RBAC\n" },
    { name: "repeated flags accumulate", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --authorization-mode=Node\n    - --authorization-mode=RBAC\n" },
    { name: "the --flag value form", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --authorization-mode\n    - Node,RBAC\n" },
    { name: "structured authorization config", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --authorization-config=/etc/kubernetes/authz.yaml\n" },
    { name: "kubeadm manifest", yaml: readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'control-plane', 'kube-apiserver.yaml'), 'utf8') },
  ],
  invalid: [
    { name: "missing: AlwaysAllow by default", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --v=2\n", errors: [{"line": 12, "column": 7, "endColumn": 21}] },
    { name: "AlwaysAllow listed, Node missing", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --authorization-mode=RBAC,AlwaysAllow\n", errors: 2 },
    { name: "RBAC missing, two-item form", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --authorization-mode\n    - Node\n", errors: [{"line": 14, "column": 7, "endColumn": 11}] },
    { name: "RBAC missing across repeats", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --authorization-mode=Node\n    - --authorization-mode=Webhook\n", errors: 1 },
  ],
});
