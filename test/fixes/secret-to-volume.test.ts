import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, nonOverlapping } from '../../server/src/engine/apply';
import { volumeBase } from '../../server/src/engine/fixes/secret-to-volume';
import { findingsOf, pod, ruleTester } from '../harness/rule-tester';
import convertingRule from '../../server/src/engine/rules/secret-env-var';

/*
 * The secret-env-var conversion, driven through the rule's findings. The tester checks every case for: exact output, parses, the finding
 * is gone, a second run changes nothing, and the same on CRLF text.
 */
describe('secret-to-volume fix', () => {
  ruleTester.run(convertingRule, {
    valid: [],
    invalid: [
    {
      name: "a single env var becomes a file in a new secret volume",
      errors: 1,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app # main
    image: api:1.4
    env:
    - name: DB_PASSWORD # primary
      valueFrom:
        secretKeyRef:
          name: db
          key: password
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app # main
    image: api:1.4
    env:
    - name: DB_PASSWORD_FILE # primary
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
      name: "several env vars from one Secret share the volume; the second adds its item",
      errors: 2,
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: api:1.4
        env:
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: db
              key: password
        - name: DB_USER
          valueFrom:
            secretKeyRef: {name: db, key: user} # login
`,
      output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: api:1.4
        env:
        - name: DB_PASSWORD_FILE
          value: /etc/secrets/db/password
        - name: DB_USER_FILE
          value: /etc/secrets/db/user # login
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
          - key: user
            path: user
`,
    },
    {
      name: "different Secrets get a volume each",
      errors: 2,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef: {name: db, key: password}
    - name: API_TOKEN
      valueFrom:
        secretKeyRef: {name: api, key: token}
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: DB_PASSWORD_FILE
      value: /etc/secrets/db/password
    - name: API_TOKEN_FILE
      value: /etc/secrets/api/token
    volumeMounts:
    - name: db
      mountPath: /etc/secrets/db
      readOnly: true
    - name: api
      mountPath: /etc/secrets/api
      readOnly: true
  volumes:
  - name: db
    secret:
      secretName: db
      items:
      - key: password
        path: password
  - name: api
    secret:
      secretName: api
      items:
      - key: token
        path: token
`,
    },
    {
      name: "existing block volumes and mounts are extended",
      errors: 1,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: TOKEN
      valueFrom:
        secretKeyRef: {name: api, key: token}
    volumeMounts:
    - name: data # state
      mountPath: /data
  volumes:
  - name: data
    emptyDir: {}
  # end of volumes
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: TOKEN_FILE
      value: /etc/secrets/api/token
    volumeMounts:
    - name: data # state
      mountPath: /data
    - name: api
      mountPath: /etc/secrets/api
      readOnly: true
  volumes:
  - name: data
    emptyDir: {}
  - name: api
    secret:
      secretName: api
      items:
      - key: token
        path: token
  # end of volumes
`,
    },
    {
      name: "existing flow volumes and mounts stay flow",
      errors: 1,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: api, key: token}}}]
    volumeMounts: [{name: data, mountPath: /data}]
  volumes: [{name: data, emptyDir: {}}]
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env: [{name: TOKEN_FILE, value: /etc/secrets/api/token}]
    volumeMounts: [{name: data, mountPath: /data}, {name: api, mountPath: /etc/secrets/api, readOnly: true}]
  volumes: [{name: data, emptyDir: {}}, {name: api, secret: {secretName: api, items: [{key: token, path: token}]}}]
`,
    },
    {
      name: "literal env vars before and after stay in place",
      errors: 1,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: MODE
      value: prod
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef:
          name: db
          key: password
    - name: PORT
      value: "8080"
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: MODE
      value: prod
    - name: DB_PASSWORD_FILE
      value: /etc/secrets/db/password
    - name: PORT
      value: "8080"
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
      name: "the only env item, as the container's last key, is rewritten in place",
      errors: 1,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: api:1.4
    env:
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef: {name: db, key: password}
  - name: sidecar
    image: proxy:2
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: api:1.4
    env:
    - name: DB_PASSWORD_FILE
      value: /etc/secrets/db/password
    volumeMounts:
    - name: db
      mountPath: /etc/secrets/db
      readOnly: true
  - name: sidecar
    image: proxy:2
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
      name: "an existing <NAME>_FILE with the same path: the env entry is just removed",
      errors: 1,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: DB_PASSWORD_FILE
      value: /etc/secrets/db/password
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef: {name: db, key: password}
  volumes:
  - name: db
    secret: {secretName: db}
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
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
    secret: {secretName: db}
`,
    },
    {
      name: "envFrom mounts the whole Secret and drops the envFrom key when it was the only entry",
      errors: 1,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: api:1.4
    envFrom:
    - secretRef:
        name: app-env
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: api:1.4
    volumeMounts:
    - name: app-env
      mountPath: /etc/secrets/app-env
      readOnly: true
  volumes:
  - name: app-env
    secret:
      secretName: app-env
`,
    },
    {
      name: "envFrom keeps the other sources",
      errors: 1,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    envFrom:
    - configMapRef: {name: settings}
    - secretRef: {name: app-env} # all keys
    image: api:1.4
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    envFrom:
    - configMapRef: {name: settings}
    image: api:1.4
    volumeMounts:
    - name: app-env
      mountPath: /etc/secrets/app-env
      readOnly: true
  volumes:
  - name: app-env
    secret:
      secretName: app-env
`,
    },
    {
      name: "envFrom as the first key of the item keeps the dash",
      errors: 1,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - envFrom:
    - secretRef: {name: app-env}
    name: app
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    volumeMounts:
    - name: app-env
      mountPath: /etc/secrets/app-env
      readOnly: true
  volumes:
  - name: app-env
    secret:
      secretName: app-env
`,
    },
    {
      name: "envFrom does not reuse a volume that lists only some keys",
      errors: 1,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    envFrom:
    - secretRef: {name: db}
  volumes:
  - name: db
    secret:
      secretName: db
      items: [{key: password, path: password}]
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    volumeMounts:
    - name: db-2
      mountPath: /etc/secrets/db
      readOnly: true
  volumes:
  - name: db
    secret:
      secretName: db
      items: [{key: password, path: password}]
  - name: db-2
    secret:
      secretName: db
`,
    },
    {
      name: "init containers",
      errors: 1,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: migrate
    image: migrate:3
    env:
    - name: DB_URL
      valueFrom:
        secretKeyRef: {name: db, key: url}
  containers:
  - name: app
    image: api:1.4
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: migrate
    image: migrate:3
    env:
    - name: DB_URL_FILE
      value: /etc/secrets/db/url
    volumeMounts:
    - name: db
      mountPath: /etc/secrets/db
      readOnly: true
  containers:
  - name: app
    image: api:1.4
  volumes:
  - name: db
    secret:
      secretName: db
      items:
      - key: url
        path: url
`,
    },
    {
      name: "CronJob",
      errors: 1,
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: backup
            image: backup:2
            env:
            - name: S3_SECRET_KEY
              valueFrom:
                secretKeyRef:
                  name: s3
                  key: secret-key
`,
      output: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: backup
            image: backup:2
            env:
            - name: S3_SECRET_KEY_FILE
              value: /etc/secrets/s3/secret-key
            volumeMounts:
            - name: s3
              mountPath: /etc/secrets/s3
              readOnly: true
          volumes:
          - name: s3
            secret:
              secretName: s3
              items:
              - key: secret-key
                path: secret-key
`,
    },
    {
      name: "a Secret name that is not a volume name is sanitised",
      errors: 1,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: KEY
      valueFrom:
        secretKeyRef: {name: Prod.DB_Creds, key: key}
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: KEY_FILE
      value: /etc/secrets/Prod.DB_Creds/key
    volumeMounts:
    - name: prod-db-creds
      mountPath: /etc/secrets/Prod.DB_Creds
      readOnly: true
  volumes:
  - name: prod-db-creds
    secret:
      secretName: Prod.DB_Creds
      items:
      - key: key
        path: key
`,
    },
    {
      name: "a volume of another kind with the Secret's name makes the new name unique",
      errors: 1,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: KEY
      valueFrom:
        secretKeyRef: {name: db, key: key}
  volumes:
  - name: db
    configMap: {name: db}
  - name: db-2
    emptyDir: {}
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: KEY_FILE
      value: /etc/secrets/db/key
    volumeMounts:
    - name: db-3
      mountPath: /etc/secrets/db
      readOnly: true
  volumes:
  - name: db
    configMap: {name: db}
  - name: db-2
    emptyDir: {}
  - name: db-3
    secret:
      secretName: db
      items:
      - key: key
        path: key
`,
    },
    {
      name: "a mount path already taken in the container falls back to the volume name",
      errors: 1,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    volumeMounts:
    - {name: legacy, mountPath: /etc/secrets/db}
    env:
    - name: KEY
      valueFrom:
        secretKeyRef: {name: db, key: key}
  volumes:
  - {name: legacy, emptyDir: {}}
  - {name: db, configMap: {name: db}}
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    volumeMounts:
    - {name: legacy, mountPath: /etc/secrets/db}
    - name: db-2
      mountPath: /etc/secrets/db-2
      readOnly: true
    env:
    - name: KEY_FILE
      value: /etc/secrets/db-2/key
  volumes:
  - {name: legacy, emptyDir: {}}
  - {name: db, configMap: {name: db}}
  - name: db-2
    secret:
      secretName: db
      items:
      - key: key
        path: key
`,
    },
    {
      name: "optional refs keep optional on the volume, and never share one with required refs",
      errors: 3,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: FEATURE_KEY
      valueFrom:
        secretKeyRef: {name: flags, key: key, optional: true}
    - name: LICENSE
      valueFrom:
        secretKeyRef: {name: flags, key: license}
    envFrom:
    - secretRef: {name: extra, optional: true}
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: FEATURE_KEY_FILE
      value: /etc/secrets/flags/key
    - name: LICENSE_FILE
      value: /etc/secrets/flags-2/license
    volumeMounts:
    - name: flags
      mountPath: /etc/secrets/flags
      readOnly: true
    - name: flags-2
      mountPath: /etc/secrets/flags-2
      readOnly: true
    - name: extra
      mountPath: /etc/secrets/extra
      readOnly: true
  volumes:
  - name: flags
    secret:
      secretName: flags
      optional: true
      items:
      - key: key
        path: key
  - name: flags-2
    secret:
      secretName: flags
      items:
      - key: license
        path: license
  - name: extra
    secret:
      secretName: extra
      optional: true
`,
    },
    {
      name: "an existing volume of the whole Secret and its mount are reused",
      errors: 1,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef: {name: db, key: password}
    volumeMounts:
    - name: creds
      mountPath: /run/creds/
  volumes:
  - name: creds
    secret:
      secretName: db
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: DB_PASSWORD_FILE
      value: /run/creds/password
    volumeMounts:
    - name: creds
      mountPath: /run/creds/
  volumes:
  - name: creds
    secret:
      secretName: db
`,
    },
    {
      name: "an existing volume that lists the key under another path is reused with that path",
      errors: 1,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef: {name: db, key: password}
  volumes:
  - name: creds
    secret:
      secretName: db
      items:
      - {key: password, path: pass.txt}
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: DB_PASSWORD_FILE
      value: /etc/secrets/db/pass.txt
    volumeMounts:
    - name: creds
      mountPath: /etc/secrets/db
      readOnly: true
  volumes:
  - name: creds
    secret:
      secretName: db
      items:
      - {key: password, path: pass.txt}
`,
    },
    {
      name: "an existing volume with items gets the missing key appended",
      errors: 1,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: DB_USER
      valueFrom:
        secretKeyRef: {name: db, key: user}
  volumes:
  - name: creds
    secret:
      secretName: db
      items:
      - key: password
        path: password
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: DB_USER_FILE
      value: /etc/secrets/db/user
    volumeMounts:
    - name: creds
      mountPath: /etc/secrets/db
      readOnly: true
  volumes:
  - name: creds
    secret:
      secretName: db
      items:
      - key: password
        path: password
      - key: user
        path: user
`,
    },
    {
      name: "two containers share the volume and mount it each",
      errors: 2,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: TOKEN
      valueFrom:
        secretKeyRef: {name: api, key: token}
  - name: worker
    env:
    - name: TOKEN
      valueFrom:
        secretKeyRef: {name: api, key: token}
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: TOKEN_FILE
      value: /etc/secrets/api/token
    volumeMounts:
    - name: api
      mountPath: /etc/secrets/api
      readOnly: true
  - name: worker
    env:
    - name: TOKEN_FILE
      value: /etc/secrets/api/token
    volumeMounts:
    - name: api
      mountPath: /etc/secrets/api
      readOnly: true
  volumes:
  - name: api
    secret:
      secretName: api
      items:
      - key: token
        path: token
`,
    },
    {
      name: "the mount root follows kubeward.fix.secretMountRoot",
      settings: {fix: {secretMountRoot: '/var/run/secrets/app/'}},
      errors: 1,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: TOKEN
      valueFrom:
        secretKeyRef: {name: api, key: token}
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: TOKEN_FILE
      value: /var/run/secrets/app/api/token
    volumeMounts:
    - name: api
      mountPath: /var/run/secrets/app/api
      readOnly: true
  volumes:
  - name: api
    secret:
      secretName: api
      items:
      - key: token
        path: token
`,
    },
    {
      name: "block scalars before the entry are untouched",
      errors: 1,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: CONFIG
      value: |
        a=1
    - name: TOKEN
      valueFrom:
        secretKeyRef:
          name: api
          key: token
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    env:
    - name: CONFIG
      value: |
        a=1
    - name: TOKEN_FILE
      value: /etc/secrets/api/token
    volumeMounts:
    - name: api
      mountPath: /etc/secrets/api
      readOnly: true
  volumes:
  - name: api
    secret:
      secretName: api
      items:
      - key: token
        path: token
`,
    },
    {
      name: "flow containers",
      errors: 1,
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers: [{name: app, env: [{name: A, valueFrom: {secretKeyRef: {name: s, key: k}}}]}]
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers: [{name: app, env: [{name: A_FILE, value: /etc/secrets/s/k}], volumeMounts: [{name: s, mountPath: /etc/secrets/s, readOnly: true}]}]
  volumes:
  - name: s
    secret:
      secretName: s
      items:
      - key: k
        path: k
`,
    },
      {
        name: 'no fix when another variable expands $(NAME): a path there would change its value',
        errors: 1,
        yaml: pod('containers:\n- name: app\n  env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: {name: db, key: password}\n  - name: DSN\n    value: postgres://app:$(DB_PASSWORD)@db/app'),
        output: null,
      },
      {
        name: 'no fix when <NAME>_FILE already holds another path',
        errors: 1,
        yaml: pod('containers:\n- name: app\n  env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: {name: db, key: password}\n  - name: DB_PASSWORD_FILE\n    value: /run/db/password'),
        output: null,
      },
      {
        name: 'no fix for an env list shared through an anchor: editing it would change the other container',
        errors: 2,
        yaml: pod('containers:\n- name: app\n  env: &env\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: {name: db, key: password}\n- name: worker\n  env: *env'),
        output: null,
      },
      {
        name: 'no fix without a key to mount',
        errors: 1,
        yaml: pod('containers:\n- name: app\n  env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: {name: db}'),
        output: null,
      },
    ],
  });

  it('declares itself unsafe, names the Secret and the variable, and its edits never overlap', () => {
    const yaml = pod('containers:\n- name: app\n  env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: {name: db, key: password}\n  envFrom:\n  - secretRef: {name: app-env}');
    const fixes = findingsOf(convertingRule, yaml).map((f) => f.fix);
    assert.deepEqual(
      fixes.map((f) => [f?.title, f?.safety]),
      [
        ['Mount Secret "db" as a read-only volume instead of the environment variable DB_PASSWORD', 'unsafe'],
        ['Mount Secret "app-env" as a read-only volume instead of loading it into the environment', 'unsafe'],
      ],
    );
    for (const fix of fixes) assert.equal(nonOverlapping(fix?.edits ?? []).length, fix?.edits.length);
  });

  it('the container\'s last line removed and new keys appended after it: the insertion moves before the removal', () => {
    const yaml = pod('containers:\n- name: app\n  image: api:1.4\n  envFrom:\n  - secretRef: {name: a}\n  - secretRef: {name: b}');
    const [, second] = findingsOf(convertingRule, yaml);
    const edits = [...(second?.fix?.edits ?? [])];
    assert.equal(nonOverlapping(edits).length, edits.length);
    assert.equal(
      applyEdits(yaml, edits),
      pod('containers:\n- name: app\n  image: api:1.4\n  envFrom:\n  - secretRef: {name: a}\n  volumeMounts:\n  - name: b\n    mountPath: /etc/secrets/b\n    readOnly: true\nvolumes:\n- name: b\n  secret:\n    secretName: b'),
    );
  });

  it('volume names are DNS-1123 labels', () => {
    assert.equal(volumeBase('db'), 'db');
    assert.equal(volumeBase('Prod.DB_Creds'), 'prod-db-creds');
    assert.equal(volumeBase('--x--'), 'x');
    assert.equal(volumeBase('...'), 'secret');
    const long = volumeBase('a'.repeat(80) + '.b');
    assert.ok(long.length <= 60 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(long), long);
  });
});
