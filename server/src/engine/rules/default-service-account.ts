import { getBool, getString } from '../model/located';
import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'default-service-account',
    title: 'Pod uses the default service account',
    severity: 'warning',
    family: 'identity',
    layer: 'Container',
    profile: 'restricted',
    references: [cis('5.1.5', 'Ensure that default service accounts are not actively used'), NSA.authz, MITRE.containerApiCreds],
    docs: {
      rationale:
        'Every pod of a namespace that names no service account runs as `default`. Permissions granted to it ' +
        'for one workload are then held by all of them, and its token cannot be revoked or audited per ' +
        'workload. A pod that sets `automountServiceAccountToken: false` holds no token, so it is not flagged.',
      remediation:
        'Create a ServiceAccount for the workload, bind only the roles it needs, and set `serviceAccountName`. ' +
        'If the workload never calls the Kubernetes API, set `automountServiceAccountToken: false` instead.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccountName: web\n  containers:\n  - name: app\n    image: nginx:1.27\n',
    },
  },
  scope: 'pod',
  check(pod, { object }) {
    // Without a token the pod cannot act as the default account, so sharing it grants nothing.
    if (getBool(pod.map, 'automountServiceAccountToken')?.value === false) return [];
    // `serviceAccount` is the deprecated alias the API server still honours when the new field is absent.
    const named = getString(pod.map, 'serviceAccountName') ?? getString(pod.map, 'serviceAccount');
    if (named && named.value !== '' && named.value !== 'default') return [];
    if (named) {
      return [
        {
          span: named.span,
          path: named.path,
          message: `${object.label} runs as the namespace's default service account, which every pod without its own account shares.`,
        },
      ];
    }
    return [
      {
        span: pod.anchorSpan,
        path: [...pod.map.path, 'serviceAccountName'],
        message: `${object.label} sets no serviceAccountName, so it runs as the namespace's default service account.`,
      },
    ];
  },
});
