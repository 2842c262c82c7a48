import rule from '../../server/src/engine/rules/service-account-missing';
import { ruleTester } from '../harness/rule-tester';

const sa = (name: string, namespace?: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}---\n`;
const pod = (account: string, namespace?: string, key = 'serviceAccountName') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  ${key}: ${account}\n  containers: [{name: a, image: nginx:1.27}]\n`;

ruleTester.run(rule, {
  valid: [
    { name: 'defined', yaml: sa('web', 'shop') + pod('web', 'shop') },
    { name: 'no ServiceAccounts for the namespace: managed elsewhere', yaml: sa('web', 'other') + pod('api', 'shop') },
    { name: 'no ServiceAccounts at all', yaml: pod('api', 'shop') },
    { name: 'default always exists', yaml: sa('web', 'shop') + pod('default', 'shop') },
    { name: 'default namespace on both sides', yaml: sa('web') + pod('web') },
    { name: 'explicit default namespace equals none', yaml: sa('web', 'default') + pod('web') },
  ],
  invalid: [
    { name: 'a typo', yaml: sa('web', 'shop') + pod('wbe', 'shop'), errors: [{ line: 13, column: 23, endColumn: 26 }] },
    { name: 'the deprecated serviceAccount field', yaml: sa('web', 'shop') + pod('api', 'shop', 'serviceAccount'), errors: 1 },
    { name: 'defined in another namespace only', yaml: sa('web', 'shop') + sa('api', 'other') + pod('api', 'shop'), errors: 1 },
  ],
});
