import rule from '../../server/src/engine/rules/root-group';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'nothing set', yaml: pod('containers: [{name: app}]') },
    { name: 'non-zero groups', yaml: pod('securityContext: {runAsGroup: 10001, fsGroup: 10001, supplementalGroups: [10002, 1]}\ncontainers: [{name: app}]') },
    { name: 'every container overrides a pod runAsGroup of 0', yaml: pod('securityContext: {runAsGroup: 0}\ncontainers:\n- name: app\n  securityContext: {runAsGroup: 10001}') },
    { name: 'hostUsers false', yaml: pod('hostUsers: false\nsecurityContext: {runAsGroup: 0, fsGroup: 0}\ncontainers: [{name: app}]') },
    { name: 'Windows pods', yaml: pod('os: {name: windows}\nsecurityContext: {fsGroup: 0}\ncontainers: [{name: app}]') },
    { name: 'a string "0" is not a GID', yaml: pod('securityContext: {supplementalGroups: ["0"], fsGroup: "0"}\ncontainers: [{name: app}]') },
    ...validInEveryWorkload('securityContext:\n  runAsGroup: 10001\ncontainers:\n- name: app'),
  ],
  invalid: [
    {
      name: 'each place that adds GID 0',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext:
    runAsGroup: 0
#               ^ info root-group: Pod "web" runs its containers with the root group (runAsGroup: 0).
    fsGroup: 0
#            ^ info root-group: Pod "web" makes its volumes owned by the root group (fsGroup: 0).
    supplementalGroups: [10, 0]
#                            ^ info root-group: Pod "web" adds the root group to its containers (supplementalGroups contains 0).
  containers:
  - name: app
`,
    },
    {
      name: 'container runAsGroup 0 overrides a safe pod value',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext: {runAsGroup: 10001}
  containers:
  - name: app
    securityContext:
      runAsGroup: 0
#                 ^ info root-group: Container "app" in Pod "web" runs with the root group (runAsGroup: 0).
`,
    },
    {
      name: 'block-style supplementalGroups',
      yaml: pod('securityContext:\n  supplementalGroups:\n  - 0\n  - 2000\ncontainers: [{name: app}]'),
      errors: [{ line: 8, column: 7, endColumn: 8 }],
    },
    {
      name: 'init and ephemeral containers',
      yaml: pod('initContainers:\n- name: setup\n  securityContext: {runAsGroup: 0}\nephemeralContainers:\n- name: debug\n  securityContext: {runAsGroup: 0}\ncontainers: [{name: app}]'),
      errors: 2,
    },
    ...inEveryWorkload({ podSpec: 'securityContext:\n  fsGroup: 0\ncontainers:\n- name: app', errors: 1 }),
  ],
});
