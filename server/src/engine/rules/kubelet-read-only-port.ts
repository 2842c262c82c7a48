import { KUBELET_CONFIG_KIND, kubeletConfig, kubeletFinding, kubeletSetting, kubeletSources, setKubeletEdits, type KubeletSettingSpec } from '../model/flags';
import { WORKLOAD_KINDS } from '../model/pod-spec';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA } from '../references';

const SPEC: KubeletSettingSpec<number> = { flag: 'read-only-port', field: ['readOnlyPort'], flagDefault: 10255, configDefault: 0 };

export default defineRule({
  meta: {
    id: 'kubelet-read-only-port',
    title: 'Kubelet read-only port is open',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: the port needs no credentials at all.
    profile: 'baseline',
    references: [cis('4.2.4', 'Ensure that the --read-only-port argument is set to 0'), NSA.controlPlane, MITRE.exposedService],
    fix: 'unsafe',
    docs: {
      rationale: "The read-only port (10255 by default for the flag; 0, closed, by default in the v1beta1 config file) serves `/pods`, `/spec` and metrics with no authentication or authorization. Anyone who reaches the node learns every pod's spec, environment variables included, and can plan attacks from it.",
      remediation: 'Set `readOnlyPort: 0` in the KubeletConfiguration (or `--read-only-port=0`) and scrape metrics from the authenticated port 10250.',
      fixSafety: 'Unsafe: monitoring that still scrapes port 10255 (old Heapster or metrics agents) stops getting data.',
      bad: kubeletConfig("readOnlyPort: 10255\n"),
      good: kubeletConfig("readOnlyPort: 0\n"),
    },
  },
  scope: 'object',
  kinds: [KUBELET_CONFIG_KIND, ...WORKLOAD_KINDS],
  check(object, { fixer }) {
    const out: RuleFinding[] = [];
    for (const source of kubeletSources(object)) {
      const s = kubeletSetting(source, SPEC, 'number');
      const v = s.value;
      if (v === undefined || v === 0) continue;
      const fix = { title: `Set ${s.name} to 0`, safety: 'unsafe' as const, edits: setKubeletEdits(fixer, source, SPEC, 0) };
      out.push(kubeletFinding(s, `${s.label} serves the unauthenticated read-only API on port ${v}${s.at ? '' : ' (the flag default)'}, exposing pod specs and metrics.`, fix));
    }
    return out;
  },
});
