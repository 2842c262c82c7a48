import rule from '../../server/src/engine/rules/ingress-nginx-snippet';
import { ruleTester } from '../harness/rule-tester';

const ingress = (annotations: string, kind = 'Ingress') =>
  `apiVersion: networking.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: web\n  annotations:\n${annotations}\nspec:\n  tls: [{hosts: [example.com], secretName: web-tls}]\n`;

ruleTester.run(rule, {
  valid: [
    { name: 'ordinary ingress-nginx annotations', yaml: ingress('    nginx.ingress.kubernetes.io/rewrite-target: /\n    nginx.ingress.kubernetes.io/ssl-redirect: "true"') },
    { name: 'an empty snippet injects nothing', yaml: ingress('    nginx.ingress.kubernetes.io/configuration-snippet: ""') },
    { name: 'another controller\'s annotation', yaml: ingress('    nginx.org/server-snippets: |\n      location /x { return 404; }') },
    { name: 'not on an Ingress', yaml: ingress('    nginx.ingress.kubernetes.io/server-snippet: "return 200;"', 'ConfigMap') },
    { name: 'no annotations', yaml: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec: {}\n' },
  ],
  invalid: [
    {
      name: 'configuration and server snippets, on their keys',
      yaml: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    nginx.ingress.kubernetes.io/configuration-snippet: |
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning ingress-nginx-snippet: Ingress "web" injects raw nginx configuration through the configuration-snippet annotation, which can expose every Secret the controller reads.
      more_set_headers "X-Frame-Options: DENY";
    nginx.ingress.kubernetes.io/server-snippet: "location /metrics { deny all; }"
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ ingress-nginx-snippet: Ingress "web" injects raw nginx configuration through the server-snippet annotation, which can expose every Secret the controller reads.
spec:
  tls: [{hosts: [example.com], secretName: web-tls}]
`,
    },
    { name: 'auth-snippet', yaml: ingress('    nginx.ingress.kubernetes.io/auth-snippet: "proxy_set_header Foo-Header 42;"'), errors: 1 },
    { name: 'modsecurity-snippet', yaml: ingress('    nginx.ingress.kubernetes.io/modsecurity-snippet: |\n      SecRuleEngine Off'), errors: 1 },
    {
      name: 'flow style in a kind: List',
      yaml: 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: networking.k8s.io/v1, kind: Ingress, metadata: {name: a, annotations: {nginx.ingress.kubernetes.io/server-snippet: "return 200;"}}}\n',
      errors: 1,
    },
  ],
});
