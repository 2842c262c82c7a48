import rule from '../../server/src/engine/rules/apparmor-unconfined';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

const annotated = (value: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/app: ${value}\nspec:\n  containers: [{name: app}]\n`;

ruleTester.run(rule, {
  valid: [
    { name: 'unset', yaml: pod('containers: [{name: app}]') },
    { name: 'RuntimeDefault and Localhost', yaml: pod('securityContext:\n  appArmorProfile: {type: RuntimeDefault}\ncontainers:\n- name: app\n  securityContext:\n    appArmorProfile: {type: Localhost, localhostProfile: k8s-nginx}') },
    { name: 'annotation runtime/default', yaml: annotated('runtime/default') },
    { name: 'annotation localhost/', yaml: annotated('localhost/k8s-nginx') },
    { name: 'annotation empty', yaml: annotated('""') },
    ...validInEveryWorkload('containers:\n- name: app\n  securityContext: {appArmorProfile: {type: RuntimeDefault}}'),
  ],
  invalid: [
    {
      name: 'container field Unconfined',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    securityContext:
      appArmorProfile:
        type: Unconfined
#             ^^^^^^^^^^ error apparmor-unconfined: Container "app" in Pod "web" sets the AppArmor profile type "Unconfined"; only RuntimeDefault and Localhost are allowed.
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    securityContext:
      appArmorProfile:
        type: RuntimeDefault
`,
    },
    {
      name: 'annotation unconfined',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: unconfined
#                                                       ^^^^^^^^^^ error apparmor-unconfined: Pod "web" sets the AppArmor profile "unconfined" for container "app" by annotation; only runtime/default and localhost/ profiles are allowed.
spec:
  containers: [{name: app}]
`,
      output: `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: runtime/default
spec:
  containers: [{name: app}]
`,
    },
    {
      name: 'pod level, and a profile without a type',
      yaml: pod('securityContext:\n  appArmorProfile: {type: Unconfined}\ncontainers:\n- name: app\n  securityContext:\n    appArmorProfile: {}'),
      errors: 2,
      output: pod('securityContext:\n  appArmorProfile: {type: RuntimeDefault}\ncontainers:\n- name: app\n  securityContext:\n    appArmorProfile: {type: RuntimeDefault}'),
    },
    {
      name: 'init and ephemeral containers',
      yaml: pod('initContainers:\n- name: setup\n  securityContext: {appArmorProfile: {type: Unconfined}}\nephemeralContainers:\n- name: debug\n  securityContext: {appArmorProfile: {type: Unconfined}}\ncontainers: [{name: app}]'),
      errors: 2,
      output: pod('initContainers:\n- name: setup\n  securityContext: {appArmorProfile: {type: RuntimeDefault}}\nephemeralContainers:\n- name: debug\n  securityContext: {appArmorProfile: {type: RuntimeDefault}}\ncontainers: [{name: app}]'),
    },
    ...inEveryWorkload({
      podSpec: 'containers:\n- name: app\n  securityContext:\n    appArmorProfile:\n      type: Unconfined',
      errors: 1,
      output: 'containers:\n- name: app\n  securityContext:\n    appArmorProfile:\n      type: RuntimeDefault',
    }),
  ],
});
