import rule from '../../server/src/engine/rules/run-as-non-root';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'pod true is inherited by every container list', yaml: pod('securityContext: {runAsNonRoot: true}\ninitContainers: [{name: setup}]\nephemeralContainers: [{name: debug}]\ncontainers: [{name: app}]') },
    { name: 'every container sets true', yaml: pod('containers:\n- name: app\n  securityContext: {runAsNonRoot: yes}') },
    { name: 'v1.35+: hostUsers false allows any value', yaml: pod('hostUsers: false\nsecurityContext: {runAsNonRoot: false}\ncontainers: [{name: app}]') },
    { name: 'Windows pods are not exempt, but pass with true', yaml: pod('os: {name: windows}\nsecurityContext: {runAsNonRoot: true}\ncontainers: [{name: app}]') },
    ...validInEveryWorkload('securityContext:\n  runAsNonRoot: true\ncontainers: [{name: app}]'),
  ],
  invalid: [
    {
      name: 'a container overrides the pod with false',
      yaml: pod('securityContext: {runAsNonRoot: true}\ncontainers:\n- name: app\n  securityContext: {runAsNonRoot: false}'),
      errors: 1,
      output: pod('securityContext: {runAsNonRoot: true}\ncontainers:\n- name: app\n  securityContext: {runAsNonRoot: true}'),
    },
    {
      name: 'pod false is flagged even when every container sets true',
      yaml: pod('securityContext: {runAsNonRoot: false}\ncontainers:\n- name: app\n  securityContext: {runAsNonRoot: true}'),
      errors: 1,
      output: pod('securityContext: {runAsNonRoot: true}\ncontainers:\n- name: app\n  securityContext: {runAsNonRoot: true}'),
    },
    {
      name: 'before v1.35 hostUsers false does not relax',
      settings: { podSecurity: { version: 'v1.34' } },
      yaml: pod('hostUsers: false\ncontainers:\n- name: app\n  securityContext: {runAsNonRoot: false}'),
      errors: 1,
      output: pod('hostUsers: false\ncontainers:\n- name: app\n  securityContext: {runAsNonRoot: true}'),
    },
    ...inEveryWorkload({
      podSpec: 'containers:\n- name: app\n  securityContext:\n    runAsNonRoot: false',
      errors: 1,
      output: 'containers:\n- name: app\n  securityContext:\n    runAsNonRoot: true',
    }),
  ],
});
