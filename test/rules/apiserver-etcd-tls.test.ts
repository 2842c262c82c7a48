import rule from '../../server/src/engine/rules/apiserver-etcd-tls';
import { ruleTester } from '../harness/rule-tester';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
ruleTester.run(rule, {
  valid: [
    { name: "full TLS", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --etcd-servers=https://127.0.0.1:2379\n    - --etcd-cafile=/pki/ca.crt\n    - --etcd-certfile=/pki/c.crt\n    - --etcd-keyfile=/pki/c.key\n" },
    { name: "kubeadm manifest", yaml: readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'control-plane', 'kube-apiserver.yaml'), 'utf8') },
  ],
  invalid: [
    { name: "plain HTTP server in the list", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --etcd-servers=https://10.0.0.1:2379,http://10.0.0.2:2379\n    - --etcd-cafile=/pki/ca.crt\n    - --etcd-certfile=/pki/c.crt\n    - --etcd-keyfile=/pki/c.key\n", errors: [{"line": 13, "column": 44, "endColumn": 64}] },
    { name: "missing CA", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --etcd-servers=https://127.0.0.1:2379\n    - --etcd-certfile=/pki/c.crt\n    - --etcd-keyfile=/pki/c.key\n", errors: 1 },
    { name: "nothing set", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --v=2\n", errors: 1 },
  ],
});
