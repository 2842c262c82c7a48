import rule from '../../server/src/engine/rules/controller-manager-rotate-kubelet-server-cert';
import { ruleTester } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: "default", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-controller-manager\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-controller-manager\n    image: registry.k8s.io/kube-controller-manager:v1.30.2\n    command:\n    - kube-controller-manager\n    - --v=2\n" },
    { name: "true", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-controller-manager\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-controller-manager\n    image: registry.k8s.io/kube-controller-manager:v1.30.2\n    command:\n    - kube-controller-manager\n    - --feature-gates=RotateKubeletServerCertificate=true\n" },
  ],
  invalid: [
    { name: "false among others", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-controller-manager\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-controller-manager\n    image: registry.k8s.io/kube-controller-manager:v1.30.2\n    command:\n    - kube-controller-manager\n    - --feature-gates=Foo=true,RotateKubeletServerCertificate=false\n", errors: [{"line": 13, "column": 32, "endColumn": 68}] },
    { name: "last occurrence wins", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-controller-manager\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-controller-manager\n    image: registry.k8s.io/kube-controller-manager:v1.30.2\n    command:\n    - kube-controller-manager\n    - --feature-gates=RotateKubeletServerCertificate=true\n    - --feature-gates=RotateKubeletServerCertificate=false\n", errors: 1 },
  ],
});
