import { checkBoolFlag, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'apiserver-service-account-lookup',
    title: 'API server does not check that service account tokens still exist',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: only fires when the secure default is turned off on purpose.
    profile: 'baseline',
    references: [cis('1.2.21', 'Ensure that the --service-account-lookup argument is set to true'), NSA.authz, MITRE.containerApiCreds],
    fix: 'safe',
    docs: {
      rationale: 'With `--service-account-lookup=false` the API server validates a service account token by its signature alone. A token whose ServiceAccount or Secret was deleted, for example after a leak, keeps working until it expires.',
      remediation: 'Remove `--service-account-lookup=false` or set it to `true`.',
      fixSafety: 'Safe: restores the default; only tokens of deleted service accounts stop working, which is the point.',
      bad: staticPod('kube-apiserver', ['--service-account-lookup=false']),
      good: staticPod('kube-apiserver', []),
    },
  },
  scope: 'pod',
  check(pod, { fixer }) {
    return checkBoolFlag(pod, fixer, { component: 'kube-apiserver', flag: 'service-account-lookup', defaultValue: true, want: true, consequence: 'keeps honouring service account tokens after their ServiceAccount or Secret is deleted', fix: 'safe' });
  },
});
