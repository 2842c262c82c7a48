import { checkRequiredFlags, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'controller-manager-service-account-key',
    title: 'Controller manager has no service account signing key',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: every standard installer sets it; without it token rotation is impossible.
    profile: 'baseline',
    references: [cis('1.3.4', 'Ensure that the --service-account-private-key-file argument is set as appropriate'), NSA.authz],
    docs: {
      rationale: 'The controller manager signs legacy service account token Secrets with `--service-account-private-key-file`. Without a dedicated key, tokens cannot be issued or rotated independently of other keys.',
      remediation: "Pass the service account private key (kubeadm: `/etc/kubernetes/pki/sa.key`) with `--service-account-private-key-file`, matching the API server's `--service-account-key-file`.",
      bad: staticPod('kube-controller-manager', []),
      good: staticPod('kube-controller-manager', ['--service-account-private-key-file=/etc/kubernetes/pki/sa.key']),
    },
  },
  scope: 'pod',
  check(pod) {
    return checkRequiredFlags(pod, 'kube-controller-manager', ['service-account-private-key-file'], 'it cannot sign service account tokens and pods cannot get API credentials');
  },
});
