import rule from '../../server/src/engine/rules/share-process-namespace';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'absent', yaml: pod('containers: [{name: app}]') },
    { name: 'false', yaml: pod('shareProcessNamespace: false\ncontainers: [{name: app}]') },
    { name: 'YAML 1.1 off', yaml: pod('shareProcessNamespace: off\ncontainers: [{name: app}]') },
    { name: 'a string is not a boolean', yaml: pod('shareProcessNamespace: "true"\ncontainers: [{name: app}]') },
    ...validInEveryWorkload('shareProcessNamespace: false\ncontainers:\n- name: app'),
  ],
  invalid: [
    {
      name: 'true is removed with its line',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  shareProcessNamespace: true
#                        ^^^^ info share-process-namespace: Pod "web" shares one process namespace between its containers, so each can see and signal the others' processes.
  containers:
  - name: app
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
`,
    },
    {
      name: 'YAML 1.1 yes in flow style',
      yaml: pod('{shareProcessNamespace: yes, containers: [{name: app}]}'),
      errors: 1,
      output: pod('{containers: [{name: app}]}'),
    },
    ...inEveryWorkload({ podSpec: 'shareProcessNamespace: true\ncontainers:\n- name: app', errors: 1, output: 'containers:\n- name: app' }),
  ],
});
