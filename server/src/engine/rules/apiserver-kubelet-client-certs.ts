import { atFlag, boolFlag, checkRequiredFlags, componentsOf, staticPod } from '../model/flags';
import { defineRule, type RuleFinding } from '../rule';
import { cis, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'apiserver-kubelet-client-certs',
    title: 'API server calls kubelets without a client certificate',
    severity: 'error',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: without it every kubelet must accept unauthenticated requests for exec and logs to work.
    profile: 'baseline',
    references: [cis('1.2.4', 'Ensure that the --kubelet-client-certificate and --kubelet-client-key arguments are set as appropriate'), NSA.controlPlane],
    docs: {
      rationale: 'The API server proxies `kubectl exec`, `logs`, `attach` and `port-forward` to the kubelets. Without `--kubelet-client-certificate` and `--kubelet-client-key` it calls them anonymously, so a working cluster needs kubelets that accept anonymous callers, which lets anyone on the node network run commands in any container. The removed `--kubelet-https=false` is reported too: it sent that traffic unencrypted.',
      remediation: 'Issue the API server a client certificate from the cluster CA (kubeadm writes `apiserver-kubelet-client.crt`) and pass it with `--kubelet-client-certificate` and `--kubelet-client-key`.',
      bad: staticPod('kube-apiserver', []),
      good: staticPod('kube-apiserver', ['--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt', '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key']),
    },
  },
  scope: 'pod',
  check(pod) {
    const out: RuleFinding[] = checkRequiredFlags(pod, 'kube-apiserver', ['kubelet-client-certificate', 'kubelet-client-key'], 'kubelets cannot authenticate the API server when it calls them for logs, exec and port-forward');
    for (const cf of componentsOf(pod, 'kube-apiserver')) {
      // --kubelet-https (removed in 1.22) turned TLS to kubelets off altogether.
      const https = boolFlag(cf, 'kubelet-https', true);
      if (!https.value && https.at) out.push(atFlag(cf, https.at, `${cf.label} sets --kubelet-https=false, so exec, logs and port-forward traffic to kubelets is unencrypted.`));
    }
    return out;
  },
});
