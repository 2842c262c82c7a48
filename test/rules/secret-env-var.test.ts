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
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    env:
    - name: DB_PASSWORD_FILE
      value: /etc/secrets/db/password
    volumeMounts:
    - name: db
      mountPath: /etc/secrets/db
      readOnly: true
  volumes:
  - name: db
    secret:
      secretName: db
      items:
      - key: password
        path: password
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
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    envFrom:
    - configMapRef: {name: settings}
    volumeMounts:
    - name: api
      mountPath: /etc/secrets/api
      readOnly: true
  volumes:
  - name: api
    secret:
      secretName: api
`,
    },
    {
      name: 'optional secretKeyRef still counts, and the volume stays optional',
      yaml: pod('containers:\n- name: app\n  env:\n  - name: T\n    valueFrom: {secretKeyRef: {name: t, key: t, optional: true}}'),
      errors: 1,
      output: pod('containers:\n- name: app\n  env:\n  - name: T_FILE\n    value: /etc/secrets/t/t\n  volumeMounts:\n  - name: t\n    mountPath: /etc/secrets/t\n    readOnly: true\nvolumes:\n- name: t\n  secret:\n    secretName: t\n    optional: true\n    items:\n    - key: t\n      path: t'),
    },
    {
      name: 'several in one container share a volume for the keys',
      yaml: pod('containers:\n- name: app\n  env:\n  - {name: A, valueFrom: {secretKeyRef: {name: s, key: a}}}\n  - {name: B, valueFrom: {secretKeyRef: {name: s, key: b}}}\n  envFrom: [{secretRef: {name: s}}]'),
      errors: 3,
      output: pod('containers:\n- name: app\n  env:\n  - {name: A_FILE, value: /etc/secrets/s/a}\n  - {name: B_FILE, value: /etc/secrets/s/b}\n  volumeMounts:\n  - name: s\n    mountPath: /etc/secrets/s\n    readOnly: true\n  - name: s-2\n    mountPath: /etc/secrets/s-2\n    readOnly: true\nvolumes:\n- name: s\n  secret:\n    secretName: s\n    items:\n    - key: a\n      path: a\n    - key: b\n      path: b\n- name: s-2\n  secret:\n    secretName: s'),
    },
    { name: 'through an anchor: no fix, since editing it would change both containers', yaml: pod('containers:\n- name: a\n  env: &env\n  - {name: A, valueFrom: {secretKeyRef: {name: s, key: a}}}\n- name: b\n  env: *env'), errors: 2, output: null },
    {
      name: 'init and ephemeral containers',
      yaml: pod('initContainers:\n- name: setup\n  envFrom: [{secretRef: {name: s}}]\nephemeralContainers:\n- name: debug\n  envFrom: [{secretRef: {name: s}}]\ncontainers: [{name: app}]'),
      errors: 2,
      output: pod('initContainers:\n- name: setup\n  volumeMounts:\n  - name: s\n    mountPath: /etc/secrets/s\n    readOnly: true\nephemeralContainers:\n- name: debug\n  volumeMounts:\n  - name: s\n    mountPath: /etc/secrets/s\n    readOnly: true\ncontainers: [{name: app}]\nvolumes:\n- name: s\n  secret:\n    secretName: s'),
    },
    ...inEveryWorkload({
      podSpec: 'containers:\n- name: app\n  envFrom:\n  - secretRef:\n      name: s',
      errors: 1,
      output: 'containers:\n- name: app\n  volumeMounts:\n  - name: s\n    mountPath: /etc/secrets/s\n    readOnly: true\nvolumes:\n- name: s\n  secret:\n    secretName: s',
    }),
  ],
});
