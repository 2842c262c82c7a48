import { atFlag, componentsOf, flag, missingFlag, staticPod, valueOf } from '../model/flags';
import { defineRule, type RuleFinding } from '../rule';
import { cis, NSA } from '../references';

/** The benchmark's minimums, and what each keeps. */
const MINIMUMS: readonly (readonly [string, number, string])[] = [
  ['audit-log-maxage', 30, 'days of audit logs'],
  ['audit-log-maxbackup', 10, 'rotated audit log files'],
  ['audit-log-maxsize', 100, 'megabytes per audit log file'],
];

export default defineRule({
  meta: {
    id: 'apiserver-audit-log-retention',
    title: 'API server keeps too little audit log',
    severity: 'info',
    family: 'cluster',
    layer: 'Cluster',
    // Restricted: retention is tuned to the log pipeline; a shipper may make local retention moot.
    profile: 'restricted',
    references: [
      cis('1.2.17', 'Ensure that the --audit-log-maxage argument is set to 30 or as appropriate'),
      cis('1.2.18', 'Ensure that the --audit-log-maxbackup argument is set to 10 or as appropriate'),
      cis('1.2.19', 'Ensure that the --audit-log-maxsize argument is set to 100 or as appropriate'),
      NSA.audit,
    ],
    docs: {
      rationale:
        'An audit log only helps when it still exists when someone investigates. Without `--audit-log-maxage`, ' +
        '`--audit-log-maxbackup` and `--audit-log-maxsize` the API server keeps rotated files forever or, with low ' +
        'values, deletes evidence within hours on a busy cluster. The rule checks retention only when ' +
        '`--audit-log-path` names a file (`apiserver-audit-log-path` reports a missing path, and `-` writes to stdout).',
      remediation: 'Set `--audit-log-maxage=30`, `--audit-log-maxbackup=10` and `--audit-log-maxsize=100`, or higher as your retention policy requires.',
      bad: staticPod('kube-apiserver', ['--audit-log-path=/var/log/kubernetes/audit.log', '--audit-log-maxage=7', '--audit-log-maxbackup=10', '--audit-log-maxsize=100']),
      good: staticPod('kube-apiserver', ['--audit-log-path=/var/log/kubernetes/audit.log', '--audit-log-maxage=30', '--audit-log-maxbackup=10', '--audit-log-maxsize=100']),
    },
  },
  scope: 'pod',
  check(pod) {
    const out: RuleFinding[] = [];
    for (const cf of componentsOf(pod, 'kube-apiserver')) {
      const path = valueOf(cf, 'audit-log-path');
      if (!path || path.value === '-') continue;
      for (const [name, minimum, what] of MINIMUMS) {
        const at = flag(cf, name);
        const value = at?.value !== undefined && /^\d+$/.test(at.value) ? Number(at.value) : undefined;
        if (value !== undefined && value >= minimum) continue;
        if (at) out.push(atFlag(cf, at, `${cf.label} keeps ${at.value ?? 'no'} ${what} (--${name}); the benchmark asks for at least ${minimum}.`));
        else out.push(missingFlag(cf, `${cf.label} writes an audit log but does not set --${name}; the benchmark asks for at least ${minimum} ${what}.`));
      }
    }
    return out;
  },
});
