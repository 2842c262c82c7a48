import { checkRequiredFlags, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'controller-manager-root-ca',
    title: 'Controller manager does not publish the cluster CA',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: without it in-cluster clients cannot authenticate the API server.
    profile: 'baseline',
    references: [cis('1.3.5', 'Ensure that the --root-ca-file argument is set as appropriate'), NSA.controlPlane, MITRE.adversaryInTheMiddle],
    docs: {
      rationale: "The controller manager publishes `--root-ca-file` into every namespace (`kube-root-ca.crt`) and into service account token Secrets. Without it pods cannot verify the API server's certificate, so they either fail or skip verification and can be intercepted.",
      remediation: 'Pass the cluster CA with `--root-ca-file` (kubeadm: `/etc/kubernetes/pki/ca.crt`).',
      bad: staticPod('kube-controller-manager', []),
      good: staticPod('kube-controller-manager', ['--root-ca-file=/etc/kubernetes/pki/ca.crt']),
    },
  },
  scope: 'pod',
  check(pod) {
    return checkRequiredFlags(pod, 'kube-controller-manager', ['root-ca-file'], 'pods are not given the cluster CA and cannot verify the API server they talk to');
  },
});
