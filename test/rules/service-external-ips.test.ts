import rule from '../../server/src/engine/rules/service-external-ips';
import { ruleTester } from '../harness/rule-tester';

const service = (spec: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n${spec}\n`;

ruleTester.run(rule, {
  valid: [
    { name: 'no externalIPs', yaml: service('  ports: [{port: 80}]') },
    { name: 'an empty list', yaml: service('  externalIPs: []') },
    { name: 'a LoadBalancer address is the provider\'s', yaml: service('  type: LoadBalancer\n  loadBalancerIP: 203.0.113.7') },
  ],
  invalid: [
    {
      name: 'on the externalIPs key',
      yaml: `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  ports: [{port: 80}]
  externalIPs:
# ^^^^^^^^^^^ warning service-external-ips: Service "web" claims external IPs (203.0.113.10 and 8.8.8.8), which lets it capture traffic meant for those addresses.
  - 203.0.113.10
  - 8.8.8.8
`,
    },
    {
      name: 'many addresses are summarised, flow style',
      yaml: service('  externalIPs: [10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.4]'),
      errors: [{ line: 6, column: 3, message: 'Service "web" claims external IPs (10.0.0.1, 10.0.0.2 and 2 more), which lets it capture traffic meant for those addresses.' }],
    },
    {
      name: 'inside a kind: List',
      yaml: 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Service, metadata: {name: a}, spec: {externalIPs: ["1.2.3.4"]}}\n',
      errors: 1,
    },
  ],
});
