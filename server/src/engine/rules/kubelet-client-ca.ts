import { KUBELET_CONFIG_KIND, kubeletConfig, kubeletFinding, kubeletSetting, kubeletSources, type KubeletSettingSpec } from '../model/flags';
import { WORKLOAD_KINDS } from '../model/pod-spec';
import { defineRule, type RuleFinding } from '../rule';
import { cis, NSA } from '../references';

const SPEC: KubeletSettingSpec<string> = { flag: 'client-ca-file', field: ['authentication', 'x509', 'clientCAFile'], flagDefault: '', configDefault: '' };

export default defineRule({
  meta: {
    id: 'kubelet-client-ca',
    title: 'Kubelet has no client CA',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: without it the API server's client certificate means nothing to the kubelet.
    profile: 'baseline',
    references: [cis('4.2.3', 'Ensure that the --client-ca-file argument is set as appropriate'), NSA.controlPlane],
    docs: {
      rationale: "Without a client CA (`authentication.x509.clientCAFile` or `--client-ca-file`) the kubelet cannot verify client certificates, so the API server's calls for exec and logs cannot be authenticated that way and clusters fall back to anonymous access.",
      remediation: 'Set `authentication.x509.clientCAFile` to the cluster CA (kubeadm: `/etc/kubernetes/pki/ca.crt`).',
      bad: kubeletConfig("authentication:\n  webhook:\n    enabled: true\n"),
      good: kubeletConfig("authentication:\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt\n"),
    },
  },
  scope: 'object',
  kinds: [KUBELET_CONFIG_KIND, ...WORKLOAD_KINDS],
  check(object) {
    const out: RuleFinding[] = [];
    for (const source of kubeletSources(object)) {
      const s = kubeletSetting(source, SPEC, 'string');
      const v = s.value;
      if (v === undefined || v !== '') continue;
      out.push(kubeletFinding(s, `${s.label} does not set ${s.name}, so it cannot authenticate the API server or other clients by certificate.`));
    }
    return out;
  },
});
