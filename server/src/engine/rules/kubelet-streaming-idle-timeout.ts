import { KUBELET_CONFIG_KIND, kubeletFinding, kubeletSetting, kubeletSources, staticPod, type KubeletSettingSpec } from '../model/flags';
import { WORKLOAD_KINDS } from '../model/pod-spec';
import { defineRule, type RuleFinding } from '../rule';
import { cis, NSA } from '../references';

const SPEC: KubeletSettingSpec<string> = { flag: 'streaming-connection-idle-timeout', field: ['streamingConnectionIdleTimeout'], flagDefault: '4h0m0s', configDefault: '4h0m0s' };

/** Go durations: `0`, `0s`, `0m0s`, `0h0m0s` are all zero. */
function isZeroDuration(value: string | undefined): boolean {
  return value !== undefined && /^0+(?:\.0*)?(?:[hms]|ms|us|µs|ns)?(?:0+(?:\.0*)?(?:h|m|s|ms|us|µs|ns))*$/.test(value.trim());
}

export default defineRule({
  meta: {
    id: 'kubelet-streaming-idle-timeout',
    title: 'Kubelet never closes idle streams',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: it only fires when the timeout is turned off on purpose.
    profile: 'baseline',
    references: [cis('4.2.5', 'Ensure that the --streaming-connection-idle-timeout argument is not set to 0'), NSA.controlPlane],
    docs: {
      rationale: 'A `--streaming-connection-idle-timeout` of 0 keeps idle `exec`, `attach` and `port-forward` connections open forever. Forgotten sessions stay usable by whoever takes over the client, and open streams pile up until the kubelet runs out of resources.',
      remediation: 'Remove the flag (the default is 4h) or set a bounded value such as `--streaming-connection-idle-timeout=5m` (`streamingConnectionIdleTimeout: 5m` in the config file).',
      bad: staticPod('kubelet', ['--streaming-connection-idle-timeout=0']),
      good: staticPod('kubelet', ['--streaming-connection-idle-timeout=5m']),
    },
  },
  scope: 'object',
  kinds: [KUBELET_CONFIG_KIND, ...WORKLOAD_KINDS],
  check(object) {
    const out: RuleFinding[] = [];
    for (const source of kubeletSources(object)) {
      const s = kubeletSetting(source, SPEC, 'string');
      const v = s.value;
      // In the config file the kubelet replaces a zero duration with the 4h default, so only the flag can turn the timeout off.
      if (v === undefined || source.kind === 'config' || !isZeroDuration(v)) continue;
      out.push(kubeletFinding(s, `${s.label} sets ${s.name} to ${v}, so idle exec and port-forward streams are never closed.`));
    }
    return out;
  },
});
