import rule from '../../server/src/engine/rules/image-registry';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

const allow = (...allowedRegistries: string[]) => ({ allowedRegistries });
const one = (image: string) => pod(`containers: [{name: app, image: "${image}"}]`);

ruleTester.run(rule, {
  valid: [
    { name: 'off while the list is empty', yaml: one('evil.example.net/miner:1') },
    { name: 'whole registry', yaml: one('registry.example.com/any/thing:1'), settings: allow('registry.example.com') },
    { name: 'registry host is case-insensitive', yaml: one('Registry.Example.com/app:1'), settings: allow('registry.example.com') },
    { name: 'repository prefix with trailing slash', yaml: one('registry.example.com/team/app:1'), settings: allow('registry.example.com/team/') },
    { name: 'nested repository under the prefix', yaml: one('registry.example.com/team/sub/app:1'), settings: allow('registry.example.com/team') },
    { name: 'official images through docker.io/library/', yaml: one('nginx:1.27'), settings: allow('docker.io/library/') },
    { name: 'explicit docker.io/library is the same', yaml: one('docker.io/library/nginx:1.27'), settings: allow('docker.io/library/') },
    { name: 'index.docker.io in the list means docker.io', yaml: one('bitnami/redis:7'), settings: allow('index.docker.io') },
    { name: 'registry with a port', yaml: one('registry:5000/app'), settings: allow('registry:5000') },
    { name: 'wildcard host', yaml: one('123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1'), settings: allow('*.dkr.ecr.eu-west-1.amazonaws.com') },
    { name: 'scheme in the entry is ignored', yaml: one('registry.example.com/app:1'), settings: allow('https://registry.example.com/') },
    { name: 'digest-pinned image from an allowed registry', yaml: one(`registry.example.com/app@sha256:${'c'.repeat(64)}`), settings: allow('registry.example.com') },
    { name: 'unparseable references are left to other rules', yaml: one('Not A Ref'), settings: allow('registry.example.com') },
    ...validInEveryWorkload('containers:\n- name: app\n  image: registry.example.com/app:1', allow('registry.example.com')),
  ],
  invalid: [
    {
      name: 'registry outside the list: the host is marked',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    image: ghcr.io/org/app:1.0
#          ^^^^^^^ warning image-registry: Container "app" in Pod "web" pulls "ghcr.io/org/app:1.0" from ghcr.io/org/app, which kubeward.allowedRegistries does not allow.
`,
      settings: allow('registry.example.com'),
    },
    {
      name: 'Docker Hub image without a registry part: the whole reference is marked',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    image: nginx:1.27
#          ^^^^^^^^^^ warning image-registry: Container "app" in Pod "web" pulls "nginx:1.27" from docker.io/library/nginx, which kubeward.allowedRegistries does not allow.
`,
      settings: allow('registry.example.com'),
    },
    { name: 'prefix matches whole path components only', yaml: one('registry.example.com/teamx/app:1'), settings: allow('registry.example.com/team/'), errors: 1 },
    { name: 'another repository on the same registry', yaml: one('registry.example.com/other/app:1'), settings: allow('registry.example.com/team/'), errors: 1 },
    { name: 'docker.io/library/ does not allow user images', yaml: one('bitnami/redis:7'), settings: allow('docker.io/library/'), errors: 1 },
    { name: 'a look-alike host', yaml: one('registry.example.com.evil.net/app:1'), settings: allow('registry.example.com'), errors: 1 },
    { name: 'wildcard does not match the bare domain', yaml: one('amazonaws.com/app:1'), settings: allow('*.amazonaws.com'), errors: 1 },
    { name: 'port must match', yaml: one('registry:5001/app'), settings: allow('registry:5000'), errors: 1 },
    {
      name: 'init and ephemeral containers',
      yaml: pod('initContainers: [{name: setup, image: busybox}]\nephemeralContainers: [{name: debug, image: quay.io/x/y}]\ncontainers: [{name: app, image: registry.example.com/app}]'),
      settings: allow('registry.example.com'),
      errors: 2,
    },
    ...inEveryWorkload({ podSpec: 'containers:\n- name: app\n  image: quay.io/org/app:1', errors: 1, settings: allow('registry.example.com') }),
  ],
});
