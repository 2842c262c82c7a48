import rule from '../../server/src/engine/rules/kubelet-protect-kernel-defaults';
import { ruleTester } from '../harness/rule-tester';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
const KUBEADM = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'control-plane', 'kubelet-config.yaml'), 'utf8');

ruleTester.run(rule, {
  valid: [
    { name: "config true", yaml: "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nprotectKernelDefaults: true\n" },
    { name: "flag true", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kubelet\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kubelet\n    image: registry.k8s.io/kubelet:v1.30.2\n    command:\n    - kubelet\n    - --protect-kernel-defaults\n" },
    { name: "flags with --config", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kubelet\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kubelet\n    image: registry.k8s.io/kubelet:v1.30.2\n    command:\n    - kubelet\n    - --config=/var/lib/kubelet/config.yaml\n" },
  ],
  invalid: [
    { name: "config false", yaml: "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nprotectKernelDefaults: false\n", errors: [{"line": 3, "column": 24, "endColumn": 29}], output: "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nprotectKernelDefaults: true\n" },
    { name: "config missing", yaml: "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\naddress: 0.0.0.0\n", errors: 1, output: "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\naddress: 0.0.0.0\nprotectKernelDefaults: true\n" },
    { name: "kubeadm config, missing", yaml: KUBEADM, errors: 1, output: `${KUBEADM}protectKernelDefaults: true\n` },
  ],
});
