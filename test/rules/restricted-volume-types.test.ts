import rule from '../../server/src/engine/rules/restricted-volume-types';
import { inEveryWorkload, pod, ruleTester, validInEveryWorkload } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    {
      name: 'every allowed type, and a volume without a source (an emptyDir)',
      yaml: pod('containers: [{name: app}]\nvolumes:\n- name: a\n- {name: b, emptyDir: {}}\n- {name: c, configMap: {name: c}}\n- {name: d, secret: {secretName: d}}\n- {name: e, persistentVolumeClaim: {claimName: e}}\n- {name: f, downwardAPI: {items: []}}\n- {name: g, projected: {sources: []}}\n- {name: h, csi: {driver: x}}\n- {name: i, ephemeral: {volumeClaimTemplate: {spec: {}}}}\n- {name: j, image: {reference: "registry.k8s.io/pause"}}'),
    },
    { name: 'a null source is no source', yaml: pod('containers: [{name: app}]\nvolumes:\n- name: a\n  nfs: null') },
    { name: 'image volumes at an old policy version too', settings: { podSecurity: { version: 'v1.25' } }, yaml: pod('containers: [{name: app}]\nvolumes:\n- {name: j, image: {reference: x}}') },
    ...validInEveryWorkload('containers: [{name: app}]\nvolumes:\n- name: data\n  persistentVolumeClaim: {claimName: data}'),
  ],
  invalid: [
    {
      name: 'nfs, on the type key',
      yaml: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers: [{name: app}]
  volumes:
  - name: share
    nfs:
#   ^^^ warning restricted-volume-types: Volume "share" in Pod "web" uses the nfs volume type, which the restricted level does not allow.
      server: nfs.example.com
      path: /exports
`,
      output: null,
    },
    {
      name: 'hostPath, gitRepo, photonPersistentDisk',
      yaml: pod('containers: [{name: app}]\nvolumes:\n- {name: a, hostPath: {path: /}}\n- {name: b, gitRepo: {repository: x}}\n- {name: c, photonPersistentDisk: {pdID: x}}'),
      errors: 3,
      output: null,
    },
    ...inEveryWorkload({ podSpec: 'containers: [{name: app}]\nvolumes:\n- name: d\n  iscsi: {targetPortal: x, iqn: y, lun: 0}', errors: 1, output: null }),
  ],
});
