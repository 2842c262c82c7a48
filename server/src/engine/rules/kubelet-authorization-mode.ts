import { KUBELET_CONFIG_KIND, kubeletConfig, kubeletFinding, kubeletSetting, kubeletSources, type KubeletSettingSpec } from '../model/flags';
import { WORKLOAD_KINDS } from '../model/pod-spec';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA } from '../references';

const SPEC: KubeletSettingSpec<string> = { flag: 'authorization-mode', field: ['authorization', 'mode'], flagDefault: 'AlwaysAllow', configDefault: 'Webhook' };

export default defineRule({
  meta: {
    id: 'kubelet-authorization-mode',
    title: 'Kubelet authorizes every request',
    severity: 'error',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: every authenticated (or anonymous) caller can exec into every pod of the node.
    profile: 'baseline',
    references: [cis('4.2.2', 'Ensure that the --authorization-mode argument is not set to AlwaysAllow'), NSA.authz, MITRE.containerAdminCommand],
    docs: {
      rationale: 'With authorization mode `AlwaysAllow` (the flag default; the v1beta1 config file defaults to `Webhook`) the kubelet lets every caller it authenticates run commands in containers, read logs and port-forward, without asking the API server whether RBAC allows it.',
      remediation: 'Set `authorization.mode: Webhook` in the KubeletConfiguration (or `--authorization-mode=Webhook`) and `authentication.webhook.enabled: true`, so the kubelet asks the API server (SubjectAccessReview) for every request.',
      bad: kubeletConfig("authorization:\n  mode: AlwaysAllow\n"),
      good: kubeletConfig("authorization:\n  mode: Webhook\n"),
    },
  },
  scope: 'object',
  kinds: [KUBELET_CONFIG_KIND, ...WORKLOAD_KINDS],
  check(object) {
    const out: RuleFinding[] = [];
    for (const source of kubeletSources(object)) {
      const s = kubeletSetting(source, SPEC, 'string');
      const v = s.value;
      if (v === undefined || v !== 'AlwaysAllow') continue;
      out.push(kubeletFinding(s, `${s.label} authorizes every request to the kubelet API (${s.name} is ${s.at ? 'AlwaysAllow' : 'AlwaysAllow by default'}).`));
    }
    return out;
  },
});
