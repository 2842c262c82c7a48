import rule from '../../server/src/engine/rules/apiserver-service-account-key-file';
import { ruleTester } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: "all set", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --service-account-key-file=/etc/kubernetes/pki/x-0\n" },
    { name: "the --flag value form", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --service-account-key-file\n    - /etc/kubernetes/pki/x-0\n" },
    { name: "in args", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    args:\n    - --service-account-key-file=/etc/kubernetes/pki/x-0\n" },
    { name: "not a control-plane container", yaml: "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    command: [nginx, --profiling=true]\n" },
  ],
  invalid: [
    { name: "missing", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --v=2\n", errors: [{"line": 12, "column": 7, "endColumn": 21}] },
    { name: "an empty value sets nothing", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --service-account-key-file=\n", errors: [{"line": 12, "column": 7, "endColumn": 21}] },
    { name: "in a Deployment, known by its image", yaml: "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: cp}\nspec:\n  template:\n    spec:\n      containers:\n      - name: main\n        image: registry.k8s.io/kube-apiserver:v1.30.2\n        args: [--v=2]\n", errors: [{"line": 8, "column": 9, "endColumn": 19}] },
  ],
});
