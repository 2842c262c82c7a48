import type { Located } from '../model/located';
import { CORE, groupMatches, noteAggregation, type PolicyRule, policyRules, RBAC_GROUP, ROLE_KINDS } from '../model/rbac';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA } from '../references';

type Verb = 'escalate' | 'bind' | 'impersonate';

const WHY: Record<Verb, string> = {
  escalate: 'lets it give roles permissions it does not hold itself',
  bind: 'lets it bind roles with permissions it does not hold itself',
  impersonate: 'lets it act as other users, groups or service accounts',
};

/** Where the API server checks each verb: a `"*"` verb on these resources includes it. */
const TARGETS: readonly { verbs: readonly Verb[]; groups: readonly string[]; resources: readonly string[] }[] = [
  { verbs: ['escalate', 'bind'], groups: [RBAC_GROUP], resources: ['roles', 'clusterroles'] },
  { verbs: ['impersonate'], groups: [CORE], resources: ['users', 'groups', 'serviceaccounts'] },
  { verbs: ['impersonate'], groups: ['authentication.k8s.io'], resources: ['uids', 'userextras'] },
];

/**
 * `resourceNames` is how the Kubernetes docs recommend delegating these verbs safely (bind only
 * this role, impersonate only that account), unless the names are the cluster's own superusers.
 */
const SUPERUSER_NAMES = new Set(['cluster-admin', 'system:masters']);

function narrowed(rule: PolicyRule): boolean {
  return rule.resourceNames.length > 0 && !rule.resourceNames.some((n) => SUPERUSER_NAMES.has(n.value));
}

function isTarget(resource: Located<string>, target: (typeof TARGETS)[number]): boolean {
  // userextras is always written with its key: userextras/scopes.
  const base = resource.value.split('/')[0] as string;
  return target.resources.includes(base) && (base === 'userextras' || !resource.value.includes('/'));
}

export default defineRule({
  meta: {
    id: 'rbac-escalation-verbs',
    title: 'Role grants escalate, bind or impersonate',
    severity: 'error',
    family: 'rbac',
    layer: 'Cluster',
    // Baseline: each of these verbs is a direct path to any permission in the cluster.
    profile: 'baseline',
    references: [cis('5.1.8', 'Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster'), NSA.authz, MITRE.additionalClusterRoles, MITRE.exploitPrivEsc],
    docs: {
      rationale:
        'RBAC stops a subject from granting permissions it does not hold, except through three verbs. `escalate` ' +
        'on roles lets it write any permission into a role; `bind` on roles lets it bind a role it could not create, ' +
        'cluster-admin included; `impersonate` on users, groups or service accounts lets it send requests as them, ' +
        'for example as the group `system:masters`. An explicit verb is reported on the verb, whatever the resource. ' +
        'A `"*"` verb is reported on the resource it reaches these verbs through (`roles`, `clusterroles`, `users`, ' +
        '`groups`, `serviceaccounts`, `uids`, `userextras/…`); rbac-wildcard reports the `"*"` itself. A rule ' +
        'narrowed by `resourceNames` (bind only this role, impersonate only that account) is the documented safe way ' +
        'to delegate and is not reported, unless it names `cluster-admin` or `system:masters`.',
      remediation:
        'Remove the verb. If a controller must bind or escalate, limit the rule with `resourceNames` to the roles it ' +
        'manages; if a proxy must impersonate, limit it to the users and groups it serves.',
      bad:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: role-manager}\nrules:\n' +
        '- apiGroups: ["rbac.authorization.k8s.io"]\n  resources: ["clusterroles"]\n  verbs: ["get", "escalate"]\n',
      good:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: role-manager}\nrules:\n' +
        '- apiGroups: ["rbac.authorization.k8s.io"]\n  resources: ["clusterroles"]\n  verbs: ["get", "bind"]\n' +
        '  resourceNames: ["app-reader"]\n',
    },
  },
  scope: 'object',
  kinds: ROLE_KINDS,
  check(object) {
    const findings: RuleFinding[] = [];
    for (const rule of policyRules(object)) {
      if (narrowed(rule)) continue;
      const explicit = new Set<Verb>();
      for (const verb of rule.verbs) {
        if (!Object.hasOwn(WHY, verb.value)) continue;
        const name = verb.value as Verb;
        explicit.add(name);
        findings.push({ span: verb.span, path: verb.path, message: `${object.label} grants the ${name} verb, which ${WHY[name]}.` });
      }
      if (!rule.verbs.some((v) => v.value === '*')) continue;
      for (const target of TARGETS) {
        const implied = target.verbs.filter((v) => !explicit.has(v));
        if (implied.length === 0 || !groupMatches(rule, target.groups)) continue;
        for (const resource of rule.resources) {
          if (!isTarget(resource, target)) continue;
          findings.push({
            span: resource.span,
            path: resource.path,
            message: `${object.label} grants every verb ("*") on ${resource.value}, including ${implied.join(' and ')}, which ${WHY[implied[0] as Verb]}.`,
          });
        }
      }
    }
    return noteAggregation(object, findings);
  },
});
