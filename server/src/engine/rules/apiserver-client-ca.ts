import { checkRequiredFlags, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'apiserver-client-ca',
    title: 'API server does not accept client certificates',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: kubelets and control-plane components authenticate with client certificates in every standard setup.
    profile: 'baseline',
    references: [cis('1.2.25', 'Ensure that the --client-ca-file argument is set as appropriate'), NSA.controlPlane],
    docs: {
      rationale: 'Without `--client-ca-file` the API server accepts no client certificates, so kubelets, the scheduler and the controller manager cannot authenticate with them and must use static tokens or other weaker credentials.',
      remediation: 'Pass the cluster CA with `--client-ca-file` (kubeadm: `/etc/kubernetes/pki/ca.crt`).',
      bad: staticPod('kube-apiserver', []),
      good: staticPod('kube-apiserver', ['--client-ca-file=/etc/kubernetes/pki/ca.crt']),
    },
  },
  scope: 'pod',
  check(pod) {
    return checkRequiredFlags(pod, 'kube-apiserver', ['client-ca-file'], 'it cannot authenticate clients by certificate, and nodes and components fall back to weaker credentials');
  },
});
