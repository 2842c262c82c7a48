import { checkRequiredFlags, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'etcd-client-tls',
    title: 'No client TLS on etcd',
    severity: 'error',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: etcd traffic carries every Secret of the cluster.
    profile: 'baseline',
    references: [cis('2.1', 'Ensure that the --cert-file and --key-file arguments are set as appropriate'), NSA.controlPlane, MITRE.networkSniffing],
    docs: {
      rationale: 'Without `--cert-file` and `--key-file` etcd serves clients over plain HTTP. Every read and write between the API server and etcd, Secrets included, crosses the network in the clear.',
      remediation: 'Issue etcd a serving certificate from the etcd CA and pass it with `--cert-file` and `--key-file`; use `https://` in `--listen-client-urls` and `--advertise-client-urls`.',
      bad: staticPod('etcd', []),
      good: staticPod('etcd', ['--cert-file=/etc/kubernetes/pki/etcd/server.crt', '--key-file=/etc/kubernetes/pki/etcd/server.key']),
    },
  },
  scope: 'pod',
  check(pod) {
    return checkRequiredFlags(pod, 'etcd', ['cert-file', 'key-file'], 'clients talk to it in plain text and Secrets cross the network unencrypted');
  },
});
