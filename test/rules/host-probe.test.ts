import rule from '../../server/src/engine/rules/host-probe';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'probes without host', yaml: pod('containers:\n- name: app\n  livenessProbe: {httpGet: {port: 80}}\n  readinessProbe: {tcpSocket: {port: 80}}') },
    { name: 'empty host', yaml: pod('containers:\n- name: app\n  livenessProbe: {httpGet: {host: "", port: 80}}') },
    { name: 'before v1.34 there is no check', settings: { podSecurity: { version: 'v1.33' } }, yaml: pod('containers:\n- name: app\n  livenessProbe: {httpGet: {host: 10.0.0.1, port: 80}}') },
    ...validInEveryWorkload('containers:\n- name: app\n  startupProbe: {httpGet: {path: /, port: 80}}'),
  ],
  invalid: [
    {
      name: 'liveness httpGet host',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    livenessProbe:
      httpGet:
        host: 169.254.169.254
#             ^^^^^^^^^^^^^^^ warning host-probe: Container "app" in Pod "web" points its livenessProbe httpGet at host "169.254.169.254", so the kubelet sends requests to another address.
        port: 80
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    livenessProbe:
      httpGet:
        port: 80
`,
    },
    {
      name: 'every probe and lifecycle handler, tcpSocket too, at baseline',
      settings: { profile: 'baseline' },
      yaml: pod('containers:\n- name: app\n  readinessProbe: {tcpSocket: {host: a, port: 1}}\n  startupProbe: {httpGet: {host: b, port: 1}}\n  lifecycle:\n    postStart: {httpGet: {host: c, port: 1}}\n    preStop: {tcpSocket: {host: d, port: 1}}'),
      errors: 4,
      output: pod('containers:\n- name: app\n  readinessProbe: {tcpSocket: {port: 1}}\n  startupProbe: {httpGet: {port: 1}}\n  lifecycle:\n    postStart: {httpGet: {port: 1}}\n    preStop: {tcpSocket: {port: 1}}'),
    },
    {
      name: 'init and ephemeral containers',
      yaml: pod('initContainers:\n- name: setup\n  livenessProbe: {httpGet: {host: x, port: 1}}\nephemeralContainers:\n- name: debug\n  lifecycle: {preStop: {httpGet: {host: z, port: 1}}}\ncontainers: [{name: app}]'),
      errors: 2,
      output: pod('initContainers:\n- name: setup\n  livenessProbe: {httpGet: {port: 1}}\nephemeralContainers:\n- name: debug\n  lifecycle: {preStop: {httpGet: {port: 1}}}\ncontainers: [{name: app}]'),
    },
    ...inEveryWorkload({
      podSpec: 'containers:\n- name: app\n  readinessProbe:\n    httpGet:\n      host: example.com\n      port: 80',
      errors: 1,
      output: 'containers:\n- name: app\n  readinessProbe:\n    httpGet:\n      port: 80',
    }),
  ],
});
