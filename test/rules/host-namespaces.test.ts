import rule from '../../server/src/engine/rules/host-namespaces';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'unset', yaml: pod('containers: [{name: app}]') },
    { name: 'false, YAML 1.1 no and off', yaml: pod('hostNetwork: false\nhostPID: no\nhostIPC: off\ncontainers: [{name: app}]') },
    { name: 'hostUsers is not a host namespace here', yaml: pod('hostUsers: true\ncontainers: [{name: app}]') },
    ...validInEveryWorkload('hostNetwork: false\ncontainers: [{name: app}]'),
  ],
  invalid: [
    {
      name: 'hostNetwork removed with its line',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  hostNetwork: true
#              ^^^^ error host-namespaces: Pod "web" shares the host's network namespace (hostNetwork: true).
  containers: [{name: app}]
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: app}]
`,
    },
    {
      name: 'all three, YAML 1.1 yes and on, Windows pods too',
      settings: { profile: 'baseline' },
      yaml: pod('os: {name: windows}\nhostNetwork: yes\nhostPID: on\nhostIPC: true\ncontainers: [{name: app}]'),
      errors: 3,
      output: pod('os: {name: windows}\ncontainers: [{name: app}]'),
    },
    ...inEveryWorkload({ podSpec: 'hostPID: true\ncontainers: [{name: app}]', errors: 1, output: 'containers: [{name: app}]' }),
  ],
});
