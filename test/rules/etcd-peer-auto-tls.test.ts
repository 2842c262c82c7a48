import rule from '../../server/src/engine/rules/etcd-peer-auto-tls';
import { ruleTester } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: "the required value", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.12-0\n    command:\n    - etcd\n    - --peer-auto-tls=false\n" },
    { name: "repeated: the last one wins", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.12-0\n    command:\n    - etcd\n    - --peer-auto-tls=true\n    - --peer-auto-tls=false\n" },
    { name: "in args, after the binary in command", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.12-0\n    command:\n    - etcd\n    args:\n    - --peer-auto-tls=false\n" },
    { name: "not a control-plane container", yaml: "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    command: [nginx, --peer-auto-tls=true]\n" },
    { name: "a wrapper script hides the flags", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.12-0\n    command:\n    - sh\n    - -c\n    - exec etcd --peer-auto-tls=true\n" },
    { name: "the default", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.12-0\n    command:\n    - etcd\n    - --v=2\n" },
    { name: "etcd takes single-dash flags", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.12-0\n    command:\n    - etcd\n    - -peer-auto-tls=false\n" },
  ],
  invalid: [
    { name: "the wrong value", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.12-0\n    command:\n    - etcd\n    - --peer-auto-tls=true\n", errors: [{"line": 13, "column": 23, "endColumn": 27}], output: null },
    { name: "Go boolean spellings", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.12-0\n    command:\n    - etcd\n    - --peer-auto-tls=True\n", errors: [{"line": 13, "column": 23, "endColumn": 27}], output: null },
    { name: "repeated: the last wrong one wins", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.12-0\n    command:\n    - etcd\n    - --peer-auto-tls=false\n    - --peer-auto-tls=true\n", errors: [{"line": 14, "column": 23, "endColumn": 27}], output: null },
    { name: "a bare boolean flag does not take the next item", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.12-0\n    command:\n    - etcd\n    - --peer-auto-tls\n    - false\n", errors: [{"line": 13, "column": 7, "endColumn": 22}], output: null },
    { name: "single-dash form", yaml: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: etcd\n  namespace: kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: etcd\n    image: registry.k8s.io/etcd:3.5.12-0\n    command:\n    - etcd\n    - -peer-auto-tls=true\n", errors: [{"line": 13, "column": 22, "endColumn": 26}], output: null },
  ],
});
