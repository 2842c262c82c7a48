import { checkKubeletBool, KUBELET_CONFIG_KIND, kubeletConfig, type KubeletSettingSpec } from '../model/flags';
import { WORKLOAD_KINDS } from '../model/pod-spec';
import { defineRule } from '../rule';
import { cis, NSA } from '../references';

const SPEC: KubeletSettingSpec<boolean> = { flag: 'make-iptables-util-chains', field: ['makeIPTablesUtilChains'], flagDefault: true, configDefault: true };

export default defineRule({
  meta: {
    id: 'kubelet-iptables-util-chains',
    title: 'Kubelet does not manage iptables chains',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: it only fires when the default is turned off.
    profile: 'baseline',
    references: [cis('4.2.7', 'Ensure that the --make-iptables-util-chains argument is set to true'), NSA.network],
    fix: 'safe',
    docs: {
      rationale: "With `makeIPTablesUtilChains: false` the kubelet stops maintaining its iptables utility chains (`KUBE-FIREWALL` and friends), which drop martian and marked packets. Pod networking then depends on rules that nothing keeps consistent with the kubelet's view.",
      remediation: 'Remove `makeIPTablesUtilChains: false` (the default is true) or set it to `true`.',
      fixSafety: 'Safe: restores the default behaviour of every standard node.',
      bad: kubeletConfig("makeIPTablesUtilChains: false\n"),
      good: kubeletConfig("makeIPTablesUtilChains: true\n"),
    },
  },
  scope: 'object',
  kinds: [KUBELET_CONFIG_KIND, ...WORKLOAD_KINDS],
  check(object, { fixer }) {
    return checkKubeletBool(object, fixer, SPEC, true, 'safe', (s) =>
      `${s.label} sets ${s.name} to false, so the kubelet does not manage the iptables chains that drop invalid and marked traffic.`);
  },
});
