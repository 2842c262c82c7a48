import rule from '../../server/src/engine/rules/resource-requests';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'both requests', yaml: pod('containers:\n- name: app\n  resources:\n    requests: {memory: 64Mi, cpu: 50m}') },
    { name: 'limits only: Kubernetes copies them into requests', yaml: pod('containers:\n- name: app\n  resources:\n    limits: {memory: 64Mi, cpu: 50m}') },
    { name: 'one request, the other from its limit', yaml: pod('containers:\n- name: app\n  resources:\n    requests: {cpu: 50m}\n    limits: {memory: 64Mi}') },
    { name: 'pod-level requests', yaml: pod('resources: {requests: {memory: 1Gi, cpu: 1}}\ncontainers: [{name: a}, {name: b}]') },
    { name: 'ephemeral containers cannot declare resources', yaml: pod('ephemeralContainers: [{name: debug}]\ncontainers:\n- name: app\n  resources: {requests: {memory: 1Gi, cpu: 1}}') },
    ...validInEveryWorkload('containers:\n- name: app\n  resources:\n    requests:\n      memory: 128Mi\n      cpu: 250m'),
  ],
  invalid: [
    {
      name: 'nothing set',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
#   ^^^^^^^^^ info resource-requests: Container "app" in Pod "web" requests no memory or CPU, so the scheduler reserves none for it.
`,
    },
    {
      name: 'memory request missing and no memory limit',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    resources:
      requests:
#     ^^^^^^^^ info resource-requests: Container "app" in Pod "web" requests no memory, so the scheduler reserves none for it.
        cpu: 100m
`,
    },
    {
      name: 'an explicit zero request',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    resources:
      requests: {memory: 0Mi, cpu: 100m}
#                        ^^^ info resource-requests: Container "app" in Pod "web" requests 0Mi memory, so the scheduler reserves none for it.
`,
    },
    { name: 'a zero limit is not a request', yaml: pod('containers:\n- name: app\n  resources:\n    limits: {memory: 0, cpu: 1}'), errors: 1 },
    { name: 'init containers are checked', yaml: pod('initContainers: [{name: setup}]\ncontainers:\n- name: app\n  resources: {requests: {memory: 1Gi, cpu: 1}}'), errors: 1 },
    ...inEveryWorkload({ podSpec: 'containers:\n- name: app\n  resources:\n    requests: {cpu: 10m}', errors: 1 }),
  ],
});
