import { checkBoolFlag, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'controller-manager-service-account-credentials',
    title: "Controllers share the controller manager's credentials",
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: kubeadm and most distributions set it; without it RBAC cannot limit any controller.
    profile: 'baseline',
    references: [cis('1.3.3', 'Ensure that the --use-service-account-credentials argument is set to true'), NSA.authz],
    fix: 'unsafe',
    docs: {
      rationale: "Without `--use-service-account-credentials=true` every controller loop acts with the controller manager's own identity, which needs the union of all their permissions. A bug or compromise in any controller then has all of them, and audit logs cannot tell controllers apart.",
      remediation: 'Add `--use-service-account-credentials=true` to the kube-controller-manager command; the built-in `system:controller:*` roles grant each controller what it needs.',
      fixSafety: 'Unsafe: controllers then act through their own service accounts, so a cluster whose RBAC lacks the bootstrap `system:controller:*` roles (removed or never reconciled) stops reconciling.',
      bad: staticPod('kube-controller-manager', []),
      good: staticPod('kube-controller-manager', ['--use-service-account-credentials=true']),
    },
  },
  scope: 'pod',
  check(pod, { fixer }) {
    return checkBoolFlag(pod, fixer, { component: 'kube-controller-manager', flag: 'use-service-account-credentials', defaultValue: false, want: true, consequence: 'runs every controller with its own, all-powerful credentials instead of a service account per controller', fix: 'unsafe' });
  },
});
