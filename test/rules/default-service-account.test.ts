import rule from '../../server/src/engine/rules/default-service-account';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'own service account', yaml: pod('serviceAccountName: web\ncontainers: [{name: app}]') },
    { name: 'deprecated serviceAccount alias', yaml: pod('serviceAccount: web\ncontainers: [{name: app}]') },
    { name: 'no token mounted: the default account grants nothing', yaml: pod('automountServiceAccountToken: false\ncontainers: [{name: app}]') },
    { name: 'YAML 1.1 off for automount', yaml: pod('serviceAccountName: default\nautomountServiceAccountToken: off\ncontainers: [{name: app}]') },
    ...validInEveryWorkload('serviceAccountName: web\ncontainers:\n- name: app'),
  ],
  invalid: [
    {
      name: 'missing: reported on the pod spec key',
      errors: [{ line: 4, column: 1, endColumn: 5, message: 'Pod "web" sets no serviceAccountName, so it runs as the namespace\'s default service account.' }],
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
`,
    },
    {
      name: 'explicit default',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  serviceAccountName: default
#                     ^^^^^^^ warning default-service-account: Pod "web" runs as the namespace's default service account, which every pod without its own account shares.
  containers:
  - name: app
`,
    },
    { name: 'empty string', yaml: pod('serviceAccountName: ""\ncontainers: [{name: app}]'), errors: 1 },
    { name: 'deprecated alias set to default', yaml: pod('serviceAccount: default\ncontainers: [{name: app}]'), errors: 1 },
    { name: 'automount true does not help', yaml: pod('automountServiceAccountToken: true\ncontainers: [{name: app}]'), errors: 1 },
    ...inEveryWorkload({ podSpec: 'containers:\n- name: app', errors: 1 }),
  ],
});
