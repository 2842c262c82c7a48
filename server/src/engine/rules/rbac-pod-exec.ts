import { CORE, grantedVerbs, groupMatches, namedResources, noteAggregation, policyRules, ROLE_KINDS, verbPhrase } from '../model/rbac';
import { defineRule, type RuleFinding } from '../rule';
import { MITRE, NSA } from '../references';

/**
 * exec, attach and port-forward are `create` on the subresource, but WebSocket connections
 * start as an HTTP GET, and API servers without the AuthorizePodWebsocketUpgradeCreatePermission
 * check authorize them with `get`: both verbs open a shell. Ephemeral containers (kubectl debug)
 * are added with update or patch and give a shell in the pod just the same.
 */
const ACCESS = [
  { resource: 'pods/exec', verbs: ['create', 'get'], what: 'run commands in pods' },
  { resource: 'pods/attach', verbs: ['create', 'get'], what: 'attach to the processes of running pods' },
  { resource: 'pods/portforward', verbs: ['create', 'get'], what: 'open connections to any port of pods' },
  { resource: 'pods/ephemeralcontainers', verbs: ['update', 'patch'], what: 'add debug containers to running pods' },
] as const;

export default defineRule({
  meta: {
    id: 'rbac-pod-exec',
    title: 'Role can exec into, attach to or port-forward pods',
    severity: 'warning',
    family: 'rbac',
    layer: 'Cluster',
    // Restricted: operators and CI legitimately hold these in some namespaces; the default
    // profile still reports every grant for review.
    profile: 'restricted',
    references: [NSA.authz, MITRE.containerAdminCommand],
    docs: {
      rationale:
        'Whoever can exec into or attach to a pod runs code as that pod: it reads its mounted Secrets and service ' +
        'account token and, in a privileged pod, reaches the node. Port-forward reaches ports the pod never ' +
        'exposes, such as an unauthenticated admin interface. WebSocket clients open these streams with an HTTP ' +
        'GET, and API servers that do not yet require `create` for them authorize `get`, so both verbs count, and ' +
        'so do `update` and `patch` on `pods/ephemeralcontainers`, which adds a debug container to a running pod. ' +
        'The finding is on the subresource (`pods/exec`, or `*/exec`) in the core API group; a `"*"` resource is ' +
        'left to rbac-wildcard. `resourceNames` does not lower the risk much (it still hands over the named pods), ' +
        'so it is still reported.',
      remediation:
        'Remove the subresource from roles that workloads and ordinary users hold. Give exec to operators through ' +
        'a separate, audited role, bound only when needed.',
      bad:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: debugger, namespace: app}\nrules:\n' +
        '- apiGroups: [""]\n  resources: ["pods", "pods/exec"]\n  verbs: ["get", "create"]\n',
      good:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: debugger, namespace: app}\nrules:\n' +
        '- apiGroups: [""]\n  resources: ["pods", "pods/log"]\n  verbs: ["get", "list"]\n',
    },
  },
  scope: 'object',
  kinds: ROLE_KINDS,
  check(object) {
    const findings: RuleFinding[] = [];
    for (const rule of policyRules(object)) {
      if (!groupMatches(rule, [CORE])) continue;
      for (const access of ACCESS) {
        const verbs = grantedVerbs(rule, access.verbs);
        if (verbs.length === 0) continue;
        for (const resource of namedResources(rule, [access.resource])) {
          findings.push({
            span: resource.span,
            path: resource.path,
            message: `${object.label} can ${access.what} (${verbPhrase(rule, verbs)} on ${access.resource}).`,
          });
        }
      }
    }
    return noteAggregation(object, findings);
  },
});
