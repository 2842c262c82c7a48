import rule from '../../server/src/engine/rules/low-uid';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'no runAsUser: the image decides, nothing to judge', yaml: pod('containers: [{name: app, image: nginx:1.27}]') },
    { name: 'exactly 10000', yaml: pod('securityContext: {runAsUser: 10000}\ncontainers: [{name: app}]') },
    { name: 'UID 0 is run-as-root-user\'s finding', yaml: pod('securityContext: {runAsUser: 0}\ncontainers: [{name: app}]') },
    { name: 'container overrides a low pod UID', yaml: pod('securityContext: {runAsUser: 1000}\ncontainers:\n- name: app\n  securityContext: {runAsUser: 10001}') },
    { name: 'hostUsers false maps UIDs away from the host', yaml: pod('hostUsers: false\nsecurityContext: {runAsUser: 1000}\ncontainers: [{name: app}]') },
    { name: 'YAML 1.1 hostUsers no', yaml: pod('hostUsers: no\ncontainers:\n- name: app\n  securityContext: {runAsUser: 33}') },
    { name: 'Windows pods ignore runAsUser', yaml: pod('os: {name: windows}\nsecurityContext: {runAsUser: 1000}\ncontainers: [{name: app}]') },
    { name: 'a quoted number is not a UID', yaml: pod('containers:\n- name: app\n  securityContext: {runAsUser: "1000"}') },
    ...validInEveryWorkload('securityContext:\n  runAsUser: 10001\ncontainers:\n- name: app'),
  ],
  invalid: [
    {
      name: 'pod-level UID reported once, where it is written',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext:
    runAsUser: 1000
#              ^^^^ info low-uid: Pod "web" runs its containers as UID 1000, below 10000, where it may match a user on the node.
  containers:
  - name: a
  - name: b
`,
    },
    {
      name: 'container-level UID',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    securityContext:
      runAsUser: 101 # nginx
#                ^^^ info low-uid: Container "app" in Pod "web" runs as UID 101, below 10000, where it may match a user on the node.
`,
    },
    {
      name: 'pod UID still reported when only some containers override it',
      yaml: pod('securityContext: {runAsUser: 999}\ncontainers:\n- name: a\n  securityContext: {runAsUser: 20000}\n- name: b'),
      errors: 1,
    },
    {
      name: 'pod UID not reported when every container overrides it, container UID is',
      yaml: pod('securityContext: {runAsUser: 999}\ncontainers:\n- name: a\n  securityContext: {runAsUser: 5}'),
      errors: [{ line: 9, column: 34, endColumn: 35 }],
    },
    {
      name: 'init and ephemeral containers',
      yaml: pod('initContainers:\n- name: setup\n  securityContext: {runAsUser: 1}\nephemeralContainers:\n- name: debug\n  securityContext: {runAsUser: 9999}\ncontainers: [{name: app}]'),
      errors: 2,
    },
    {
      name: 'hostUsers true changes nothing',
      yaml: pod('hostUsers: true\nsecurityContext: {runAsUser: 1000}\ncontainers: [{name: app}]'),
      errors: 1,
    },
    ...inEveryWorkload({ podSpec: 'securityContext:\n  runAsUser: 1000\ncontainers:\n- name: app', errors: 1 }),
  ],
});
