import { checkPluginEnabled, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'apiserver-event-rate-limit',
    title: 'EventRateLimit admission plugin is off',
    severity: 'info',
    family: 'cluster',
    layer: 'Cluster',
    // Restricted: the plugin needs an admission configuration file with limits tuned to the cluster.
    profile: 'restricted',
    references: [cis('1.2.9', 'Ensure that the admission control plugin EventRateLimit is set'), NSA.controlPlane],
    docs: {
      rationale:
        'Events are cheap to create and every one of them is written to etcd. Without the EventRateLimit admission ' +
        'plugin a misbehaving controller or a compromised workload can flood the API server and etcd with events ' +
        'and degrade the whole control plane.',
      remediation:
        'Write an admission configuration with an `EventRateLimit` configuration (limits per server, namespace or ' +
        'user), pass it with `--admission-control-config-file`, and add `EventRateLimit` to `--enable-admission-plugins`.',
      bad: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction']),
      good: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction,EventRateLimit', '--admission-control-config-file=/etc/kubernetes/admission.yaml']),
    },
  },
  scope: 'pod',
  check(pod, { fixer }) {
    // No fix: the plugin refuses to start without its configuration file.
    return checkPluginEnabled(pod, fixer, 'EventRateLimit', 'nothing limits how fast events can be written to etcd');
  },
});
