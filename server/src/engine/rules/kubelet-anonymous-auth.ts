import { checkKubeletBool, KUBELET_CONFIG_KIND, kubeletConfig, type KubeletSettingSpec } from '../model/flags';
import { WORKLOAD_KINDS } from '../model/pod-spec';
import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';

const SPEC: KubeletSettingSpec<boolean> = { flag: 'anonymous-auth', field: ['authentication', 'anonymous', 'enabled'], flagDefault: true, configDefault: false };

export default defineRule({
  meta: {
    id: 'kubelet-anonymous-auth',
    title: 'Kubelet accepts anonymous requests',
    severity: 'error',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: with authorization AlwaysAllow it is remote code execution on the node; even with Webhook it exposes the port to unauthenticated probing.
    profile: 'baseline',
    references: [cis('4.2.1', 'Ensure that the --anonymous-auth argument is set to false'), NSA.controlPlane, MITRE.containerAdminCommand],
    fix: 'unsafe',
    docs: {
      rationale: 'The kubelet API on port 10250 runs commands in containers, reads logs and lists pods. With anonymous authentication on (the flag default; the v1beta1 config file defaults it to false) requests without credentials are served as `system:anonymous`, and with `AlwaysAllow` authorization that is remote code execution on every pod of the node.',
      remediation: 'Set `authentication.anonymous.enabled: false` in the KubeletConfiguration (or `--anonymous-auth=false`), and keep `authentication.webhook.enabled: true` with a client CA so the API server can still call the kubelet.',
      fixSafety: 'Unsafe: tools that call the kubelet without credentials (some metrics scrapers, health checks on 10250) are then refused.',
      bad: kubeletConfig("authentication:\n  anonymous:\n    enabled: true\n"),
      good: kubeletConfig("authentication:\n  anonymous:\n    enabled: false\n"),
    },
  },
  scope: 'object',
  kinds: [KUBELET_CONFIG_KIND, ...WORKLOAD_KINDS],
  check(object, { fixer }) {
    return checkKubeletBool(object, fixer, SPEC, false, 'unsafe', (s, written) =>
      `${s.label} allows anonymous requests (${s.name} is ${written ? 'true' : 'true by default'}), so anyone who reaches port 10250 is served as system:anonymous.`);
  },
});
