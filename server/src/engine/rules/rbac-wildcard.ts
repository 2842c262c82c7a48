import { describeGroups, describeVerbs, listOf, noteAggregation, type PolicyRule, policyRules, ROLE_KINDS } from '../model/rbac';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA } from '../references';

function onWhat(rule: PolicyRule): string {
  if (rule.nonResourceURLs.length > 0 && rule.resources.length === 0) {
    const urls = rule.nonResourceURLs.map((u) => u.value);
    return urls.includes('*') ? 'every non-resource URL' : `the non-resource URLs ${listOf(urls)}`;
  }
  const resources = [...new Set(rule.resources.map((r) => r.value))];
  if (resources.includes('*')) return 'every resource';
  return resources.length > 0 ? listOf(resources) : 'no resources';
}

export default defineRule({
  meta: {
    id: 'rbac-wildcard',
    title: 'Role uses a wildcard',
    severity: 'error',
    family: 'rbac',
    layer: 'Cluster',
    // Baseline: a wildcard grants resources and verbs that do not exist yet, including every
    // escalation path, so even the least strict profile reports it.
    profile: 'baseline',
    references: [cis('5.1.3', 'Minimize wildcard use in Roles and ClusterRoles'), NSA.authz, MITRE.additionalClusterRoles],
    docs: {
      rationale:
        'A `"*"` in `apiGroups`, `resources`, `verbs` or `nonResourceURLs` grants everything that matches, today ' +
        'and in the future: every resource of every custom resource definition installed later, every subresource ' +
        '(`pods/exec`, `nodes/proxy`), every Secret, and the `escalate`, `bind` and `impersonate` verbs. Least ' +
        'privilege is impossible to review when the role does not say what it grants. Each `"*"` is reported on its ' +
        'own. The narrower RBAC rules (secrets, exec, workloads, webhooks, nodes/proxy) do not repeat a finding ' +
        'when the resource itself is only granted through a `"*"` resource: this rule already reports that root ' +
        'cause. They do report a named resource reached through a `"*"` verb or API group, on that resource.',
      remediation:
        'List the API groups, resources and verbs the workload really uses. `kubectl auth can-i --list --as ' +
        'system:serviceaccount:<ns>:<name>` or an audit log shows what a subject calls.',
      bad:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: admin-all}\nrules:\n' +
        '- apiGroups: ["*"]\n  resources: ["*"]\n  verbs: ["*"]\n',
      good:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\nrules:\n' +
        '- apiGroups: ["apps"]\n  resources: ["deployments"]\n  verbs: ["get", "list", "watch"]\n',
    },
  },
  scope: 'object',
  kinds: ROLE_KINDS,
  check(object) {
    const findings: RuleFinding[] = [];
    for (const rule of policyRules(object)) {
      for (const verb of rule.verbs) {
        if (verb.value !== '*') continue;
        findings.push({ span: verb.span, path: verb.path, message: `${object.label} grants every verb ("*") on ${onWhat(rule)}.` });
      }
      for (const resource of rule.resources) {
        if (resource.value !== '*') continue;
        findings.push({
          span: resource.span,
          path: resource.path,
          message: `${object.label} grants ${describeVerbs(rule)} on every resource ("*") of ${describeGroups(rule)}, Secrets and subresources included.`,
        });
      }
      for (const group of rule.apiGroups) {
        if (group.value !== '*') continue;
        const resources = [...new Set(rule.resources.map((r) => r.value))];
        const what = resources.includes('*') || resources.length === 0 ? 'resources' : listOf(resources);
        findings.push({ span: group.span, path: group.path, message: `${object.label} grants access to ${what} in every API group ("*"), including ones installed later.` });
      }
      for (const url of rule.nonResourceURLs) {
        if (url.value !== '*') continue;
        findings.push({ span: url.span, path: url.path, message: `${object.label} grants ${describeVerbs(rule)} on every non-resource URL ("*"), such as /metrics and /debug/pprof.` });
      }
    }
    return noteAggregation(object, findings);
  },
});
