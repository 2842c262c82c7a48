import rule from '../../server/src/engine/rules/host-process';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'unset', yaml: pod('containers: [{name: app}]') },
    { name: 'false on the pod and the container', yaml: pod('securityContext:\n  windowsOptions: {hostProcess: false}\ncontainers:\n- name: app\n  securityContext:\n    windowsOptions: {hostProcess: false}') },
    { name: 'YAML 1.1 off', yaml: pod('securityContext:\n  windowsOptions:\n    hostProcess: off\ncontainers: [{name: app}]') },
    { name: 'other windowsOptions', yaml: pod('securityContext:\n  windowsOptions:\n    runAsUserName: ContainerUser\ncontainers: [{name: app}]') },
    ...validInEveryWorkload('containers:\n- name: app\n  securityContext: {windowsOptions: {hostProcess: false}}'),
  ],
  invalid: [
    {
      name: 'pod level, removed with its line',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext:
    windowsOptions:
      hostProcess: true
#                  ^^^^ error host-process: Pod "web" runs as a Windows HostProcess container, with full access to the node (hostProcess: true).
      runAsUserName: "NT AUTHORITY\\\\SYSTEM"
  containers: [{name: app}]
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext:
    windowsOptions:
      runAsUserName: "NT AUTHORITY\\\\SYSTEM"
  containers: [{name: app}]
`,
    },
    {
      name: 'YAML 1.1 yes in an init container and an ephemeral container',
      yaml: pod('initContainers:\n- name: setup\n  securityContext: {windowsOptions: {hostProcess: yes}}\nephemeralContainers:\n- name: debug\n  securityContext:\n    windowsOptions: {hostProcess: on}\ncontainers: [{name: app}]'),
      errors: [
        { line: 8, column: 53, message: 'Init container "setup" in Pod "p" runs as a Windows HostProcess container, with full access to the node (hostProcess: true).' },
        { line: 12, column: 37 },
      ],
      output: pod('initContainers:\n- name: setup\n  securityContext: {windowsOptions: {}}\nephemeralContainers:\n- name: debug\n  securityContext:\n    windowsOptions: {}\ncontainers: [{name: app}]'),
    },
    {
      name: 'a container overrides a pod-level false',
      yaml: pod('securityContext:\n  windowsOptions: {hostProcess: false}\ncontainers:\n- name: app\n  securityContext:\n    windowsOptions:\n      hostProcess: true\n      runAsUserName: x'),
      errors: 1,
      output: pod('securityContext:\n  windowsOptions: {hostProcess: false}\ncontainers:\n- name: app\n  securityContext:\n    windowsOptions:\n      runAsUserName: x'),
    },
    ...inEveryWorkload({
      podSpec: 'containers:\n- name: app\n  securityContext:\n    windowsOptions:\n      hostProcess: true\n      runAsUserName: x',
      errors: 1,
      output: 'containers:\n- name: app\n  securityContext:\n    windowsOptions:\n      runAsUserName: x',
    }),
  ],
});
