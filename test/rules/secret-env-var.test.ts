import rule from '../../server/src/engine/rules/secret-env-var';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'no env', yaml: pod('containers: [{name: app}]') },
    { name: 'configMapKeyRef and fieldRef', yaml: pod('containers:\n- name: app\n  env:\n  - name: A\n    valueFrom: {configMapKeyRef: {name: c, key: a}}\n  - name: B\n    valueFrom: {fieldRef: {fieldPath: metadata.name}}') },
    { name: 'envFrom a ConfigMap', yaml: pod('containers:\n- name: app\n  envFrom:\n  - configMapRef: {name: c}') },
    { name: 'literal values are hardcoded-secret territory', yaml: pod('containers:\n- name: app\n  env:\n  - {name: DB_PASSWORD, value: hunter22}') },
    { name: 'secret volume', yaml: pod('containers:\n- name: app\n  volumeMounts: [{name: s, mountPath: /s, readOnly: true}]\nvolumes:\n- name: s\n  secret: {secretName: s}') },
    ...validInEveryWorkload('containers:\n- name: app\n  env:\n  - name: A\n    value: b'),
  ],
  invalid: [
    {
      name: 'secretKeyRef: the key is marked',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    env:
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef:
#       ^^^^^^^^^^^^ warning secret-env-var: Container "app" in Pod "web" reads Secret "db" (key "password") into the environment variable "DB_PASSWORD".
          name: db
          key: password
`,
    },
    {
      name: 'envFrom secretRef',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    envFrom:
    - secretRef: {name: api}
#     ^^^^^^^^^ warning secret-env-var: Container "app" in Pod "web" loads every key of Secret "api" into its environment.
    - configMapRef: {name: settings}
`,
    },
    { name: 'optional secretKeyRef still counts', yaml: pod('containers:\n- name: app\n  env:\n  - name: T\n    valueFrom: {secretKeyRef: {name: t, key: t, optional: true}}'), errors: 1 },
    { name: 'several in one container', yaml: pod('containers:\n- name: app\n  env:\n  - {name: A, valueFrom: {secretKeyRef: {name: s, key: a}}}\n  - {name: B, valueFrom: {secretKeyRef: {name: s, key: b}}}\n  envFrom: [{secretRef: {name: s}}]'), errors: 3 },
    { name: 'through an anchor', yaml: pod('containers:\n- name: a\n  env: &env\n  - {name: A, valueFrom: {secretKeyRef: {name: s, key: a}}}\n- name: b\n  env: *env'), errors: 2 },
    { name: 'init and ephemeral containers', yaml: pod('initContainers:\n- name: setup\n  envFrom: [{secretRef: {name: s}}]\nephemeralContainers:\n- name: debug\n  envFrom: [{secretRef: {name: s}}]\ncontainers: [{name: app}]'), errors: 2 },
    ...inEveryWorkload({ podSpec: 'containers:\n- name: app\n  envFrom:\n  - secretRef:\n      name: s', errors: 1 }),
  ],
});
