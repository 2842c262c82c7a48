import rule from '../../server/src/engine/rules/service-account-token-automount';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'false', yaml: pod('automountServiceAccountToken: false\ncontainers: [{name: app}]') },
    { name: 'YAML 1.1 no', yaml: pod('automountServiceAccountToken: no\ncontainers: [{name: app}]') },
    { name: 'a ServiceAccount is not a pod', yaml: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa}\nautomountServiceAccountToken: true\n' },
    ...validInEveryWorkload('automountServiceAccountToken: false\ncontainers:\n- name: app'),
  ],
  invalid: [
    {
      name: 'missing: reported on the pod spec key, added at its end',
      errors: [{ line: 4, column: 1, endColumn: 5, message: 'Pod "web" does not set automountServiceAccountToken to false, so every container holds a Kubernetes API token.' }],
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  serviceAccountName: web
  containers:
  - name: app
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  serviceAccountName: web
  containers:
  - name: app
  automountServiceAccountToken: false
`,
    },
    {
      name: 'true is replaced in place',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  automountServiceAccountToken: true # the app lists pods
#                               ^^^^ warning service-account-token-automount: Pod "web" sets automountServiceAccountToken to true, so every container holds a Kubernetes API token.
  containers:
  - name: app
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  automountServiceAccountToken: false # the app lists pods
  containers:
  - name: app
`,
    },
    {
      name: 'YAML 1.1 on',
      yaml: pod('automountServiceAccountToken: on\ncontainers: [{name: app}]'),
      errors: 1,
      output: pod('automountServiceAccountToken: false\ncontainers: [{name: app}]'),
    },
    {
      name: 'a string "false" is not false',
      yaml: pod('automountServiceAccountToken: "false"\ncontainers: [{name: app}]'),
      errors: [{ line: 6, column: 33, endColumn: 40 }],
      output: pod('automountServiceAccountToken: false\ncontainers: [{name: app}]'),
    },
    {
      name: 'flow-style pod spec',
      yaml: pod('{containers: [{name: app}]}'),
      errors: 1,
      output: pod('{containers: [{name: app}], automountServiceAccountToken: false}'),
    },
    ...inEveryWorkload({ podSpec: 'containers:\n- name: app', errors: 1, output: 'containers:\n- name: app\nautomountServiceAccountToken: false' }),
  ],
});
