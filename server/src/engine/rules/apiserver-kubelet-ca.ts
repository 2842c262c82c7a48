import { checkRequiredFlags, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'apiserver-kubelet-ca',
    title: 'API server does not verify kubelet certificates',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Restricted: it needs kubelet serving certificates signed by a known CA (serverTLSBootstrap), which kubeadm does not set up by default.
    profile: 'restricted',
    references: [cis('1.2.5', 'Ensure that the --kubelet-certificate-authority argument is set as appropriate'), NSA.controlPlane, MITRE.adversaryInTheMiddle],
    docs: {
      rationale: 'Without `--kubelet-certificate-authority` the API server connects to kubelets over TLS without checking who answers. Anyone who can redirect traffic for a node address receives `exec` sessions, logs and port-forwards meant for that node.',
      remediation: 'Have kubelets request serving certificates from the cluster CA (`serverTLSBootstrap: true`, then approve the CSRs) and pass that CA with `--kubelet-certificate-authority`.',
      bad: staticPod('kube-apiserver', []),
      good: staticPod('kube-apiserver', ['--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt']),
    },
  },
  scope: 'pod',
  check(pod) {
    return checkRequiredFlags(pod, 'kube-apiserver', ['kubelet-certificate-authority'], "it does not verify the kubelets' serving certificates and a node impostor can intercept exec and log traffic");
  },
});
