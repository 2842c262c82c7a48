import { CORE, describeVerbs, groupMatches, namedResources, noteAggregation, policyRules, ROLE_KINDS } from '../model/rbac';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'rbac-nodes-proxy',
    title: 'Role can reach the kubelet through nodes/proxy',
    severity: 'error',
    family: 'rbac',
    layer: 'Cluster',
    // Baseline: nodes/proxy is command execution in every pod of a node, with no audit trail.
    profile: 'baseline',
    references: [cis('5.1.10', 'Minimize access to the proxy sub-resource of nodes'), NSA.authz, MITRE.containerAdminCommand, MITRE.escapeToHost],
    docs: {
      rationale:
        '`nodes/proxy` forwards requests to the kubelet API of a node, which can list pods and run commands in any ' +
        'of them (`/exec`, `/run`). The API server audits only the proxy request, not what runs. Even `get` is ' +
        'enough: the kubelet\'s exec endpoints accept a WebSocket, which starts as an HTTP GET. So every verb is ' +
        'reported, on the `nodes/proxy` (or `*/proxy`) item; `resourceNames` still hands over whole nodes and ' +
        'does not silence it. A `"*"` resource is left to rbac-wildcard.',
      remediation:
        'Remove `nodes/proxy`. Monitoring agents that scrape kubelet metrics need `nodes/metrics` and ' +
        '`nodes/stats`, not the proxy.',
      bad:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: scraper}\nrules:\n' +
        '- apiGroups: [""]\n  resources: ["nodes/proxy"]\n  verbs: ["get"]\n',
      good:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: scraper}\nrules:\n' +
        '- apiGroups: [""]\n  resources: ["nodes/metrics", "nodes/stats"]\n  verbs: ["get"]\n',
    },
  },
  scope: 'object',
  kinds: ROLE_KINDS,
  check(object) {
    const findings: RuleFinding[] = [];
    for (const rule of policyRules(object)) {
      if (!groupMatches(rule, [CORE]) || rule.verbs.length === 0) continue;
      for (const resource of namedResources(rule, ['nodes/proxy'])) {
        findings.push({
          span: resource.span,
          path: resource.path,
          message: `${object.label} grants ${describeVerbs(rule)} on ${resource.value}, which reaches the kubelet API and can run commands in any pod of a node.`,
        });
      }
    }
    return noteAggregation(object, findings);
  },
});
