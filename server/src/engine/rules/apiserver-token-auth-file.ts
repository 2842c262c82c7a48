import { atFlag, componentsOf, flag, staticPod } from '../model/flags';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA } from '../references';

const STATIC_FILES: readonly (readonly [string, string])[] = [
  ['token-auth-file', 'static bearer tokens'],
  ['basic-auth-file', 'static passwords'],
];

export default defineRule({
  meta: {
    id: 'apiserver-token-auth-file',
    title: 'API server accepts static tokens or passwords',
    severity: 'error',
    family: 'cluster',
    layer: 'Cluster',
    profile: 'baseline',
    references: [cis('1.2.2', 'Ensure that the --token-auth-file parameter is not set'), NSA.authz, MITRE.credsInFiles],
    docs: {
      rationale:
        '`--token-auth-file` (and the removed `--basic-auth-file`) authenticate users from a CSV file of clear-text ' +
        'tokens or passwords. They never expire, cannot be revoked without restarting the API server, and anyone ' +
        'who reads the file (node backups, the static pod\'s host directory) becomes those users, often cluster admins.',
      remediation:
        'Remove the flag and authenticate people through OIDC or client certificates, and workloads through ' +
        'service account tokens.',
      bad: staticPod('kube-apiserver', ['--token-auth-file=/etc/kubernetes/tokens.csv']),
      good: staticPod('kube-apiserver', ['--client-ca-file=/etc/kubernetes/pki/ca.crt']),
    },
  },
  scope: 'pod',
  check(pod) {
    const out: RuleFinding[] = [];
    for (const cf of componentsOf(pod, 'kube-apiserver')) {
      for (const [name, what] of STATIC_FILES) {
        const at = flag(cf, name);
        if (at?.value) out.push(atFlag(cf, at, `${cf.label} authenticates ${what} from --${name}, which never expire and cannot be revoked.`));
      }
    }
    return out;
  },
});
