import { getSeq, getString, mapItems } from '../model/located';
import { defineRule, type RuleFinding } from '../rule';
import { MITRE, NSA, pss } from '../references';
import type { PssVersion } from '../pss-version';

/** PSA's sysctls check: the safe set and the policy version that added each name. */
const SAFE_SINCE: ReadonlyArray<readonly [string, number]> = [
  ['kernel.shm_rmid_forced', 0],
  ['net.ipv4.ip_local_port_range', 0],
  ['net.ipv4.tcp_syncookies', 0],
  ['net.ipv4.ping_group_range', 0],
  ['net.ipv4.ip_unprivileged_port_start', 0],
  ['net.ipv4.ip_local_reserved_ports', 27],
  ['net.ipv4.tcp_keepalive_time', 29],
  ['net.ipv4.tcp_fin_timeout', 29],
  ['net.ipv4.tcp_keepalive_intvl', 29],
  ['net.ipv4.tcp_keepalive_probes', 29],
  ['net.ipv4.tcp_rmem', 32],
  ['net.ipv4.tcp_wmem', 32],
  ['net.ipv4.tcp_slow_start_after_idle', 37],
  ['net.ipv4.tcp_notsent_lowat', 37],
];

function safeSet(version: PssVersion): Set<string> {
  return new Set(SAFE_SINCE.filter(([, since]) => version.minor >= since).map(([name]) => name));
}

export default defineRule({
  meta: {
    id: 'unsafe-sysctls',
    title: 'Pod sets a sysctl outside the safe set',
    severity: 'error',
    family: 'pod-security',
    layer: 'Container',
    profile: 'baseline',
    pss: { level: 'baseline', control: 'Sysctls' },
    references: [pss('Sysctls'), NSA.hostIsolation, MITRE.escapeToHost],
    fix: 'unsafe',
    docs: {
      rationale:
        'Many kernel parameters are not namespaced: setting one from a pod changes it for the whole node and every ' +
        'other pod, and some disable security mechanisms. The Pod Security Standards allow only a safe set of ' +
        'namespaced sysctls, which grows with the policy version (`kubeward.podSecurity.version`); names are ' +
        'compared exactly, so the slash form `net/ipv4/...` is not accepted.',
      remediation: 'Remove the sysctl from `spec.securityContext.sysctls`, or set it on the nodes if every pod there needs it.',
      fixSafety: 'Unsafe: the program may depend on the kernel setting. The fix removes the sysctl entry.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    sysctls:\n    - name: kernel.msgmax\n      value: "65536"\n  containers:\n  - name: app\n    image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    sysctls:\n    - name: net.ipv4.tcp_syncookies\n      value: "1"\n  containers:\n  - name: app\n    image: nginx:1.27\n',
    },
  },
  scope: 'pod',
  check(pod, { fixer, object, settings }) {
    const safe = safeSet(settings.pssVersion);
    const seq = getSeq(pod.securityContext?.map, 'sysctls');
    const findings: RuleFinding[] = [];
    for (const item of mapItems(seq)) {
      const name = getString(item, 'name');
      // A nameless entry decodes to the empty name, which is not in the safe set either.
      const value = name?.value ?? '';
      if (safe.has(value)) continue;
      const index = item.path[item.path.length - 1] as number;
      const entry = seq?.node.items[index];
      findings.push({
        span: name?.span ?? item.span,
        path: name?.path ?? item.path,
        message: name
          ? `${object.label} sets the sysctl "${value}", which is not in the Pod Security Standards safe set for policy ${settings.pssVersion.label}.`
          : `${object.label} sets a sysctl without a name, which is not in the Pod Security Standards safe set.`,
        ...(seq && entry ? { fix: { title: `Remove the sysctl ${value}`.trim(), safety: 'unsafe' as const, edits: fixer.removeEntry({ parent: seq.node, entry: entry as never }) } } : {}),
      });
    }
    return findings;
  },
});
