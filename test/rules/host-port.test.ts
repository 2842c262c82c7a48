import rule from '../../server/src/engine/rules/host-port';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'no hostPort', yaml: pod('containers:\n- name: app\n  ports:\n  - containerPort: 80') },
    { name: 'hostPort 0 means none', yaml: pod('containers:\n- name: app\n  ports:\n  - containerPort: 80\n    hostPort: 0') },
    { name: 'a string is not a port number', yaml: pod('containers:\n- name: app\n  ports:\n  - containerPort: 80\n    hostPort: "80"') },
    ...validInEveryWorkload('containers:\n- name: app\n  ports: [{containerPort: 8080}]'),
  ],
  invalid: [
    {
      name: 'hostPort removed, containerPort kept',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    ports:
    - containerPort: 80
      hostPort: 8080 # node port
#               ^^^^ warning host-port: Container "app" in Pod "web" binds port 8080 on the node (hostPort).
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    ports:
    - containerPort: 80
`,
    },
    {
      name: 'hostPort as the first key of the item',
      yaml: pod('containers:\n- name: app\n  ports:\n  - hostPort: 53\n    containerPort: 53\n    protocol: UDP'),
      errors: 1,
      output: pod('containers:\n- name: app\n  ports:\n  - containerPort: 53\n    protocol: UDP'),
    },
    {
      name: 'init and ephemeral containers, flow style',
      yaml: pod('initContainers:\n- name: setup\n  ports: [{containerPort: 1, hostPort: 1}]\nephemeralContainers:\n- name: debug\n  ports: [{hostPort: 2, containerPort: 2}]\ncontainers: [{name: app}]'),
      errors: 2,
      output: pod('initContainers:\n- name: setup\n  ports: [{containerPort: 1}]\nephemeralContainers:\n- name: debug\n  ports: [{containerPort: 2}]\ncontainers: [{name: app}]'),
    },
    ...inEveryWorkload({
      podSpec: 'containers:\n- name: app\n  ports:\n  - containerPort: 80\n    hostPort: 80',
      errors: 1,
      output: 'containers:\n- name: app\n  ports:\n  - containerPort: 80',
    }),
  ],
});
