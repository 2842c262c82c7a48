import rule from '../../server/src/engine/rules/seccomp-profile';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

const BASELINE = { profile: 'baseline' };

ruleTester.run(rule, {
  valid: [
    { name: 'pod RuntimeDefault is inherited', yaml: pod('securityContext:\n  seccompProfile: {type: RuntimeDefault}\ncontainers: [{name: app}]\ninitContainers: [{name: setup}]') },
    { name: 'every container sets Localhost', yaml: pod('containers:\n- name: app\n  securityContext:\n    seccompProfile: {type: Localhost, localhostProfile: p.json}') },
    { name: 'baseline: unset is allowed', settings: BASELINE, yaml: pod('containers: [{name: app}]') },
    { name: 'restricted: Windows pods are exempt, Unconfined too', yaml: pod('os: {name: windows}\nsecurityContext:\n  seccompProfile: {type: Unconfined}\ncontainers: [{name: app}]') },
    { name: 'before v1.19 the field is not read', settings: { podSecurity: { version: 'v1.18' } }, yaml: pod('securityContext:\n  seccompProfile: {type: Unconfined}\ncontainers: [{name: app}]') },
    ...validInEveryWorkload('securityContext:\n  seccompProfile: {type: RuntimeDefault}\ncontainers: [{name: app}]'),
  ],
  invalid: [
    {
      name: 'missing everywhere: set once on the pod',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
#   ^^^^^^^^^ warning seccomp-profile: Container "app" in Pod "web" has no seccomp profile, in its own or the pod's security context, so it runs Unconfined.
  - name: sidecar
#   ^^^^^^^^^^^^^ warning seccomp-profile
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
  - name: sidecar
  securityContext:
    seccompProfile:
      type: RuntimeDefault
`,
    },
    {
      name: 'one container lacks it: set on that container',
      yaml: pod('containers:\n- name: app\n  securityContext:\n    seccompProfile: {type: RuntimeDefault}\n- name: sidecar\n  image: x'),
      errors: 1,
      output: pod('containers:\n- name: app\n  securityContext:\n    seccompProfile: {type: RuntimeDefault}\n- name: sidecar\n  image: x\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault'),
    },
    {
      name: 'pod Unconfined, reported once at baseline',
      settings: BASELINE,
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext:
    seccompProfile:
      type: Unconfined
#           ^^^^^^^^^^ warning seccomp-profile: Pod "web" sets the seccomp profile type "Unconfined"; only RuntimeDefault and Localhost are allowed.
  containers: [{name: app}]
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  containers: [{name: app}]
`,
    },
    {
      name: 'a container overrides a valid pod profile with Unconfined',
      yaml: pod('securityContext:\n  seccompProfile: {type: RuntimeDefault}\ncontainers:\n- name: app\n  securityContext:\n    seccompProfile: {type: Unconfined}'),
      errors: 1,
      output: pod('securityContext:\n  seccompProfile: {type: RuntimeDefault}\ncontainers:\n- name: app\n  securityContext:\n    seccompProfile: {type: RuntimeDefault}'),
    },
    {
      name: 'baseline checks Windows pods',
      settings: BASELINE,
      yaml: pod('os: {name: windows}\ncontainers:\n- name: app\n  securityContext:\n    seccompProfile: {type: Unconfined}'),
      errors: 1,
      output: pod('os: {name: windows}\ncontainers:\n- name: app\n  securityContext:\n    seccompProfile: {type: RuntimeDefault}'),
    },
    {
      name: 'restricted before v1.25 checks Windows pods',
      settings: { podSecurity: { version: 'v1.24' } },
      yaml: pod('os: {name: windows}\ncontainers: [{name: app}]'),
      errors: 1,
      output: pod('os: {name: windows}\ncontainers: [{name: app}]\nsecurityContext:\n  seccompProfile:\n    type: RuntimeDefault'),
    },
    {
      name: 'a profile without a type, in init and ephemeral containers',
      yaml: pod('securityContext:\n  seccompProfile: {type: RuntimeDefault}\ninitContainers:\n- name: setup\n  securityContext: {seccompProfile: {}}\nephemeralContainers:\n- name: debug\n  securityContext: {seccompProfile: {type: Unconfined}}\ncontainers: [{name: app}]'),
      errors: 2,
      output: pod('securityContext:\n  seccompProfile: {type: RuntimeDefault}\ninitContainers:\n- name: setup\n  securityContext: {seccompProfile: {type: RuntimeDefault}}\nephemeralContainers:\n- name: debug\n  securityContext: {seccompProfile: {type: RuntimeDefault}}\ncontainers: [{name: app}]'),
    },
    {
      name: 'before v1.19: the alpha annotations',
      settings: { profile: 'baseline', podSecurity: { version: 'v1.18' } },
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: unconfined\n    container.seccomp.security.alpha.kubernetes.io/app: docker/default\nspec:\n  containers: [{name: app}]\n',
      errors: [{ line: 6, column: 47, message: 'Pod "p" sets the seccomp profile "unconfined" by annotation; only runtime/default, docker/default and localhost/ profiles are allowed.' }],
      output: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: runtime/default\n    container.seccomp.security.alpha.kubernetes.io/app: docker/default\nspec:\n  containers: [{name: app}]\n',
    },
    ...inEveryWorkload({
      podSpec: 'containers:\n- name: app\n  image: nginx:1.27',
      errors: 1,
      output: 'containers:\n- name: app\n  image: nginx:1.27\nsecurityContext:\n  seccompProfile:\n    type: RuntimeDefault',
    }),
  ],
});
