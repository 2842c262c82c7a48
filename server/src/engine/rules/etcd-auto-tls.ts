import { checkBoolFlag, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'etcd-auto-tls',
    title: 'Self-signed client TLS in etcd',
    severity: 'error',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: self-signed TLS gives no authentication, so it only fires when set on purpose.
    profile: 'baseline',
    references: [cis('2.3', 'Ensure that the --auto-tls argument is not set to true'), NSA.controlPlane, MITRE.adversaryInTheMiddle],
    docs: {
      rationale: 'With `--auto-tls=true` etcd generates a self-signed certificate for client connections. Clients cannot verify it, so the encryption offers no protection against a man in the middle, and it is typically used instead of real client certificate authentication.',
      remediation: "Remove `--auto-tls` (or set it to `false`) and give etcd a certificate from the cluster's etcd CA with `--cert-file` and `--key-file`.",
      bad: staticPod('etcd', ['--auto-tls=true']),
      good: staticPod('etcd', []),
    },
  },
  scope: 'pod',
  check(pod, { fixer }) {
    return checkBoolFlag(pod, fixer, { component: 'etcd', flag: 'auto-tls', defaultValue: false, want: false, consequence: 'serves clients with a self-signed certificate that nobody can verify' });
  },
});
