import rule from '../../server/src/engine/rules/default-namespace';
import { ruleTester } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'another namespace', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: shop\n' },
    { name: 'no namespace: deployed where the user points it', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n' },
    { name: 'a namespace called default-apps', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default-apps}\n' },
    { name: 'the kubernetes Service lives only there', yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: kubernetes, namespace: default}\nspec: {ports: [{port: 443}]}\n' },
    { name: 'the default ServiceAccount', yaml: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, namespace: default}\nautomountServiceAccountToken: false\n' },
  ],
  invalid: [
    {
      name: 'explicit default, on the value',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default # TODO
#            ^^^^^^^ info default-namespace: Deployment "web" is placed in the default namespace.
spec:
  template:
    spec:
      containers: [{name: app, image: nginx:1.27}]
`,
    },
    {
      name: 'quoted, flow style',
      yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: "default"}\n',
      errors: [{ line: 3, column: 32, endColumn: 41 }],
    },
    {
      name: 'every item of a kind: List',
      yaml: 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Secret, metadata: {name: a, namespace: default}}\n- {apiVersion: rbac.authorization.k8s.io/v1, kind: Role, metadata: {name: b, namespace: default}}\n',
      errors: 2,
    },
    {
      name: 'a ServiceAccount other than default',
      yaml: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app, namespace: default}\n',
      errors: 1,
    },
  ],
});
