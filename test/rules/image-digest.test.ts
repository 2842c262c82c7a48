import rule from '../../server/src/engine/rules/image-digest';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

const DIGEST = 'sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

ruleTester.run(rule, {
  valid: [
    { name: 'digest only', yaml: pod(`containers: [{name: app, image: "nginx@${DIGEST}"}]`) },
    { name: 'tag and digest', yaml: pod(`containers: [{name: app, image: "nginx:1.27@${DIGEST}"}]`) },
    { name: 'registry with port, nested repository and digest', yaml: pod(`containers: [{name: app, image: "registry:5000/team/sub/app@${DIGEST}"}]`) },
    { name: 'sha512 digest', yaml: pod(`containers: [{name: app, image: "app@sha512:${'b'.repeat(128)}"}]`) },
    { name: 'no image field', yaml: pod('containers: [{name: app}]') },
    { name: 'unparseable reference is another rule\'s problem', yaml: pod('containers: [{name: app, image: "Not A Ref"}]') },
    { name: 'upper-case repository cannot be pulled at all', yaml: pod('containers: [{name: app, image: "Nginx:1.27"}]') },
    ...validInEveryWorkload(`containers:\n- name: app\n  image: nginx@${DIGEST}`),
  ],
  invalid: [
    {
      name: 'version tag without digest',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    image: nginx:1.27.3 # pinned?
#          ^^^^^^^^^^^^ info image-digest: Container "app" in Pod "web" uses image "nginx:1.27.3" without a digest, so the tag can be moved to other content.
`,
    },
    {
      name: 'malformed digest: only the digest is marked',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    image: nginx@sha256:abc
#                ^^^^^^^^^^ info image-digest: Container "app" in Pod "web" uses image "nginx@sha256:abc" whose digest is malformed (expected sha256: and 64 lower-case hex digits), so it is not pinned.
`,
    },
    {
      name: 'upper-case hex is not a valid digest',
      yaml: pod(`containers: [{name: app, image: "nginx@sha256:${'A'.repeat(64)}"}]`),
      errors: 1,
    },
    {
      name: 'digest of the wrong length with a tag',
      yaml: pod(`containers: [{name: app, image: "nginx:1.27@sha256:${'a'.repeat(63)}"}]`),
      errors: 1,
    },
    { name: 'registry with a port has no tag', yaml: pod('containers: [{name: app, image: "registry:5000/app"}]'), errors: 1 },
    { name: 'nested repository with tag', yaml: pod('containers: [{name: app, image: ghcr.io/org/team/app:v2}]'), errors: 1 },
    {
      name: 'init and ephemeral containers',
      yaml: pod('initContainers: [{name: setup, image: busybox:1.36}]\nephemeralContainers: [{name: debug, image: busybox}]\ncontainers: [{name: app, image: "nginx@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}]'),
      errors: 2,
    },
    ...inEveryWorkload({ podSpec: 'containers:\n- name: app\n  image: nginx:1.27', errors: 1 }),
  ],
});
