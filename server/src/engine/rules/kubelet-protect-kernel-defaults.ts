import { checkKubeletBool, KUBELET_CONFIG_KIND, kubeletConfig, type KubeletSettingSpec } from '../model/flags';
import { WORKLOAD_KINDS } from '../model/pod-spec';
import { defineRule } from '../rule';
import { cis, NSA } from '../references';

const SPEC: KubeletSettingSpec<boolean> = { flag: 'protect-kernel-defaults', field: ['protectKernelDefaults'], flagDefault: false, configDefault: false };

export default defineRule({
  meta: {
    id: 'kubelet-protect-kernel-defaults',
    title: 'Kubelet may change kernel settings',
    severity: 'info',
    family: 'cluster',
    layer: 'Cluster',
    // Restricted: turning it on needs the node's sysctls prepared first, which kubeadm does not do.
    profile: 'restricted',
    references: [cis('4.2.6', 'Ensure that the --protect-kernel-defaults argument is set to true'), NSA.hostIsolation],
    fix: 'unsafe',
    docs: {
      rationale: "Without `protectKernelDefaults: true` the kubelet overwrites kernel parameters (`vm.overcommit_memory`, `kernel.panic`, `kernel.panic_on_oops`, \u2026) that differ from what it expects, undoing the node's own hardening without notice. With it, the kubelet refuses to start instead, so the difference gets fixed deliberately.",
      remediation: 'Set the kernel parameters the kubelet expects in `/etc/sysctl.d/`, then set `protectKernelDefaults: true` in the KubeletConfiguration (or `--protect-kernel-defaults=true`).',
      fixSafety: 'Unsafe: the kubelet refuses to start on a node whose kernel parameters differ from its expectations; prepare the sysctls first.',
      bad: kubeletConfig("protectKernelDefaults: false\n"),
      good: kubeletConfig("protectKernelDefaults: true\n"),
    },
  },
  scope: 'object',
  kinds: [KUBELET_CONFIG_KIND, ...WORKLOAD_KINDS],
  check(object, { fixer }) {
    return checkKubeletBool(object, fixer, SPEC, true, 'unsafe', (s, written) =>
      `${s.label} does not protect kernel defaults (${s.name} is ${written ? 'false' : 'false by default'}), so it silently changes kernel tunables it disagrees with.`);
  },
});
