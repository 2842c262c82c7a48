import { checkPluginEnabled, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'apiserver-node-restriction',
    title: 'NodeRestriction admission plugin is off',
    severity: 'error',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: without it one compromised node can modify every other node and the pods on them.
    profile: 'baseline',
    references: [cis('1.2.14', 'Ensure that the admission control plugin NodeRestriction is set'), NSA.controlPlane, MITRE.escapeToHost],
    fix: 'safe',
    docs: {
      rationale:
        'The Node authorizer lets a kubelet write Node and Pod objects; the NodeRestriction admission plugin limits ' +
        'those writes to the kubelet\'s own node and its own pods, and stops kubelets from setting ' +
        '`node-restriction.kubernetes.io/` labels. Without it, an attacker who takes one node\'s kubelet credentials ' +
        'can relabel or taint other nodes and attract sensitive workloads to the node they control.',
      remediation: 'Add `NodeRestriction` to `--enable-admission-plugins`, and use `--authorization-mode` with `Node`.',
      fixSafety:
        'Safe: the plugin only restricts requests from kubelets (`system:node:<name>` users) to their own node and ' +
        'pods, which is what kubelets do; kubeadm enables it on every cluster.',
      bad: staticPod('kube-apiserver', ['--enable-admission-plugins=PodSecurity']),
      good: staticPod('kube-apiserver', ['--enable-admission-plugins=NodeRestriction']),
    },
  },
  scope: 'pod',
  check(pod, { fixer }) {
    return checkPluginEnabled(pod, fixer, 'NodeRestriction', 'a kubelet can modify other nodes and their pods', 'safe');
  },
});
