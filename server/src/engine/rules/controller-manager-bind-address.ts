import { checkBindAddress, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'controller-manager-bind-address',
    title: 'Controller manager listens beyond localhost',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: kubeadm binds to 127.0.0.1; an exposed port serves health, metrics and (by default) profiling.
    profile: 'baseline',
    references: [cis('1.3.7', 'Ensure that the --bind-address argument is set to 127.0.0.1'), NSA.controlPlane, MITRE.exposedService],
    fix: 'unsafe',
    docs: {
      rationale:
        'The kube-controller-manager binary serves health checks, metrics and (unless `--profiling=false`) `/debug/pprof` on port 10257. ' +
        '`--bind-address` defaults to 0.0.0.0, which exposes that port on every interface of the control-plane node; ' +
        'it has no business being reachable from the network.',
      remediation: 'Set `--bind-address=127.0.0.1`, as kubeadm does.',
      fixSafety:
        'Unsafe: monitoring that scrapes the port from another host (Prometheus) stops working until it is moved to ' +
        'the node or behind an authenticated proxy.',
      bad: staticPod('kube-controller-manager', ['--bind-address=0.0.0.0']),
      good: staticPod('kube-controller-manager', ['--bind-address=127.0.0.1']),
    },
  },
  scope: 'pod',
  check(pod, { fixer }) {
    return checkBindAddress(pod, fixer, 'kube-controller-manager');
  },
});
