import rule from '../../server/src/engine/rules/apiserver-event-rate-limit';
import { ruleTester } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: "enabled", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --enable-admission-plugins=NodeRestriction,EventRateLimit\n" },
    { name: "enabled by a repeated flag", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --enable-admission-plugins=NodeRestriction\n    - --enable-admission-plugins=EventRateLimit\n" },
    { name: "the legacy list", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --admission-control=NamespaceLifecycle,EventRateLimit\n" },
    { name: "not the API server", yaml: "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    command: [nginx, --enable-admission-plugins=AlwaysAdmit]\n" },
  ],
  invalid: [
    { name: "not in the list", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --enable-admission-plugins=NodeRestriction\n", errors: [{"line": 13, "column": 34, "endColumn": 49}], output: null },
    { name: "no list", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --v=2\n", errors: [{"line": 12, "column": 7, "endColumn": 21}], output: null },
    { name: "disabled wins", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --enable-admission-plugins=EventRateLimit\n    - --disable-admission-plugins=DefaultStorageClass,EventRateLimit\n", errors: [{"line": 14, "column": 55, "endColumn": 69}], output: null },
    { name: "left out of the legacy list", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.2\n    command:\n    - kube-apiserver\n    - --admission-control=NamespaceLifecycle\n", errors: [{"line": 13, "column": 27, "endColumn": 45}], output: null },
  ],
});
