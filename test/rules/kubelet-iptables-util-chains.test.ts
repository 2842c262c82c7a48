import rule from '../../server/src/engine/rules/kubelet-iptables-util-chains';
import { ruleTester } from '../harness/rule-tester';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
const KUBEADM = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'control-plane', 'kubelet-config.yaml'), 'utf8');

ruleTester.run(rule, {
  valid: [
    { name: "config default true", yaml: "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\naddress: 0.0.0.0\n" },
    { name: "flag true", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kubelet\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kubelet\n    image: registry.k8s.io/kubelet:v1.30.2\n    command:\n    - kubelet\n    - --make-iptables-util-chains=true\n" },
    { name: "kubeadm config", yaml: KUBEADM },
  ],
  invalid: [
    { name: "config false", yaml: "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nmakeIPTablesUtilChains: false\n", errors: [{"line": 3, "column": 25, "endColumn": 30}], output: "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nmakeIPTablesUtilChains: true\n" },
    { name: "flag false", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kubelet\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kubelet\n    image: registry.k8s.io/kubelet:v1.30.2\n    command:\n    - kubelet\n    - --make-iptables-util-chains=false\n", errors: 1, output: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kubelet\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kubelet\n    image: registry.k8s.io/kubelet:v1.30.2\n    command:\n    - kubelet\n    - --make-iptables-util-chains=true\n" },
  ],
});
