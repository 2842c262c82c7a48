import rule from '../../server/src/engine/rules/capabilities-drop-all';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'drop ALL', yaml: pod('containers:\n- name: app\n  securityContext:\n    capabilities: {drop: [ALL]}') },
    { name: 'ALL among others', yaml: pod('containers:\n- name: app\n  securityContext:\n    capabilities:\n      drop: [NET_RAW, ALL]') },
    { name: 'Windows pods are exempt', yaml: pod('os: {name: windows}\ncontainers: [{name: app}]') },
    { name: 'no check before v1.22', settings: { podSecurity: { version: 'v1.21' } }, yaml: pod('containers: [{name: app}]') },
    ...validInEveryWorkload('containers:\n- name: app\n  securityContext: {capabilities: {drop: [ALL]}}'),
  ],
  invalid: [
    {
      name: 'lower-case all is normalised',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    securityContext:
      capabilities:
        drop: ["all"] # every one
#              ^^^^^ warning capabilities-drop-all: Container "app" in Pod "web" drops "all", but capability names are case-sensitive and the Pod Security Standards require exactly "ALL".
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    securityContext:
      capabilities:
        drop: [ALL] # every one
`,
    },
    {
      name: 'missing: reported on the container name, whole path added',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
#   ^^^^^^^^^ warning capabilities-drop-all: Container "app" in Pod "web" does not drop ALL capabilities, so it keeps the runtime's default capabilities; the restricted level requires drop: [ALL].
    image: nginx:1.27
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      capabilities:
        drop:
        - ALL
`,
    },
    {
      name: 'existing drops are kept and ALL appended',
      yaml: pod('containers:\n- name: app\n  securityContext:\n    capabilities:\n      drop:\n      - NET_RAW'),
      errors: [{ line: 10, column: 9, message: 'Container "app" in Pod "p" drops only NET_RAW, so it keeps the runtime\'s default capabilities; the restricted level requires drop: [ALL].' }],
      output: pod('containers:\n- name: app\n  securityContext:\n    capabilities:\n      drop:\n      - NET_RAW\n      - ALL'),
    },
    {
      name: 'capabilities with only add',
      yaml: pod('containers:\n- name: app\n  securityContext:\n    capabilities:\n      add: [NET_BIND_SERVICE]'),
      errors: 1,
      output: pod('containers:\n- name: app\n  securityContext:\n    capabilities:\n      add: [NET_BIND_SERVICE]\n      drop:\n      - ALL'),
    },
    {
      name: 'before v1.25 Windows pods are checked',
      settings: { podSecurity: { version: 'v1.24' } },
      yaml: pod('os: {name: windows}\ncontainers:\n- name: app\n  securityContext: {capabilities: {drop: []}}'),
      errors: 1,
      output: pod('os: {name: windows}\ncontainers:\n- name: app\n  securityContext: {capabilities: {drop: [ALL]}}'),
    },
    {
      name: 'init and ephemeral containers',
      yaml: pod('initContainers:\n- name: setup\n  securityContext: {capabilities: {drop: [All]}}\nephemeralContainers:\n- name: debug\n  securityContext: {capabilities: {drop: [ALL]}}\ncontainers:\n- name: app\n  securityContext: {capabilities: {drop: [ALL]}}'),
      errors: 1,
      output: pod('initContainers:\n- name: setup\n  securityContext: {capabilities: {drop: [ALL]}}\nephemeralContainers:\n- name: debug\n  securityContext: {capabilities: {drop: [ALL]}}\ncontainers:\n- name: app\n  securityContext: {capabilities: {drop: [ALL]}}'),
    },
    ...inEveryWorkload({
      podSpec: 'containers:\n- name: app\n  securityContext:\n    capabilities:\n      drop: [NET_RAW]',
      errors: 1,
      output: 'containers:\n- name: app\n  securityContext:\n    capabilities:\n      drop: [NET_RAW, ALL]',
    }),
  ],
});
