import rule from '../../server/src/engine/rules/apiserver-token-auth-file';
import { ruleTester } from '../harness/rule-tester';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
ruleTester.run(rule, {
  valid: [
    { name: "neither", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --client-ca-file=/etc/kubernetes/pki/ca.crt\n" },
    { name: "empty value", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --token-auth-file=\n" },
    { name: "kubeadm manifest", yaml: readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'control-plane', 'kube-apiserver.yaml'), 'utf8') },
  ],
  invalid: [
    { name: "both", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --token-auth-file=/etc/kubernetes/tokens.csv\n    - --basic-auth-file\n    - /etc/kubernetes/users.csv\n", errors: [{"line": 13, "column": 25, "endColumn": 51}, {"line": 15, "column": 7, "endColumn": 32}] },
  ],
});
