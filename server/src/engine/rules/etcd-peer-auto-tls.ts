import { checkBoolFlag, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'etcd-peer-auto-tls',
    title: 'Self-signed peer TLS in etcd',
    severity: 'error',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: self-signed peer TLS gives no authentication, so it only fires when set on purpose.
    profile: 'baseline',
    references: [cis('2.6', 'Ensure that the --peer-auto-tls argument is not set to true'), NSA.controlPlane, MITRE.adversaryInTheMiddle],
    docs: {
      rationale: 'With `--peer-auto-tls=true` etcd members use self-signed certificates between each other. Peers cannot authenticate one another, so a rogue member can join and replicate every Secret.',
      remediation: 'Remove `--peer-auto-tls` (or set it to `false`) and give each member a peer certificate with `--peer-cert-file` and `--peer-key-file`.',
      bad: staticPod('etcd', ['--peer-auto-tls=true']),
      good: staticPod('etcd', []),
    },
  },
  scope: 'pod',
  check(pod, { fixer }) {
    return checkBoolFlag(pod, fixer, { component: 'etcd', flag: 'peer-auto-tls', defaultValue: false, want: false, consequence: 'talks to its peers with self-signed certificates that nobody verifies' });
  },
});
