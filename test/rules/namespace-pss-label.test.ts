import rule from '../../server/src/engine/rules/namespace-pss-label';
import { ruleTester } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'restricted', yaml: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n' },
    { name: 'baseline', yaml: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {pod-security.kubernetes.io/enforce: baseline}\n' },
    { name: 'not a Namespace', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shop}\n' },
  ],
  invalid: [
    {
      name: 'no labels: adds the profile level',
      yaml: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
      errors: [{ line: 4, column: 9, endColumn: 13 }],
      output: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n',
    },
    {
      name: 'other labels only, baseline profile',
      yaml: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    team: a # owner\n',
      settings: { profile: 'baseline' },
      errors: 1,
      output: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    team: a # owner\n    pod-security.kubernetes.io/enforce: baseline\n',
    },
    {
      name: 'privileged',
      yaml: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: privileged\n',
      errors: [{ line: 6, column: 41, endColumn: 51 }],
    },
  ],
});
