import { atFlag, componentsOf, featureGate, staticPod } from '../model/flags';
import { defineRule, type RuleFinding } from '../rule';
import { cis, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'controller-manager-rotate-kubelet-server-cert',
    title: 'Kubelet serving certificate rotation is off',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: the gate is on by default; it only fires when turned off on purpose.
    profile: 'baseline',
    references: [cis('1.3.6', 'Ensure that the RotateKubeletServerCertificate argument is set to true'), NSA.controlPlane],
    docs: {
      rationale:
        'The `RotateKubeletServerCertificate` feature gate lets kubelets request and renew serving certificates ' +
        'from the cluster CA. Turned off in the controller manager, those requests are not handled, so kubelets keep ' +
        'self-signed serving certificates that the API server cannot verify, or certificates that expire.',
      remediation: 'Remove `RotateKubeletServerCertificate=false` from `--feature-gates` (the gate defaults to true).',
      bad: staticPod('kube-controller-manager', ['--feature-gates=RotateKubeletServerCertificate=false']),
      good: staticPod('kube-controller-manager', ['--feature-gates=RotateKubeletServerCertificate=true']),
    },
  },
  scope: 'pod',
  check(pod) {
    const out: RuleFinding[] = [];
    for (const cf of componentsOf(pod, 'kube-controller-manager')) {
      const gate = featureGate(cf, 'RotateKubeletServerCertificate');
      if (gate?.value === false) out.push(atFlag(cf, gate, `${cf.label} turns off the RotateKubeletServerCertificate feature gate, so kubelet serving certificates are not issued or renewed by the cluster CA.`));
    }
    return out;
  },
});
