import { checkRequiredFlags, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'etcd-peer-tls',
    title: 'No peer TLS between etcd members',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: replication traffic carries every Secret.
    profile: 'baseline',
    references: [cis('2.4', 'Ensure that the --peer-cert-file and --peer-key-file arguments are set as appropriate'), NSA.controlPlane, MITRE.networkSniffing],
    docs: {
      rationale: 'Without `--peer-cert-file` and `--peer-key-file` etcd members replicate over plain HTTP, so the whole cluster state, Secrets included, crosses the network in the clear. A single-member etcd has no peers but is usually grown later with the same flags.',
      remediation: 'Issue each member a peer certificate from the etcd CA and pass it with `--peer-cert-file` and `--peer-key-file`; use `https://` peer URLs.',
      bad: staticPod('etcd', []),
      good: staticPod('etcd', ['--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt', '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key']),
    },
  },
  scope: 'pod',
  check(pod) {
    return checkRequiredFlags(pod, 'etcd', ['peer-cert-file', 'peer-key-file'], 'members replicate data to each other in plain text');
  },
});
