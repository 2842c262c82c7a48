import rule from '../../server/src/engine/rules/selinux-options';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'unset', yaml: pod('containers: [{name: app}]') },
    { name: 'allowed types and a level', yaml: pod('securityContext:\n  seLinuxOptions: {type: container_t, level: "s0:c1,c2"}\ncontainers:\n- name: app\n  securityContext:\n    seLinuxOptions: {type: container_init_t}\n- name: vm\n  securityContext:\n    seLinuxOptions: {type: container_kvm_t}') },
    { name: 'container_engine_t from v1.31', yaml: pod('containers:\n- name: app\n  securityContext:\n    seLinuxOptions: {type: container_engine_t}') },
    { name: 'empty type, user and role', yaml: pod('containers:\n- name: app\n  securityContext:\n    seLinuxOptions: {type: "", user: "", role: ""}') },
    ...validInEveryWorkload('containers:\n- name: app\n  securityContext: {seLinuxOptions: {type: container_t}}'),
  ],
  invalid: [
    {
      name: 'a host type at pod level',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext:
    seLinuxOptions:
      level: s0
      type: spc_t
#           ^^^^^ error selinux-options: Pod "web" sets the SELinux type "spc_t"; only container_t, container_init_t, container_kvm_t, container_engine_t or an empty type are allowed.
  containers: [{name: app}]
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext:
    seLinuxOptions:
      level: s0
  containers: [{name: app}]
`,
    },
    {
      name: 'container_engine_t before v1.31',
      settings: { podSecurity: { version: 'v1.30' } },
      yaml: pod('containers:\n- name: app\n  securityContext:\n    seLinuxOptions:\n      level: s0\n      type: container_engine_t'),
      errors: [{ line: 11, column: 15, message: 'Container "app" in Pod "p" sets the SELinux type "container_engine_t"; only container_t, container_init_t, container_kvm_t or an empty type are allowed.' }],
      output: pod('containers:\n- name: app\n  securityContext:\n    seLinuxOptions:\n      level: s0'),
    },
    {
      name: 'user and role in init and ephemeral containers',
      yaml: pod('initContainers:\n- name: setup\n  securityContext:\n    seLinuxOptions:\n      level: s0\n      user: system_u\nephemeralContainers:\n- name: debug\n  securityContext:\n    seLinuxOptions:\n      level: s0\n      role: system_r\ncontainers: [{name: app}]'),
      errors: 2,
      output: pod('initContainers:\n- name: setup\n  securityContext:\n    seLinuxOptions:\n      level: s0\nephemeralContainers:\n- name: debug\n  securityContext:\n    seLinuxOptions:\n      level: s0\ncontainers: [{name: app}]'),
    },
    ...inEveryWorkload({
      podSpec: 'containers:\n- name: app\n  securityContext:\n    seLinuxOptions:\n      level: s0\n      type: unconfined_t',
      errors: 1,
      output: 'containers:\n- name: app\n  securityContext:\n    seLinuxOptions:\n      level: s0',
    }),
  ],
});
