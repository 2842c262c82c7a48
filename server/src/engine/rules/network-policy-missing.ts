import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';
import { namespaceOfObject, podLabels, selects } from '../workspace';

export default defineRule({
  meta: {
    id: 'network-policy-missing',
    title: 'No NetworkPolicy selects the pods',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Restricted: many clusters isolate at another layer (service mesh, cloud firewalls), and a
    // workspace often holds only part of a namespace's manifests.
    profile: 'restricted',
    references: [cis('5.3.2', 'Ensure that all Namespaces have Network Policies defined'), NSA.network, MITRE.exploitPublicApp],
    docs: {
      rationale:
        'Pods that no NetworkPolicy selects accept traffic from every pod in the cluster and can reach every pod, ' +
        'so one compromised workload can probe and attack all the others. The rule looks for a NetworkPolicy in ' +
        'the workload\'s namespace (`default` when the manifest names none) whose `podSelector` matches the pod ' +
        'template\'s labels, anywhere in the workspace: in the same file, or in another file when the editor or ' +
        'the CLI scans a folder. Pods on the host network are skipped, since policies do not apply to them.',
      remediation:
        'Add a NetworkPolicy to the namespace that selects the pods, for example a default-deny policy with ' +
        '`podSelector: {}` and `policyTypes: [Ingress, Egress]`, then policies that allow the traffic the workload needs.',
      bad: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
      good:
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: default-deny, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n' +
        '---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
    },
  },
  scope: 'pod',
  check(pod, { object, workspace }) {
    if (!workspace || pod.hostNetwork?.value === true) return [];
    const namespace = namespaceOfObject(object);
    const labels = podLabels(object);
    if (workspace.policiesIn(namespace).some((policy) => selects(policy.podSelector, labels))) return [];
    return [
      {
        span: object.anchorSpan,
        path: object.name?.path ?? object.kind.path,
        message: `No NetworkPolicy in namespace "${namespace}" selects the pods of ${object.label}, so they accept traffic from anywhere in the cluster.`,
      },
    ];
  },
});
