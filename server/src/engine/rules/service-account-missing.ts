import { getString } from '../model/located';
import { defineRule } from '../rule';
import { cis, NSA } from '../references';
import { namespaceOfObject } from '../workspace';

export default defineRule({
  meta: {
    id: 'service-account-missing',
    title: 'Pod names a ServiceAccount the manifests do not define',
    severity: 'info',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: it only fires where the workspace defines the namespace's ServiceAccounts, so it is rarely wrong.
    profile: 'baseline',
    references: [cis('5.1.5', 'Ensure that default service accounts are not actively used'), NSA.authz],
    docs: {
      rationale:
        'A pod whose ServiceAccount does not exist is rejected by the API server (`serviceaccount not found`), so a ' +
        'Deployment never gets its pods. The usual cause is a typo or a ServiceAccount renamed in one manifest but ' +
        'not the other. The rule only judges namespaces for which the workspace defines ServiceAccounts: when it ' +
        'defines none there, they are assumed to be managed elsewhere. `default` always exists.',
      remediation: 'Fix the name in `serviceAccountName`, or add the ServiceAccount manifest to the namespace.',
      bad:
        'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n---\n' +
        'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec:\n  serviceAccountName: wbe\n  containers: [{name: web, image: nginx:1.27}]\n',
      good:
        'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n---\n' +
        'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec:\n  serviceAccountName: web\n  containers: [{name: web, image: nginx:1.27}]\n',
    },
  },
  scope: 'pod',
  check(pod, { object, workspace }) {
    const field = getString(pod.map, 'serviceAccountName') ?? getString(pod.map, 'serviceAccount');
    if (!workspace || !field?.value || field.value === 'default') return [];
    const namespace = namespaceOfObject(object);
    const defined = workspace.serviceAccountsIn(namespace);
    if (!defined || defined.has(field.value)) return [];
    return [
      {
        span: field.span,
        path: field.path,
        message: `${object.label} uses ServiceAccount "${field.value}", which no manifest in namespace "${namespace}" defines; the API server will reject its pods.`,
      },
    ];
  },
});
