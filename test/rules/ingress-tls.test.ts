import rule from '../../server/src/engine/rules/ingress-tls';
import { ruleTester } from '../harness/rule-tester';

const ingress = (spec: string, apiVersion = 'networking.k8s.io/v1', annotations = '') =>
  `apiVersion: ${apiVersion}\nkind: Ingress\nmetadata:\n  name: web\n${annotations}spec:\n${spec}\n`;
const RULES = '  rules:\n  - host: example.com\n    http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}';

ruleTester.run(rule, {
  valid: [
    { name: 'tls set', yaml: ingress(`  tls:\n  - hosts: [example.com]\n    secretName: web-tls\n${RULES}`) },
    { name: 'tls in flow style', yaml: ingress(`  tls: [{hosts: [example.com]}]\n${RULES}`) },
    { name: 'AWS ALB certificate annotation', yaml: ingress(RULES, 'networking.k8s.io/v1', '  annotations:\n    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:123456789012:certificate/abc\n') },
    { name: 'GKE managed certificate', yaml: ingress(RULES, 'networking.k8s.io/v1', '  annotations:\n    networking.gke.io/managed-certificates: web-cert\n') },
    { name: 'not an Ingress', yaml: 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n' },
  ],
  invalid: [
    {
      name: 'no tls, on the name',
      yaml: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: minimal-ingress
#       ^^^^^^^^^^^^^^^ warning ingress-tls: Ingress "minimal-ingress" has no TLS section, so it serves plain HTTP.
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /
spec:
  rules:
  - http:
      paths:
      - {path: /testpath, pathType: Prefix, backend: {service: {name: test, port: {number: 80}}}}
`,
    },
    { name: 'an empty tls list', yaml: ingress(`  tls: []\n${RULES}`), errors: 1 },
    { name: 'an empty certificate annotation does not count', yaml: ingress(RULES, 'networking.k8s.io/v1', '  annotations:\n    networking.gke.io/managed-certificates: ""\n'), errors: 1 },
    { name: 'extensions/v1beta1', yaml: ingress('  backend: {serviceName: web, servicePort: 80}', 'extensions/v1beta1'), errors: 1 },
    { name: 'networking.k8s.io/v1beta1', yaml: ingress(RULES, 'networking.k8s.io/v1beta1'), errors: 1 },
    {
      name: 'unnamed, in a kind: List, flow style',
      yaml: 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: networking.k8s.io/v1, kind: Ingress, spec: {defaultBackend: {service: {name: web, port: {number: 80}}}}}\n',
      errors: [{ line: 4, column: 44, message: 'Ingress (unnamed) has no TLS section, so it serves plain HTTP.' }],
    },
  ],
});
