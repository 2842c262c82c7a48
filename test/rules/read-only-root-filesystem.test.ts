import rule from '../../server/src/engine/rules/read-only-root-filesystem';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

const noTmp = { fix: { tmpVolume: false } };

ruleTester.run(rule, {
  valid: [
    { name: 'YAML 1.1 yes', yaml: pod('containers:\n- name: app\n  securityContext:\n    readOnlyRootFilesystem: yes') },
    { name: 'ephemeral debug containers are left writable', yaml: pod('containers:\n- name: app\n  securityContext: {readOnlyRootFilesystem: true}\nephemeralContainers:\n- name: debug') },
    ...validInEveryWorkload('containers:\n- name: app\n  securityContext: {readOnlyRootFilesystem: true}'),
  ],
  invalid: [
    {
      name: 'missing: the fix adds the setting and a writable /tmp',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app # main
#   ^^^^^^^^^ warning read-only-root-filesystem: Container "app" in Pod "web" does not set readOnlyRootFilesystem to true, so its root filesystem is writable.
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
      readOnlyRootFilesystem: true
    volumeMounts:
    - name: tmp
      mountPath: /tmp
  volumes:
  - name: tmp
    emptyDir: {}
`,
    },
    {
      name: 'existing mounts and volumes are extended, not replaced',
      yaml: pod('containers:\n- name: app\n  volumeMounts:\n  - {name: data, mountPath: /data}\nvolumes:\n- name: data\n  emptyDir: {}'),
      errors: 1,
      output: pod(
        'containers:\n- name: app\n  volumeMounts:\n  - {name: data, mountPath: /data}\n  - name: tmp\n    mountPath: /tmp\n  securityContext:\n    readOnlyRootFilesystem: true\nvolumes:\n- name: data\n  emptyDir: {}\n- name: tmp\n  emptyDir: {}',
      ),
    },
    {
      name: 'a container that already mounts /tmp only gets the setting',
      yaml: pod('containers:\n- name: app\n  volumeMounts: [{name: scratch, mountPath: /tmp/}]\nvolumes: [{name: scratch, emptyDir: {}}]'),
      errors: 1,
      output: pod('containers:\n- name: app\n  volumeMounts: [{name: scratch, mountPath: /tmp/}]\n  securityContext:\n    readOnlyRootFilesystem: true\nvolumes: [{name: scratch, emptyDir: {}}]'),
    },
    {
      name: 'two containers share one tmp volume',
      yaml: pod('containers:\n- name: a\n  image: x:1\n- name: b\n  image: y:1'),
      errors: 2,
      output: pod(
        'containers:\n- name: a\n  image: x:1\n  securityContext:\n    readOnlyRootFilesystem: true\n  volumeMounts:\n  - name: tmp\n    mountPath: /tmp\n- name: b\n  image: y:1\n  securityContext:\n    readOnlyRootFilesystem: true\n  volumeMounts:\n  - name: tmp\n    mountPath: /tmp\nvolumes:\n- name: tmp\n  emptyDir: {}',
      ),
    },
    {
      name: 'a volume named tmp that is not an emptyDir is not reused',
      yaml: pod('containers:\n- name: app\nvolumes:\n- name: tmp\n  configMap: {name: c}'),
      errors: 1,
      output: pod(
        'containers:\n- name: app\n  securityContext:\n    readOnlyRootFilesystem: true\n  volumeMounts:\n  - name: kubeward-tmp\n    mountPath: /tmp\nvolumes:\n- name: tmp\n  configMap: {name: c}\n- name: kubeward-tmp\n  emptyDir: {}',
      ),
    },
    {
      name: 'flow style stays flow style',
      yaml: pod('containers: [{name: app, image: nginx:1.27}]\nvolumes: []'),
      errors: 1,
      output: pod('containers: [{name: app, image: nginx:1.27, securityContext: {readOnlyRootFilesystem: true}, volumeMounts: [{name: tmp, mountPath: /tmp}]}]\nvolumes: [{name: tmp, emptyDir: {}}]'),
    },
    {
      name: 'the companion volume can be turned off',
      yaml: pod('containers:\n- name: app\n  image: nginx:1.27'),
      settings: noTmp,
      errors: 1,
      output: pod('containers:\n- name: app\n  image: nginx:1.27\n  securityContext:\n    readOnlyRootFilesystem: true'),
    },
    {
      name: 'false is replaced in place',
      yaml: pod('containers:\n- name: app\n  securityContext:\n    readOnlyRootFilesystem: false # legacy'),
      errors: 1,
      output: pod('containers:\n- name: app\n  securityContext:\n    readOnlyRootFilesystem: true # legacy'),
    },
    {
      name: 'init containers are checked',
      yaml: pod('initContainers:\n- name: setup\n  securityContext: {readOnlyRootFilesystem: true}\n- name: migrate\ncontainers:\n- name: app\n  securityContext: {readOnlyRootFilesystem: true}'),
      settings: noTmp,
      errors: 1,
      output: pod('initContainers:\n- name: setup\n  securityContext: {readOnlyRootFilesystem: true}\n- name: migrate\n  securityContext:\n    readOnlyRootFilesystem: true\ncontainers:\n- name: app\n  securityContext: {readOnlyRootFilesystem: true}'),
    },
    ...inEveryWorkload({
      podSpec: 'containers:\n- name: app\n  image: nginx:1.27',
      errors: 1,
      output: 'containers:\n- name: app\n  image: nginx:1.27\n  securityContext:\n    readOnlyRootFilesystem: true\n  volumeMounts:\n  - name: tmp\n    mountPath: /tmp\nvolumes:\n- name: tmp\n  emptyDir: {}',
    }),
  ],
});
