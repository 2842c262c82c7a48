import { atFlag, componentsOf, flag, hasFlag, listFlag, missingFlag, staticPod } from '../model/flags';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'apiserver-authorization-mode',
    title: 'API server authorization is weak',
    severity: 'error',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: AlwaysAllow gives every authenticated user full control of the cluster.
    profile: 'baseline',
    references: [
      cis('1.2.6', 'Ensure that the --authorization-mode argument is not set to AlwaysAllow'),
      cis('1.2.7', 'Ensure that the --authorization-mode argument includes Node'),
      cis('1.2.8', 'Ensure that the --authorization-mode argument includes RBAC'),
      NSA.authz,
      MITRE.additionalClusterRoles,
    ],
    docs: {
      rationale:
        '`--authorization-mode` defaults to `AlwaysAllow`, which authorizes every request of every authenticated ' +
        'user (and of anonymous users when anonymous auth is on): full control of the cluster for anyone with any ' +
        'credential. `AlwaysAllow` anywhere in the list has the same effect for requests the modes before it do ' +
        'not deny. Without `RBAC`, Roles and bindings have no effect; without `Node`, kubelets need broad RBAC ' +
        'grants instead of access to their own node\'s objects only.',
      remediation:
        'Set `--authorization-mode=Node,RBAC` (kubeadm\'s choice), or configure the same authorizers in an ' +
        '`AuthorizationConfiguration` passed with `--authorization-config`.',
      bad: staticPod('kube-apiserver', ['--authorization-mode=AlwaysAllow']),
      good: staticPod('kube-apiserver', ['--authorization-mode=Node,RBAC']),
    },
  },
  scope: 'pod',
  check(pod) {
    const out: RuleFinding[] = [];
    for (const cf of componentsOf(pod, 'kube-apiserver')) {
      // A structured authorization configuration replaces the flag, and lives in a file Kubeward does not see.
      if (hasFlag(cf, 'authorization-config')) continue;
      const modes = listFlag(cf, 'authorization-mode');
      const written = flag(cf, 'authorization-mode');
      if (!modes || !written) {
        out.push(missingFlag(cf, `${cf.label} does not set --authorization-mode, which defaults to AlwaysAllow, so every authenticated request is allowed.`));
        continue;
      }
      for (const mode of modes) {
        if (mode.value === 'AlwaysAllow') out.push(atFlag(cf, mode, `${cf.label} uses the AlwaysAllow authorization mode, which allows every authenticated request that earlier modes do not deny.`));
      }
      const names = new Set(modes.map((m) => m.value));
      const missing = ['Node', 'RBAC'].filter((m) => !names.has(m));
      if (missing.length > 0) {
        const what = missing.length === 2 ? 'Node and RBAC' : missing[0];
        const why = missing.includes('RBAC') ? 'Roles and bindings are not enforced' : 'kubelets are not limited to their own node\'s objects';
        out.push(atFlag(cf, written, `${cf.label} does not include ${what} in --authorization-mode, so ${why}.`));
      }
    }
    return out;
  },
});
