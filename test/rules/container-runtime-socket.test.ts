import rule from '../../server/src/engine/rules/container-runtime-socket';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'another host path', yaml: pod('containers: [{name: app}]\nvolumes:\n- name: logs\n  hostPath: {path: /var/log}') },
    { name: 'a socket-like name inside a longer file name', yaml: pod('containers: [{name: app}]\nvolumes:\n- name: s\n  hostPath: {path: /tmp/not-docker.sock.bak}') },
    ...validInEveryWorkload('containers: [{name: app}]\nvolumes:\n- name: d\n  emptyDir: {}'),
  ],
  invalid: [
    {
      name: 'docker.sock, on the path value',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: ci}
spec:
  containers: [{name: app}]
  volumes:
  - name: docker
    hostPath:
      path: /var/run/docker.sock
#           ^^^^^^^^^^^^^^^^^^^^ error container-runtime-socket: Volume "docker" in Pod "ci" mounts the container runtime socket /var/run/docker.sock, which gives root on the node.
`,
      output: null,
    },
    {
      name: 'containerd, CRI-O and cri-dockerd sockets',
      yaml: pod('containers: [{name: app}]\nvolumes:\n- {name: a, hostPath: {path: /run/containerd/containerd.sock}}\n- {name: b, hostPath: {path: /var/run/crio/crio.sock}}\n- {name: c, hostPath: {path: /run/cri-dockerd.sock}}'),
      errors: 3,
      output: null,
    },
    ...inEveryWorkload({ podSpec: 'containers: [{name: app}]\nvolumes:\n- name: d\n  hostPath: {path: /var/run/docker.sock, type: Socket}', errors: 1, output: null }),
  ],
});
