import rule from '../../server/src/engine/rules/kubelet-anonymous-auth';
import { ruleTester } from '../harness/rule-tester';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
const KUBEADM = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'control-plane', 'kubelet-config.yaml'), 'utf8');

ruleTester.run(rule, {
  valid: [
    { name: "config default is false", yaml: "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication: {}\n" },
    { name: "flag false", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kubelet\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kubelet\n    image: registry.k8s.io/kubelet:v1.30.2\n    command:\n    - kubelet\n    - --anonymous-auth=false\n" },
    { name: "flags with --config: the file decides", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kubelet\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kubelet\n    image: registry.k8s.io/kubelet:v1.30.2\n    command:\n    - kubelet\n    - --config=/var/lib/kubelet/config.yaml\n" },
    { name: "kubeadm config", yaml: KUBEADM },
  ],
  invalid: [
    { name: "config true", yaml: "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication:\n  anonymous:\n    enabled: true\n", errors: [{"line": 5, "column": 14, "endColumn": 18}], output: "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication:\n  anonymous:\n    enabled: false\n" },
    { name: "flag default is true", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kubelet\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kubelet\n    image: registry.k8s.io/kubelet:v1.30.2\n    command:\n    - kubelet\n    - --v=2\n", errors: [{"line": 12, "column": 7, "endColumn": 14}], output: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kubelet\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kubelet\n    image: registry.k8s.io/kubelet:v1.30.2\n    command:\n    - kubelet\n    - --v=2\n    - \"--anonymous-auth=false\"\n" },
  ],
});
