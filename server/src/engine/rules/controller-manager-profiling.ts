import { checkBoolFlag, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'controller-manager-profiling',
    title: 'Controller manager profiling is enabled',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Restricted: a hardening step with no direct exposure.
    profile: 'restricted',
    references: [cis('1.3.2', 'Ensure that the --profiling argument is set to false'), NSA.controlPlane],
    fix: 'safe',
    docs: {
      rationale: "Profiling (`--profiling`, on by default) serves `/debug/pprof` on the controller manager's port, revealing program internals and letting callers make it spend CPU and memory. Production control planes do not need it.",
      remediation: 'Add `--profiling=false` to the kube-controller-manager command.',
      fixSafety: 'Safe: it only turns off the debugging endpoints.',
      bad: staticPod('kube-controller-manager', []),
      good: staticPod('kube-controller-manager', ['--profiling=false']),
    },
  },
  scope: 'pod',
  check(pod, { fixer }) {
    return checkBoolFlag(pod, fixer, { component: 'kube-controller-manager', flag: 'profiling', defaultValue: true, want: false, consequence: 'serves the /debug/pprof profiling endpoints', fix: 'safe' });
  },
});
