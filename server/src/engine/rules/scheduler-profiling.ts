import { checkBoolFlag, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'scheduler-profiling',
    title: 'Scheduler profiling is enabled',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Restricted: a hardening step with no direct exposure.
    profile: 'restricted',
    references: [cis('1.4.1', 'Ensure that the --profiling argument is set to false'), NSA.controlPlane],
    fix: 'safe',
    docs: {
      rationale: "Profiling (`--profiling`, on by default) serves `/debug/pprof` on the scheduler's port, revealing program internals and letting callers make it spend CPU and memory. Production control planes do not need it.",
      remediation: 'Add `--profiling=false` to the kube-scheduler command.',
      fixSafety: 'Safe: it only turns off the debugging endpoints.',
      bad: staticPod('kube-scheduler', []),
      good: staticPod('kube-scheduler', ['--profiling=false']),
    },
  },
  scope: 'pod',
  check(pod, { fixer }) {
    return checkBoolFlag(pod, fixer, { component: 'kube-scheduler', flag: 'profiling', defaultValue: true, want: false, consequence: 'serves the /debug/pprof profiling endpoints', fix: 'safe' });
  },
});
