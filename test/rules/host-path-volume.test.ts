import rule from '../../server/src/engine/rules/host-path-volume';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'no volumes', yaml: pod('containers: [{name: app}]') },
    { name: 'other volume types', yaml: pod('containers: [{name: app}]\nvolumes:\n- name: a\n  emptyDir: {}\n- name: b\n  configMap: {name: c}') },
    { name: 'a null hostPath is no source', yaml: pod('containers: [{name: app}]\nvolumes:\n- name: a\n  hostPath:') },
    ...validInEveryWorkload('containers: [{name: app}]\nvolumes:\n- name: data\n  persistentVolumeClaim: {claimName: data}'),
  ],
  invalid: [
    {
      name: 'reported on the hostPath key',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: app}]
  volumes:
  - name: logs
    hostPath:
#   ^^^^^^^^ error host-path-volume: Volume "logs" in Pod "web" mounts the host path /var/log from the node (hostPath).
      path: /var/log
      type: Directory
`,
      output: null,
    },
    {
      name: 'every hostPath volume, even an empty one, and at baseline',
      settings: { profile: 'baseline' },
      yaml: pod('containers: [{name: app}]\nvolumes:\n- {name: a, hostPath: {path: /}}\n- name: b\n  hostPath: {}'),
      errors: [
        { line: 8, column: 15, message: 'Volume "a" in Pod "p" mounts the host path / from the node (hostPath).' },
        { line: 10, column: 5, message: 'Volume "b" in Pod "p" mounts a path from the node (hostPath).' },
      ],
      output: null,
    },
    ...inEveryWorkload({ podSpec: 'containers: [{name: app}]\nvolumes:\n- name: sock\n  hostPath: {path: /run/containerd/containerd.sock}', errors: 1, output: null }),
  ],
});
