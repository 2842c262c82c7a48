import rule from '../../server/src/engine/rules/unused-suppression';
import { pod, ruleTester } from '../harness/rule-tester';

// Run alone, this rule sees only directive problems that need no other rule: unknown ids,
// empty lists and misplaced comments. "Silences nothing" is covered in test/engine/suppress.test.ts.
ruleTester.run(rule, {
  valid: [
    { name: 'a known rule id', yaml: pod('containers:\n# kubeward-disable-next-line privileged -- device plugin\n- {name: app}') },
    { name: 'a document directive at the top', yaml: `# kubeward-disable privileged\n${pod('containers: [{name: app}]')}` },
    { name: 'an annotation naming a known rule', yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {kubeward.io/ignore: privileged}\nspec: {containers: [{name: a}]}\n' },
    { name: 'peer annotations are never reported', yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {ignore-check.kube-linter.io/made-up: "x"}\nspec: {containers: [{name: a}]}\n' },
  ],
  invalid: [
    {
      name: 'a misspelt rule id',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  # kubeward-disable-next-line privilaged -- legacy
#                              ^^^^^^^^^^ hint unused-suppression: "privilaged" is not a Kubeward rule, so this comment silences nothing for it.
  - {name: app}
`,
    },
    {
      name: 'a directive without rule ids',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostPID: true  # kubeward-disable-line
#                ^^^^^^^^^^^^^^^^^^^^^^^ hint unused-suppression: This kubeward-disable comment names no rule; list the rule ids it should silence.
`,
    },
    {
      name: 'a document directive below content',
      yaml: 'apiVersion: v1\nkind: Pod\n# kubeward-disable privileged\nmetadata: {name: p}\n',
      errors: [{ line: 3, column: 1, message: 'A kubeward-disable comment only applies at the top of a YAML document; use kubeward-disable-next-line here.' }],
    },
    {
      name: 'an annotation naming an unknown rule',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {kubeward.io/ignore: "privileged,nope"}\nspec: {containers: [{name: a}]}\n',
      errors: 1,
    },
  ],
});
