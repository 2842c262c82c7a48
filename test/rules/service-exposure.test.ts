import rule from '../../server/src/engine/rules/service-exposure';
import { ruleTester } from '../harness/rule-tester';

const service = (spec: string, name = 'web') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n${spec}\n`;

ruleTester.run(rule, {
  valid: [
    { name: 'ClusterIP', yaml: service('  type: ClusterIP\n  ports: [{port: 80}]') },
    { name: 'no type means ClusterIP', yaml: service('  selector: {app: web}\n  ports: [{port: 80}]') },
    { name: 'ExternalName', yaml: service('  type: ExternalName\n  externalName: db.example.com') },
    { name: 'types compare exactly', yaml: service('  type: nodeport') },
    { name: 'not a Service', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {type: NodePort}\n' },
  ],
  invalid: [
    {
      name: 'NodePort, on the type value',
      yaml: `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort # for the demo
#       ^^^^^^^^ info service-exposure: Service "web" opens a port on every node (type: NodePort).
  ports: [{port: 80, nodePort: 30080}]
`,
    },
    {
      name: 'LoadBalancer, quoted',
      yaml: service('  type: "LoadBalancer"'),
      errors: [{ line: 6, column: 9, endColumn: 23, message: 'Service "web" asks the cloud provider for an external load balancer, and opens a port on every node (type: LoadBalancer).' }],
    },
    {
      name: 'flow style inside a kind: List',
      yaml: 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Service, metadata: {name: a}, spec: {type: NodePort}}\n- {apiVersion: v1, kind: Service, metadata: {name: b}, spec: {type: ClusterIP}}\n',
      errors: 1,
    },
  ],
});
