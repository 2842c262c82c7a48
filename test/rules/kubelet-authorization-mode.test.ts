import rule from '../../server/src/engine/rules/kubelet-authorization-mode';
import { ruleTester } from '../harness/rule-tester';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
const KUBEADM = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'control-plane', 'kubelet-config.yaml'), 'utf8');

ruleTester.run(rule, {
  valid: [
    { name: "config default is Webhook", yaml: "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthorization: {}\n" },
    { name: "flag Webhook", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kubelet\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kubelet\n    image: registry.k8s.io/kubelet:v1.30.2\n    command:\n    - kubelet\n    - --authorization-mode=Webhook\n" },
    { name: "kubeadm config", yaml: KUBEADM },
  ],
  invalid: [
    { name: "config AlwaysAllow", yaml: "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthorization:\n  mode: AlwaysAllow\n", errors: [{"line": 4, "column": 9, "endColumn": 20}] },
    { name: "flag default is AlwaysAllow", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kubelet\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kubelet\n    image: registry.k8s.io/kubelet:v1.30.2\n    command:\n    - kubelet\n    - --v=2\n", errors: 1 },
  ],
});
