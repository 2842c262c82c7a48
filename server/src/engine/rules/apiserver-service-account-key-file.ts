import { checkRequiredFlags, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'apiserver-service-account-key-file',
    title: 'API server has no service account verification key',
    severity: 'info',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: a dedicated token signing key is what every supported installer sets up.
    profile: 'baseline',
    references: [cis('1.2.22', 'Ensure that the --service-account-key-file argument is set as appropriate'), NSA.authz],
    docs: {
      rationale: 'Without `--service-account-key-file` the API server verifies service account tokens with its TLS private key. Token signing and TLS then share one key: rotating one breaks the other, and a leaked serving key also forges tokens.',
      remediation: "Create a dedicated key pair (kubeadm: `sa.key`/`sa.pub`), pass the public key with `--service-account-key-file` and the private key to `--service-account-signing-key-file` and to the controller manager's `--service-account-private-key-file`.",
      bad: staticPod('kube-apiserver', []),
      good: staticPod('kube-apiserver', ['--service-account-key-file=/etc/kubernetes/pki/sa.pub']),
    },
  },
  scope: 'pod',
  check(pod) {
    return checkRequiredFlags(pod, 'kube-apiserver', ['service-account-key-file'], 'service account tokens are checked against the serving key only, and tokens cannot be rotated to a new key');
  },
});
