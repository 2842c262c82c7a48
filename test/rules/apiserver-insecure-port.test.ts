import rule from '../../server/src/engine/rules/apiserver-insecure-port';
import { ruleTester } from '../harness/rule-tester';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
ruleTester.run(rule, {
  valid: [
    { name: "insecure port 0", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --insecure-port=0\n    - --insecure-bind-address=127.0.0.1\n" },
    { name: "missing: 0 since 1.20", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --secure-port=6443\n" },
    { name: "kubeadm manifest", yaml: readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'control-plane', 'kube-apiserver.yaml'), 'utf8') },
  ],
  invalid: [
    { name: "all three", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --insecure-port=8080\n    - --insecure-bind-address=0.0.0.0\n    - --secure-port=0\n", errors: [{"line": 13, "column": 23, "endColumn": 27}, {"line": 14, "column": 31, "endColumn": 38}, {"line": 15, "column": 21, "endColumn": 22}] },
    { name: "port only", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --insecure-port\n    - \"8080\"\n", errors: 1 },
  ],
});
