import rule from '../../server/src/engine/rules/scheduler-bind-address';
import { ruleTester } from '../harness/rule-tester';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
ruleTester.run(rule, {
  valid: [
    { name: "loopback", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-scheduler\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-scheduler\n    image: registry.k8s.io/kube-scheduler:v1.30.2\n    command:\n    - kube-scheduler\n    - --bind-address=127.0.0.1\n" },
    { name: "IPv6 loopback", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-scheduler\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-scheduler\n    image: registry.k8s.io/kube-scheduler:v1.30.2\n    command:\n    - kube-scheduler\n    - --bind-address=::1\n" },
    { name: "kubeadm manifest", yaml: readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'control-plane', 'kube-scheduler.yaml'), 'utf8') },
  ],
  invalid: [
    { name: "all interfaces", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-scheduler\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-scheduler\n    image: registry.k8s.io/kube-scheduler:v1.30.2\n    command:\n    - kube-scheduler\n    - --bind-address=0.0.0.0\n", errors: [{"line": 13, "column": 22, "endColumn": 29}], output: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-scheduler\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-scheduler\n    image: registry.k8s.io/kube-scheduler:v1.30.2\n    command:\n    - kube-scheduler\n    - --bind-address=127.0.0.1\n" },
    { name: "missing", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-scheduler\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-scheduler\n    image: registry.k8s.io/kube-scheduler:v1.30.2\n    command:\n    - kube-scheduler\n    - --v=2\n", errors: [{"line": 12, "column": 7, "endColumn": 21}], output: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-scheduler\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-scheduler\n    image: registry.k8s.io/kube-scheduler:v1.30.2\n    command:\n    - kube-scheduler\n    - --v=2\n    - \"--bind-address=127.0.0.1\"\n" },
  ],
});
