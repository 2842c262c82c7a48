import rule from '../../server/src/engine/rules/resource-limits';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'both limits', yaml: pod('containers:\n- name: app\n  resources:\n    limits: {memory: 256Mi, cpu: 500m}') },
    { name: 'numeric CPU limit', yaml: pod('containers:\n- name: app\n  resources:\n    limits: {memory: 1Gi, cpu: 1}') },
    { name: 'pod-level limits bound every container', yaml: pod('resources:\n  limits: {memory: 1Gi, cpu: 2}\ncontainers: [{name: a}, {name: b}]') },
    { name: 'pod-level CPU, container-level memory', yaml: pod('resources: {limits: {cpu: 2}}\ncontainers:\n- name: app\n  resources: {limits: {memory: 512Mi}}') },
    { name: 'ephemeral containers cannot declare resources', yaml: pod('ephemeralContainers: [{name: debug}]\ncontainers:\n- name: app\n  resources: {limits: {memory: 1Gi, cpu: 1}}') },
    ...validInEveryWorkload('containers:\n- name: app\n  resources:\n    limits:\n      memory: 128Mi\n      cpu: 250m'),
  ],
  invalid: [
    {
      name: 'no resources at all: reported on the container name',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
#   ^^^^^^^^^ warning resource-limits: Container "app" in Pod "web" has no memory or CPU limit, so it can exhaust its node.
    image: nginx:1.27
`,
    },
    {
      name: 'only requests: reported on resources',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    resources:
#   ^^^^^^^^^ warning resource-limits: Container "app" in Pod "web" has no memory or CPU limit, so it can exhaust its node.
      requests: {memory: 64Mi, cpu: 10m}
`,
    },
    {
      name: 'CPU limit missing: reported on limits',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    resources:
      limits:
#     ^^^^^^ warning resource-limits: Container "app" in Pod "web" has no CPU limit, so it can exhaust its node.
        memory: 64Mi
`,
    },
    {
      name: 'zero limit means no limit',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    resources:
      limits:
        memory: "0"
#               ^^^ warning resource-limits: Container "app" in Pod "web" sets its memory limit to 0, which means no limit.
        cpu: 1
`,
    },
    { name: 'empty limits value', yaml: pod('containers:\n- name: app\n  resources:\n    limits:\n      memory:\n      cpu: 1'), errors: 1 },
    { name: 'pod-level memory only', yaml: pod('resources: {limits: {memory: 1Gi}}\ncontainers: [{name: app}]'), errors: [{ line: 7, column: 17, message: 'Container "app" in Pod "p" has no CPU limit, so it can exhaust its node.' }] },
    { name: 'init containers are checked, ephemeral ones are not', yaml: pod('initContainers: [{name: setup}]\nephemeralContainers: [{name: debug}]\ncontainers:\n- name: app\n  resources: {limits: {memory: 1Gi, cpu: 1}}'), errors: 1 },
    ...inEveryWorkload({ podSpec: 'containers:\n- name: app\n  resources:\n    limits: {memory: 64Mi}', errors: 1 }),
  ],
});
