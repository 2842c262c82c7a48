import rule from '../../server/src/engine/rules/liveness-probe';
import { pod, ruleTester, workloads, type InvalidCase, type ValidCase } from '../harness/rule-tester';

const BATCH = new Set(['Job', 'CronJob']);
const missing = 'containers:\n- name: app\n  image: nginx:1.27';

ruleTester.run(rule, {
  valid: [
    { name: 'probe present', yaml: pod('containers:\n- name: app\n  livenessProbe: {httpGet: {path: /healthz, port: 8080}}') },
    { name: 'restartPolicy Never runs to completion', yaml: pod(`restartPolicy: Never\n${missing}`) },
    { name: 'restartPolicy OnFailure runs to completion', yaml: pod(`restartPolicy: OnFailure\n${missing}`) },
    { name: 'init containers are not checked', yaml: pod('initContainers: [{name: setup}]\ncontainers: [{name: app, livenessProbe: {tcpSocket: {port: 80}}}]') },
    { name: 'ephemeral containers are not checked', yaml: pod('ephemeralContainers: [{name: debug}]\ncontainers: [{name: app, livenessProbe: {exec: {command: [true]}}}]') },
    ...workloads(missing).filter((w) => BATCH.has(w.kind)).map((w): ValidCase => ({ name: `a ${w.kind} is skipped`, yaml: w.yaml })),
    ...workloads('containers:\n- name: app\n  livenessProbe:\n    tcpSocket: {port: 80}').map((w): ValidCase => ({ name: `valid in a ${w.kind}`, yaml: w.yaml })),
  ],
  invalid: [
    {
      name: 'missing: reported on the container name',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
      - name: app
#       ^^^^^^^^^ info liveness-probe: Container "app" in Deployment "web" has no livenessProbe, so Kubernetes cannot restart it when it hangs.
        image: nginx:1.27
`,
    },
    { name: 'an empty livenessProbe key is no probe', yaml: pod('containers:\n- name: app\n  livenessProbe:'), errors: 1 },
    { name: 'restartPolicy Always is long-running', yaml: pod(`restartPolicy: Always\n${missing}`), errors: 1 },
    { name: 'each regular container', yaml: pod('containers: [{name: a}, {name: b, livenessProbe: {tcpSocket: {port: 1}}}, {name: c}]'), errors: 2 },
    ...workloads(missing).filter((w) => !BATCH.has(w.kind)).map((w): InvalidCase => ({ name: `in a ${w.kind}`, yaml: w.yaml, errors: 1 })),
  ],
});
