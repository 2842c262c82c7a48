import { grantedVerbs, groupMatches, namedResources, noteAggregation, policyRules, ROLE_KINDS, verbPhrase } from '../model/rbac';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA } from '../references';

const WEBHOOKS = ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'];
const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'] as const;

export default defineRule({
  meta: {
    id: 'rbac-webhook-config',
    title: 'Role can change admission webhook configurations',
    severity: 'warning',
    family: 'rbac',
    layer: 'Cluster',
    // Restricted: webhook operators need this for their own configuration, so it is reviewed by
    // default but not in the looser profile.
    profile: 'restricted',
    references: [cis('5.1.12', 'Minimize access to webhook configuration objects'), NSA.authz, MITRE.adversaryInTheMiddle],
    docs: {
      rationale:
        'A mutating webhook sees, and may rewrite, every object it registers for before it is stored: it can add ' +
        'a privileged container to every new pod or copy every Secret. A validating webhook that is deleted or ' +
        'pointed elsewhere turns a policy engine off. Any write verb on `mutatingwebhookconfigurations` or ' +
        '`validatingwebhookconfigurations` (API group admissionregistration.k8s.io) is reported on the resource. ' +
        'A rule narrowed by `resourceNames` is how an operator keeps its own webhook\'s certificate current; it ' +
        'cannot create new ones (create requests carry no name) and is not reported.',
      remediation:
        'Leave webhook configurations to cluster administrators and the installer. If an operator must update ' +
        'its own, limit the rule with `resourceNames` to that configuration.',
      bad:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: hooks}\nrules:\n' +
        '- apiGroups: ["admissionregistration.k8s.io"]\n  resources: ["mutatingwebhookconfigurations"]\n  verbs: ["create", "patch"]\n',
      good:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: hooks}\nrules:\n' +
        '- apiGroups: ["admissionregistration.k8s.io"]\n  resources: ["mutatingwebhookconfigurations"]\n  verbs: ["get", "patch"]\n' +
        '  resourceNames: ["my-operator-webhook"]\n',
    },
  },
  scope: 'object',
  kinds: ROLE_KINDS,
  check(object) {
    const findings: RuleFinding[] = [];
    for (const rule of policyRules(object)) {
      if (!groupMatches(rule, ['admissionregistration.k8s.io']) || rule.resourceNames.length > 0) continue;
      const verbs = grantedVerbs(rule, WRITE_VERBS);
      if (verbs.length === 0) continue;
      for (const resource of namedResources(rule, WEBHOOKS)) {
        findings.push({
          span: resource.span,
          path: resource.path,
          message: `${object.label} can change admission webhooks (${verbPhrase(rule, verbs)} on ${resource.value}), and so intercept or rewrite objects as they are created.`,
        });
      }
    }
    return noteAggregation(object, findings);
  },
});
