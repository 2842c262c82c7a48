import rule from '../../server/src/engine/rules/unknown-field';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'known fields', yaml: pod('containers:\n- name: app\n  image: nginx:1.27\n  securityContext: {runAsNonRoot: true, readOnlyRootFilesystem: true}') },
    { name: 'a custom resource without its CRD', yaml: 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {runAsNonroot: true}\n' },
    { name: 'free-form maps (labels, data)', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {runAsNonroot: "x"}}\ndata: {anything: "1"}\n' },
    { name: 'not Kubernetes', yaml: 'containers:\n- securityContext: {runAsNonroot: true}\n' },
    {
      name: 'schema validation off',
      yaml: pod('containers:\n- name: app\n  securityContext: {runAsNonroot: true}'),
      settings: { schemaValidation: 'off' },
    },
    {
      name: 'security mode skips other fields',
      yaml: pod('containers:\n- name: app\n  imagee: nginx'),
      settings: { schemaValidation: 'security' },
    },
    ...validInEveryWorkload('containers:\n- name: app\n  securityContext: {allowPrivilegeEscalation: false}'),
  ],
  invalid: [
    {
      name: 'misspelt runAsNonRoot, renamed keeping the comment',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    securityContext:
      runAsNonroot: true # required by policy
#     ^^^^^^^^^^^^ error unknown-field: Field "runAsNonroot" is not part of Kubernetes SecurityContext; did you mean "runAsNonRoot"? A misspelt field has no effect.
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    securityContext:
      runAsNonRoot: true # required by policy
`,
    },
    {
      name: 'misspelt readOnlyRootFilesystem in flow style',
      yaml: pod('containers:\n- {name: app, securityContext: {readOnlyRootFileSystem: true}}'),
      errors: 1,
      output: pod('containers:\n- {name: app, securityContext: {readOnlyRootFilesystem: true}}'),
    },
    {
      name: 'no suggestion, no fix',
      yaml: pod('containers:\n- name: app\n  securityContext: {sandboxed: true}'),
      errors: [{ line: 8, column: 23, message: 'Field "sandboxed" is not part of Kubernetes SecurityContext, so it has no effect.' }],
      output: null,
    },
    {
      name: 'the intended key is already there',
      yaml: pod('containers:\n- name: app\n  securityContext:\n    runAsNonRoot: true\n    runasnonroot: false'),
      errors: 1,
      output: null,
    },
    {
      name: 'the intended key is already there, empty (found by fuzzing)',
      yaml: pod('containers:\n- name: app\n  securityContext:\n  securityContext|:\n    privileged: false'),
      errors: 1,
      output: null,
    },
    {
      name: 'security mode keeps a misspelt security field',
      yaml: pod('hostnetwork: true\ncontainers: [{name: app}]'),
      settings: { schemaValidation: 'security' },
      errors: 1,
      output: pod('hostNetwork: true\ncontainers: [{name: app}]'),
    },
    ...inEveryWorkload({
      podSpec: 'containers:\n- name: app\n  securityContext:\n    allowPrivilegeEscalaton: false',
      errors: 1,
      output: 'containers:\n- name: app\n  securityContext:\n    allowPrivilegeEscalation: false',
    }),
  ],
});
