import rule from '../../server/src/engine/rules/image-latest-tag';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const image = (ref: string) => pod(`containers:\n- name: app\n  image: ${ref}`);

ruleTester.run(rule, {
  valid: [
    { name: 'a version tag', yaml: image('nginx:1.27.3') },
    { name: 'a digest', yaml: image(`nginx@${DIGEST}`) },
    { name: 'latest pinned by digest', yaml: image(`nginx:latest@${DIGEST}`) },
    { name: 'registry with a port and a tag', yaml: image('registry.local:5000/team/app:2.1') },
    { name: 'a tag that merely contains latest', yaml: image('app:latest-1.2') },
    { name: 'quoted', yaml: image('"nginx:1.27"') },
    { name: 'no image field (a template-filled container)', yaml: pod('containers:\n- name: app') },
    { name: 'unparseable references are left to schema validation', yaml: image('"Not An Image"') },
    ...validInEveryWorkload('containers:\n- name: app\n  image: nginx:1.27'),
  ],
  invalid: [
    {
      name: 'the latest tag is underlined',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    image: nginx:latest # for now
#                ^^^^^^ warning image-latest-tag: Container "app" in Pod "web" uses the mutable tag "latest" for image "nginx:latest".
`,
    },
    {
      name: 'no tag means latest',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    image: "nginx"
#          ^^^^^^^ warning image-latest-tag: Container "app" in Pod "web" uses image "nginx" without a tag or digest, which means "latest".
`,
    },
    {
      name: 'a registry port is not a tag',
      yaml: image('registry:5000/app'),
      errors: [{ line: 8, column: 12, endColumn: 29 }],
    },
    {
      name: 'a malformed digest does not pin',
      yaml: image('app@sha256:abc'),
      errors: 1,
    },
    {
      name: 'quoted latest tag',
      yaml: image("'app:latest'"),
      errors: [{ line: 8, column: 17, endColumn: 23 }],
    },
    {
      name: 'init and ephemeral containers',
      yaml: pod('initContainers: [{name: i, image: busybox}]\nephemeralContainers: [{name: e, image: "busybox:latest"}]\ncontainers: [{name: c, image: busybox:1.36}]'),
      errors: 2,
    },
    ...inEveryWorkload({ podSpec: 'containers:\n- name: app\n  image: nginx:latest', errors: 1 }),
  ],
});
