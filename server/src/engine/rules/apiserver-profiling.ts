import { checkBoolFlag, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'apiserver-profiling',
    title: 'API server profiling is enabled',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Restricted: a hardening step with no direct exposure, since the endpoints still need authorization.
    profile: 'restricted',
    references: [cis('1.2.15', 'Ensure that the --profiling argument is set to false'), NSA.controlPlane],
    fix: 'safe',
    docs: {
      rationale: "Profiling (`--profiling`, on by default) serves `/debug/pprof`, which reveals the program's internals and can be used to make the API server spend CPU and memory on demand. It is a debugging aid that production control planes do not need.",
      remediation: 'Add `--profiling=false` to the kube-apiserver command (or change `--profiling=true` to `false`).',
      fixSafety: 'Safe: it only turns off the debugging endpoints; nothing in a cluster depends on them.',
      bad: staticPod('kube-apiserver', []),
      good: staticPod('kube-apiserver', ['--profiling=false']),
    },
  },
  scope: 'pod',
  check(pod, { fixer }) {
    return checkBoolFlag(pod, fixer, { component: 'kube-apiserver', flag: 'profiling', defaultValue: true, want: false, consequence: 'serves the /debug/pprof profiling endpoints', fix: 'safe' });
  },
});
