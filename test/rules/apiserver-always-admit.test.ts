import rule from '../../server/src/engine/rules/apiserver-always-admit';
import { ruleTester } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: "not listed", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --enable-admission-plugins=NodeRestriction\n" },
    { name: "listed and disabled", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --enable-admission-plugins=AlwaysAdmit\n    - --disable-admission-plugins=AlwaysAdmit\n" },
    { name: "not the API server", yaml: "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    command: [nginx, --enable-admission-plugins=AlwaysAdmit]\n" },
  ],
  invalid: [
    { name: "enabled", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --enable-admission-plugins=AlwaysAdmit,NodeRestriction\n", errors: [{"line": 13, "column": 34, "endColumn": 45}] },
    { name: "in the legacy list", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --admission-control=AlwaysAdmit\n", errors: [{"line": 13, "column": 27, "endColumn": 38}] },
    { name: "in a Deployment of the API server", yaml: "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers:\n      - name: kube-apiserver\n        image: registry.k8s.io/kube-apiserver:v1.30.2\n        args: [--enable-admission-plugins=AlwaysAdmit]\n", errors: 1 },
  ],
});
