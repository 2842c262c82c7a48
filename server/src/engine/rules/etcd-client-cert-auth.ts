import { checkBoolFlag, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'etcd-client-cert-auth',
    title: 'Client certificates not required by etcd',
    severity: 'error',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: whoever reaches etcd without client authentication reads and writes every object of the cluster, Secrets included.
    profile: 'baseline',
    references: [cis('2.2', 'Ensure that the --client-cert-auth argument is set to true'), NSA.controlPlane, MITRE.credsInFiles],
    docs: {
      rationale: "etcd holds the whole cluster state, every Secret included. Without `--client-cert-auth=true` it serves any client that can connect, so anyone on the node network (or any pod with host networking) can read all Secrets or rewrite RBAC directly, bypassing the API server's authentication, authorization and audit.",
      remediation: 'Add `--client-cert-auth=true` and `--trusted-ca-file` to the etcd command, and give the API server a client certificate with `--etcd-certfile` and `--etcd-keyfile`.',
      bad: staticPod('etcd', []),
      good: staticPod('etcd', ['--client-cert-auth=true']),
    },
  },
  scope: 'pod',
  check(pod, { fixer }) {
    return checkBoolFlag(pod, fixer, { component: 'etcd', flag: 'client-cert-auth', defaultValue: false, want: true, consequence: 'accepts any client that can reach its port, without a certificate' });
  },
});
