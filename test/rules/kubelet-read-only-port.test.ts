import rule from '../../server/src/engine/rules/kubelet-read-only-port';
import { ruleTester } from '../harness/rule-tester';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
const KUBEADM = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'control-plane', 'kubelet-config.yaml'), 'utf8');

ruleTester.run(rule, {
  valid: [
    { name: "config default is 0", yaml: "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\naddress: 0.0.0.0\n" },
    { name: "flag 0", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kubelet\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kubelet\n    image: registry.k8s.io/kubelet:v1.30.2\n    command:\n    - kubelet\n    - --read-only-port=0\n" },
    { name: "kubeadm config", yaml: KUBEADM },
  ],
  invalid: [
    { name: "config 10255", yaml: "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nreadOnlyPort: 10255\n", errors: [{"line": 3, "column": 15, "endColumn": 20}], output: "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nreadOnlyPort: 0\n" },
    { name: "flag default is 10255", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kubelet\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kubelet\n    image: registry.k8s.io/kubelet:v1.30.2\n    command:\n    - kubelet\n    - --v=2\n", errors: [{"line": 12, "column": 7, "endColumn": 14}], output: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kubelet\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kubelet\n    image: registry.k8s.io/kubelet:v1.30.2\n    command:\n    - kubelet\n    - --v=2\n    - \"--read-only-port=0\"\n" },
    { name: "flag set", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kubelet\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kubelet\n    image: registry.k8s.io/kubelet:v1.30.2\n    command:\n    - kubelet\n    - --read-only-port=10255\n", errors: 1, output: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kubelet\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kubelet\n    image: registry.k8s.io/kubelet:v1.30.2\n    command:\n    - kubelet\n    - --read-only-port=0\n" },
  ],
});
