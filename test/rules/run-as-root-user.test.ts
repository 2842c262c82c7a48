import rule from '../../server/src/engine/rules/run-as-root-user';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'unset', yaml: pod('containers: [{name: app}]') },
    { name: 'non-zero', yaml: pod('securityContext: {runAsUser: 1000}\ncontainers:\n- name: app\n  securityContext: {runAsUser: 10001}') },
    { name: 'v1.35+: hostUsers false allows UID 0', yaml: pod('hostUsers: false\nsecurityContext: {runAsUser: 0}\ncontainers: [{name: app}]') },
    { name: 'no check before v1.23', settings: { podSecurity: { version: 'v1.22' } }, yaml: pod('securityContext: {runAsUser: 0}\ncontainers: [{name: app}]') },
    ...validInEveryWorkload('containers:\n- name: app\n  securityContext: {runAsUser: 10001}'),
  ],
  invalid: [
    {
      name: 'pod level',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext:
    runAsUser: 0 # root
#              ^ warning run-as-root-user: Pod "web" sets runAsUser to 0, so it runs as root.
  containers: [{name: app}]
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext:
    runAsUser: 10001 # root
  containers: [{name: app}]
`,
    },
    {
      name: 'a container overrides a non-zero pod UID with 0',
      yaml: pod('securityContext: {runAsUser: 1000}\ncontainers:\n- name: app\n  securityContext: {runAsUser: 0}'),
      errors: 1,
      output: pod('securityContext: {runAsUser: 1000}\ncontainers:\n- name: app\n  securityContext: {runAsUser: 10001}'),
    },
    { name: 'before v1.35 hostUsers false does not relax', settings: { podSecurity: { version: 'v1.34' } }, yaml: pod('hostUsers: false\nsecurityContext: {runAsUser: 0}\ncontainers: [{name: app}]'), errors: 1, output: pod('hostUsers: false\nsecurityContext: {runAsUser: 10001}\ncontainers: [{name: app}]') },
    { name: 'the fix uses the configured UID', settings: { fix: { runAsUser: 2000 } }, yaml: pod('containers:\n- name: app\n  securityContext: {runAsUser: 0}'), errors: 1, output: pod('containers:\n- name: app\n  securityContext: {runAsUser: 2000}') },
    {
      name: 'init and ephemeral containers',
      yaml: pod('initContainers:\n- name: setup\n  securityContext: {runAsUser: 0}\nephemeralContainers:\n- name: debug\n  securityContext: {runAsUser: 0}\ncontainers: [{name: app}]'),
      errors: 2,
      output: pod('initContainers:\n- name: setup\n  securityContext: {runAsUser: 10001}\nephemeralContainers:\n- name: debug\n  securityContext: {runAsUser: 10001}\ncontainers: [{name: app}]'),
    },
    ...inEveryWorkload({
      podSpec: 'containers:\n- name: app\n  securityContext:\n    runAsUser: 0',
      errors: 1,
      output: 'containers:\n- name: app\n  securityContext:\n    runAsUser: 10001',
    }),
  ],
});
