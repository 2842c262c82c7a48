import rule from '../../server/src/engine/rules/privileged';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'no security context', yaml: pod('containers: [{name: app, image: nginx:1.27}]') },
    { name: 'explicitly false', yaml: pod('containers:\n- name: app\n  image: nginx:1.27\n  securityContext: {privileged: false}') },
    { name: 'YAML 1.1 no', yaml: pod('containers:\n- name: app\n  securityContext:\n    privileged: no') },
    { name: 'a string is not a boolean', yaml: pod('containers:\n- name: app\n  securityContext:\n    privileged: "true"') },
    { name: 'not a workload', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {privileged: "true"}\n' },
    { name: 'not Kubernetes', yaml: 'containers:\n- securityContext: {privileged: true}\n' },
    ...validInEveryWorkload('containers:\n- name: app\n  securityContext: {privileged: false}'),
  ],
  invalid: [
    {
      name: 'true, trailing comment kept',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    securityContext:
      privileged: true # needed?
#                 ^^^^ error privileged: Container "app" in Pod "web" runs privileged, with full access to the host.
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    securityContext:
      privileged: false # needed?
`,
    },
    {
      name: 'YAML 1.1 yes, in an init container and an ephemeral container',
      yaml: pod('initContainers:\n- name: setup\n  securityContext: {privileged: yes}\nephemeralContainers:\n- name: debug\n  securityContext: {privileged: on}\ncontainers: [{name: app}]'),
      errors: 2,
      output: pod('initContainers:\n- name: setup\n  securityContext: {privileged: false}\nephemeralContainers:\n- name: debug\n  securityContext: {privileged: false}\ncontainers: [{name: app}]'),
    },
    {
      name: 'through an anchor and alias',
      yaml: pod('containers:\n- name: a\n  securityContext: &sc\n    privileged: true\n- name: b\n  securityContext: *sc'),
      errors: 2,
      output: pod('containers:\n- name: a\n  securityContext: &sc\n    privileged: false\n- name: b\n  securityContext: *sc'),
    },
    {
      name: 'through a YAML merge key, as the API server merges it',
      yaml: pod('containers:\n- name: app\n  securityContext:\n    <<: {privileged: true}\n    runAsUser: 10001'),
      errors: 1,
      output: pod('containers:\n- name: app\n  securityContext:\n    <<: {privileged: false}\n    runAsUser: 10001'),
    },
    {
      name: 'an explicit key wins over a merged one',
      yaml: pod('containers:\n- name: app\n  securityContext:\n    <<: {privileged: false}\n    privileged: true'),
      errors: 1,
      output: pod('containers:\n- name: app\n  securityContext:\n    <<: {privileged: false}\n    privileged: false'),
    },
    ...inEveryWorkload({
      podSpec: 'containers:\n- name: app\n  securityContext:\n    privileged: true',
      errors: 1,
      output: 'containers:\n- name: app\n  securityContext:\n    privileged: false',
    }),
  ],
});
