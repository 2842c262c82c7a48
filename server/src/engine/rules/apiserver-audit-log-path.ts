import { checkRequiredFlags, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'apiserver-audit-log-path',
    title: 'API server writes no audit log',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Restricted: audit logging needs a policy file and log storage; kubeadm does not configure it.
    profile: 'restricted',
    references: [cis('1.2.16', 'Ensure that the --audit-log-path argument is set'), NSA.audit],
    docs: {
      rationale: 'Without `--audit-log-path` (or an audit webhook) the API server keeps no record of who did what. Intrusions, privilege escalation through RBAC and Secret reads cannot be detected or investigated.',
      remediation: 'Write an audit policy, mount it and a log directory into the API server pod, and add `--audit-policy-file` and `--audit-log-path` (with `--audit-log-maxage`, `--audit-log-maxbackup` and `--audit-log-maxsize`).',
      bad: staticPod('kube-apiserver', []),
      good: staticPod('kube-apiserver', ['--audit-log-path=/var/log/kubernetes/audit/audit.log']),
    },
  },
  scope: 'pod',
  check(pod) {
    return checkRequiredFlags(pod, 'kube-apiserver', ['audit-log-path'], 'no audit log is written and API activity cannot be reviewed after an incident');
  },
});
