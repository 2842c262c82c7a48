import rule from '../../server/src/engine/rules/privilege-escalation';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'false', yaml: pod('containers:\n- name: app\n  securityContext:\n    allowPrivilegeEscalation: false') },
    { name: 'YAML 1.1 off', yaml: pod('containers:\n- name: app\n  securityContext:\n    allowPrivilegeEscalation: off') },
    { name: 'Windows pods are exempt', yaml: pod('os: {name: windows}\ncontainers:\n- name: app') },
    { name: 'no check before policy v1.8', settings: { podSecurity: { version: 'v1.7' } }, yaml: pod('containers:\n- name: app') },
    ...validInEveryWorkload('containers:\n- name: app\n  securityContext: {allowPrivilegeEscalation: false}'),
  ],
  invalid: [
    {
      name: 'missing: reported on the container name, fixed in block style',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app # main
#   ^^^^^^^^^ warning privilege-escalation: Container "app" in Pod "web" does not set allowPrivilegeEscalation to false, so its processes can gain more privileges than their parent.
    image: nginx:1.27
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app # main
    image: nginx:1.27
    securityContext:
      allowPrivilegeEscalation: false
`,
    },
    {
      name: 'true is replaced in place',
      yaml: pod('containers:\n- name: app\n  securityContext:\n    allowPrivilegeEscalation: true # why'),
      errors: 1,
      output: pod('containers:\n- name: app\n  securityContext:\n    allowPrivilegeEscalation: false # why'),
    },
    {
      name: 'an existing security context gains the key',
      yaml: pod('containers:\n- name: app\n  securityContext:\n    runAsUser: 10001\n  image: nginx:1.27'),
      errors: 1,
      output: pod('containers:\n- name: app\n  securityContext:\n    runAsUser: 10001\n    allowPrivilegeEscalation: false\n  image: nginx:1.27'),
    },
    {
      name: 'flow style containers',
      yaml: pod('containers: [{name: app, image: nginx:1.27}]'),
      errors: 1,
      output: pod('containers: [{name: app, image: nginx:1.27, securityContext: {allowPrivilegeEscalation: false}}]'),
    },
    {
      name: 'an empty securityContext key',
      yaml: pod('containers:\n- name: app\n  securityContext:\n  image: nginx:1.27'),
      errors: 1,
      output: pod('containers:\n- name: app\n  securityContext:\n    allowPrivilegeEscalation: false\n  image: nginx:1.27'),
    },
    {
      name: 'four-space indentation is kept',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n    name: p\nspec:\n    containers:\n    -   name: app\n        image: nginx:1.27\n',
      errors: 1,
      output: 'apiVersion: v1\nkind: Pod\nmetadata:\n    name: p\nspec:\n    containers:\n    -   name: app\n        image: nginx:1.27\n        securityContext:\n            allowPrivilegeEscalation: false\n',
    },
    {
      name: 'Windows pods are checked before policy v1.25',
      settings: { podSecurity: { version: 'v1.24' } },
      yaml: pod('os: {name: windows}\ncontainers:\n- name: app\n  securityContext: {allowPrivilegeEscalation: true}'),
      errors: 1,
      output: pod('os: {name: windows}\ncontainers:\n- name: app\n  securityContext: {allowPrivilegeEscalation: false}'),
    },
    ...inEveryWorkload({
      podSpec: 'containers:\n- name: app\n  image: nginx:1.27',
      errors: 1,
      output: 'containers:\n- name: app\n  image: nginx:1.27\n  securityContext:\n    allowPrivilegeEscalation: false',
    }),
  ],
});
