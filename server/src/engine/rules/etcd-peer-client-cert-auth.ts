import { checkBoolFlag, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'etcd-peer-client-cert-auth',
    title: 'Peer certificates not required by etcd',
    severity: 'error',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: an unauthenticated peer port lets anyone join the etcd cluster and receive all data.
    profile: 'baseline',
    references: [cis('2.5', 'Ensure that the --peer-client-cert-auth argument is set to true'), NSA.controlPlane],
    docs: {
      rationale: 'Without `--peer-client-cert-auth=true` etcd members accept peer connections from anything that reaches the peer port (2380). A rogue member joins the cluster and receives a full copy of the data, Secrets included.',
      remediation: 'Add `--peer-client-cert-auth=true` and `--peer-trusted-ca-file` to the etcd command of every member.',
      bad: staticPod('etcd', []),
      good: staticPod('etcd', ['--peer-client-cert-auth=true']),
    },
  },
  scope: 'pod',
  check(pod, { fixer }) {
    return checkBoolFlag(pod, fixer, { component: 'etcd', flag: 'peer-client-cert-auth', defaultValue: false, want: true, consequence: 'accepts peers without a certificate, so anyone who reaches the peer port can join the cluster' });
  },
});
