import rule from '../../server/src/engine/rules/proc-mount';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

const BASELINE = { profile: 'baseline' };
const unmasked = (extra = '') => pod(`${extra}containers:\n- name: app\n  securityContext:\n    procMount: Unmasked`);

ruleTester.run(rule, {
  valid: [
    { name: 'unset', yaml: pod('containers: [{name: app}]') },
    { name: 'Default', yaml: pod('containers:\n- name: app\n  securityContext:\n    procMount: Default') },
    { name: 'baseline v1.35+: any value with hostUsers false', settings: BASELINE, yaml: unmasked('hostUsers: false\n') },
    { name: 'baseline: YAML 1.1 no is false', settings: BASELINE, yaml: unmasked('hostUsers: no\n') },
    ...validInEveryWorkload('containers:\n- name: app\n  securityContext: {procMount: Default}'),
  ],
  invalid: [
    {
      name: 'Unmasked is set to Default',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    securityContext:
      procMount: Unmasked # nested runtime
#                ^^^^^^^^ error proc-mount: Container "app" in Pod "web" sets procMount to "Unmasked", which exposes the host's masked /proc paths; only Default is allowed.
`,
      output: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    securityContext:
      procMount: Default # nested runtime
`,
    },
    { name: 'restricted: hostUsers false does not relax', yaml: unmasked('hostUsers: false\n'), errors: 1, output: unmasked('hostUsers: false\n').replace('Unmasked', 'Default') },
    { name: 'baseline before v1.35: hostUsers false does not relax', settings: { profile: 'baseline', podSecurity: { version: 'v1.34' } }, yaml: unmasked('hostUsers: false\n'), errors: 1, output: unmasked('hostUsers: false\n').replace('Unmasked', 'Default') },
    { name: 'baseline with hostUsers true', settings: BASELINE, yaml: unmasked('hostUsers: true\n'), errors: 1, output: unmasked('hostUsers: true\n').replace('Unmasked', 'Default') },
    {
      name: 'init and ephemeral containers',
      yaml: pod('initContainers:\n- name: setup\n  securityContext: {procMount: Unmasked}\nephemeralContainers:\n- name: debug\n  securityContext: {procMount: ""}\ncontainers: [{name: app}]'),
      errors: 2,
      output: pod('initContainers:\n- name: setup\n  securityContext: {procMount: Default}\nephemeralContainers:\n- name: debug\n  securityContext: {procMount: Default}\ncontainers: [{name: app}]'),
    },
    ...inEveryWorkload({
      podSpec: 'containers:\n- name: app\n  securityContext:\n    procMount: Unmasked',
      errors: 1,
      output: 'containers:\n- name: app\n  securityContext:\n    procMount: Default',
    }),
  ],
});
