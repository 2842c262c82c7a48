import { checkBoolFlag, staticPod } from '../model/flags';
import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'apiserver-anonymous-auth',
    title: 'API server accepts anonymous requests',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Restricted: kubeadm leaves anonymous auth on for its unauthenticated liveness probes, so turning it off takes planning.
    profile: 'restricted',
    references: [cis('1.2.1', 'Ensure that the --anonymous-auth argument is set to false'), NSA.controlPlane, MITRE.containerApiCreds],
    fix: 'unsafe',
    docs: {
      rationale: 'With `--anonymous-auth` left at its default (`true`) the API server treats every request without credentials as the user `system:anonymous` in the group `system:unauthenticated`. Only RBAC then stands between the internet and the API: one careless binding to `system:unauthenticated` (or `system:anonymous`) opens the cluster, and discovery and version endpoints leak what runs where.',
      remediation: 'Add `--anonymous-auth=false` to the kube-apiserver command. Since Kubernetes 1.32 an `AuthenticationConfiguration` can instead allow anonymous access only to `/livez`, `/readyz` and `/healthz`; use that when probes or load balancers call the health endpoints without credentials.',
      fixSafety: "Unsafe: kubeadm's liveness, readiness and startup probes call `/livez` and `/readyz` without credentials, so with anonymous auth off they fail and the kubelet restarts the API server in a loop unless the probes are changed first.",
      bad: staticPod('kube-apiserver', []),
      good: staticPod('kube-apiserver', ['--anonymous-auth=false']),
    },
  },
  scope: 'pod',
  check(pod, { fixer }) {
    return checkBoolFlag(pod, fixer, { component: 'kube-apiserver', flag: 'anonymous-auth', defaultValue: true, want: false, consequence: 'answers requests that carry no credentials as system:anonymous', fix: 'unsafe' });
  },
});
