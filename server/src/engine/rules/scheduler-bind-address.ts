import { atFlag, componentsOf, isLoopback, missingFlag, setFlagEdits, staticPod, valueOf } from '../model/flags';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'scheduler-bind-address',
    title: 'Scheduler listens beyond localhost',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: kubeadm binds to 127.0.0.1; an exposed port serves health, metrics and (by default) profiling.
    profile: 'baseline',
    references: [cis('1.4.2', 'Ensure that the --bind-address argument is set to 127.0.0.1'), NSA.controlPlane, MITRE.exposedService],
    fix: 'unsafe',
    docs: {
      rationale:
        'The kube-scheduler binary serves health checks, metrics and (unless `--profiling=false`) `/debug/pprof` on port 10259. ' +
        '`--bind-address` defaults to 0.0.0.0, which exposes that port on every interface of the control-plane node; ' +
        'it has no business being reachable from the network.',
      remediation: 'Set `--bind-address=127.0.0.1`, as kubeadm does.',
      fixSafety:
        'Unsafe: monitoring that scrapes the port from another host (Prometheus) stops working until it is moved to ' +
        'the node or behind an authenticated proxy.',
      bad: staticPod('kube-scheduler', ['--bind-address=0.0.0.0']),
      good: staticPod('kube-scheduler', ['--bind-address=127.0.0.1']),
    },
  },
  scope: 'pod',
  check(pod, { fixer }) {
    const out: RuleFinding[] = [];
    for (const cf of componentsOf(pod, 'kube-scheduler')) {
      const at = valueOf(cf, 'bind-address');
      if (at?.value && isLoopback(at.value)) continue;
      const fix = { title: 'Set --bind-address=127.0.0.1', safety: 'unsafe' as const, edits: setFlagEdits(fixer, cf, 'bind-address', '127.0.0.1') };
      if (at) out.push(atFlag(cf, at, `${cf.label} listens on ${at.value}, beyond localhost.`, fix));
      else out.push(missingFlag(cf, `${cf.label} does not set --bind-address, which defaults to 0.0.0.0, so it listens on every interface.`, fix));
    }
    return out;
  },
});
