import { checkRequiredFlags, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'apiserver-tls-cert',
    title: 'API server has no TLS certificate',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: a self-signed serving certificate defeats server authentication for every client.
    profile: 'baseline',
    references: [cis('1.2.24', 'Ensure that the --tls-cert-file and --tls-private-key-file arguments are set as appropriate'), NSA.controlPlane, MITRE.adversaryInTheMiddle],
    docs: {
      rationale: 'Without `--tls-cert-file` and `--tls-private-key-file` the API server generates a self-signed certificate. Clients then either fail or skip verification, and a client that skips verification sends its credentials to whoever answers.',
      remediation: "Issue a serving certificate from the cluster CA with the API server's names and addresses as subject alternative names, and pass it with `--tls-cert-file` and `--tls-private-key-file`.",
      bad: staticPod('kube-apiserver', []),
      good: staticPod('kube-apiserver', ['--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key']),
    },
  },
  scope: 'pod',
  check(pod) {
    return checkRequiredFlags(pod, 'kube-apiserver', ['tls-cert-file', 'tls-private-key-file'], 'it serves HTTPS with a self-signed certificate that clients cannot verify');
  },
});
