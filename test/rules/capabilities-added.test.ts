import rule from '../../server/src/engine/rules/capabilities-added';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

const BASELINE = { profile: 'baseline' };

ruleTester.run(rule, {
  valid: [
    { name: 'no capabilities', yaml: pod('containers: [{name: app}]') },
    { name: 'restricted: NET_BIND_SERVICE only', yaml: pod('containers:\n- name: app\n  securityContext:\n    capabilities: {add: [NET_BIND_SERVICE], drop: [ALL]}') },
    { name: 'baseline: the 13 default capabilities', settings: BASELINE, yaml: pod('containers:\n- name: app\n  securityContext:\n    capabilities:\n      add: [AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT]') },
    { name: 'restricted, Windows pods are exempt from v1.25', yaml: pod('os: {name: windows}\ncontainers:\n- name: app\n  securityContext:\n    capabilities: {add: [SYS_ADMIN]}') },
    { name: 'restricted before v1.22 uses the baseline set', settings: { podSecurity: { version: 'v1.21' } }, yaml: pod('containers:\n- name: app\n  securityContext:\n    capabilities: {add: [CHOWN]}') },
    ...validInEveryWorkload('containers:\n- name: app\n  securityContext: {capabilities: {add: [NET_BIND_SERVICE]}}'),
  ],
  invalid: [
    {
      name: 'baseline: SYS_ADMIN removed from a block list',
      settings: BASELINE,
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    securityContext:
      capabilities:
        add:
        - CHOWN
        - SYS_ADMIN # for mount
#         ^^^^^^^^^ error capabilities-added: Container "app" in Pod "web" adds the capability "SYS_ADMIN", which the Pod Security Standards baseline level does not allow.
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    securityContext:
      capabilities:
        add:
        - CHOWN
`,
    },
    {
      name: 'restricted: anything but NET_BIND_SERVICE, flow style',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    securityContext: {capabilities: {add: [CHOWN, NET_BIND_SERVICE]}}
#                                          ^^^^^ error capabilities-added: Container "app" in Pod "web" adds the capability "CHOWN", which the Pod Security Standards restricted level does not allow. The restricted level allows only NET_BIND_SERVICE.
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    securityContext: {capabilities: {add: [NET_BIND_SERVICE]}}
`,
    },
    {
      name: 'names are compared exactly',
      settings: BASELINE,
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    securityContext: {capabilities: {add: [chown]}}
#                                          ^^^^^ error capabilities-added: Container "app" in Pod "web" adds the capability "chown", which the Pod Security Standards baseline level does not allow. Capability names are compared exactly: write "CHOWN".
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    securityContext: {capabilities: {add: []}}
`,
    },
    {
      name: 'baseline still checks Windows pods',
      settings: BASELINE,
      yaml: pod('os: {name: windows}\ncontainers:\n- name: app\n  securityContext:\n    capabilities: {add: [NET_RAW]}'),
      errors: 1,
      output: pod('os: {name: windows}\ncontainers:\n- name: app\n  securityContext:\n    capabilities: {add: []}'),
    },
    {
      name: 'restricted before v1.25 checks Windows pods',
      settings: { podSecurity: { version: 'v1.24' } },
      yaml: pod('os: {name: windows}\ncontainers:\n- name: app\n  securityContext:\n    capabilities: {add: [CHOWN]}'),
      errors: 1,
      output: pod('os: {name: windows}\ncontainers:\n- name: app\n  securityContext:\n    capabilities: {add: []}'),
    },
    {
      name: 'init and ephemeral containers',
      yaml: pod('initContainers:\n- name: setup\n  securityContext: {capabilities: {add: [NET_ADMIN]}}\nephemeralContainers:\n- name: debug\n  securityContext: {capabilities: {add: [SYS_PTRACE]}}\ncontainers: [{name: app}]'),
      errors: 2,
      output: pod('initContainers:\n- name: setup\n  securityContext: {capabilities: {add: []}}\nephemeralContainers:\n- name: debug\n  securityContext: {capabilities: {add: []}}\ncontainers: [{name: app}]'),
    },
    ...inEveryWorkload({
      podSpec: 'containers:\n- name: app\n  securityContext:\n    capabilities:\n      add: [SYS_ADMIN, NET_BIND_SERVICE]',
      errors: 1,
      output: 'containers:\n- name: app\n  securityContext:\n    capabilities:\n      add: [NET_BIND_SERVICE]',
    }),
  ],
});
