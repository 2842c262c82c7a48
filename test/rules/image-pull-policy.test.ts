import rule from '../../server/src/engine/rules/image-pull-policy';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

const DIGEST = 'sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

ruleTester.run(rule, {
  valid: [
    { name: 'Always', yaml: pod('containers: [{name: app, image: nginx:1.27, imagePullPolicy: Always}]') },
    { name: 'digest-pinned image with IfNotPresent', yaml: pod(`containers: [{name: app, image: "nginx@${DIGEST}", imagePullPolicy: IfNotPresent}]`) },
    { name: 'digest-pinned image without a policy', yaml: pod(`containers: [{name: app, image: "nginx:1.27@${DIGEST}"}]`) },
    { name: 'untagged image defaults to Always', yaml: pod('containers: [{name: app, image: nginx}]') },
    { name: 'latest defaults to Always', yaml: pod('containers: [{name: app, image: "registry:5000/app:latest"}]') },
    { name: 'registry port is not a tag, so the default is Always', yaml: pod('containers: [{name: app, image: "registry:5000/app"}]') },
    { name: 'no image', yaml: pod('containers: [{name: app, imagePullPolicy: IfNotPresent}]') },
    { name: 'unknown policy value is for the schema rules', yaml: pod('containers: [{name: app, image: nginx:1.27, imagePullPolicy: Sometimes}]') },
    ...validInEveryWorkload('containers:\n- name: app\n  image: nginx:1.27\n  imagePullPolicy: Always'),
  ],
  invalid: [
    {
      name: 'IfNotPresent is replaced in place, comment kept',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    image: nginx:1.27
    imagePullPolicy: IfNotPresent # cache
#                    ^^^^^^^^^^^^ info image-pull-policy: Container "app" in Pod "web" uses imagePullPolicy IfNotPresent for the mutable image "nginx:1.27", so nodes may run a stale or unauthorised copy.
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    image: nginx:1.27
    imagePullPolicy: Always # cache
`,
    },
    {
      name: 'missing policy with a version tag defaults to IfNotPresent',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
#   ^^^^^^^^^ info image-pull-policy: Container "app" in Pod "web" defaults to imagePullPolicy IfNotPresent for the mutable image "ghcr.io/org/app:v2", so nodes may run a stale or unauthorised copy.
    image: ghcr.io/org/app:v2
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    image: ghcr.io/org/app:v2
    imagePullPolicy: Always
`,
    },
    {
      name: 'Never is fixed too, as an unsafe fix',
      yaml: pod('containers:\n- name: app\n  image: app:1.0\n  imagePullPolicy: Never'),
      errors: 1,
      output: pod('containers:\n- name: app\n  image: app:1.0\n  imagePullPolicy: Always'),
    },
    {
      name: 'explicit IfNotPresent with latest is still flagged',
      yaml: pod('containers:\n- name: app\n  image: app:latest\n  imagePullPolicy: IfNotPresent'),
      errors: 1,
      output: pod('containers:\n- name: app\n  image: app:latest\n  imagePullPolicy: Always'),
    },
    {
      name: 'malformed digest is not pinned',
      yaml: pod('containers: [{name: app, image: "app:1.0@sha256:abc", imagePullPolicy: IfNotPresent}]'),
      errors: 1,
      output: pod('containers: [{name: app, image: "app:1.0@sha256:abc", imagePullPolicy: Always}]'),
    },
    {
      name: 'flow style container gains the key',
      yaml: pod('containers: [{name: app, image: "registry:5000/team/app:1.2"}]'),
      errors: 1,
      output: pod('containers: [{name: app, image: "registry:5000/team/app:1.2", imagePullPolicy: Always}]'),
    },
    {
      name: 'init and ephemeral containers',
      yaml: pod('initContainers:\n- name: setup\n  image: busybox:1.36\nephemeralContainers:\n- name: debug\n  image: busybox:1.36\ncontainers: [{name: app, image: nginx}]'),
      errors: 2,
      output: pod('initContainers:\n- name: setup\n  image: busybox:1.36\n  imagePullPolicy: Always\nephemeralContainers:\n- name: debug\n  image: busybox:1.36\n  imagePullPolicy: Always\ncontainers: [{name: app, image: nginx}]'),
    },
    ...inEveryWorkload({
      podSpec: 'containers:\n- name: app\n  image: nginx:1.27\n  imagePullPolicy: IfNotPresent',
      errors: 1,
      output: 'containers:\n- name: app\n  image: nginx:1.27\n  imagePullPolicy: Always',
    }),
  ],
});
