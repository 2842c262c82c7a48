import { CORE, grantedVerbs, groupMatches, namedResources, noteAggregation, policyRules, ROLE_KINDS, verbPhrase } from '../model/rbac';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA } from '../references';

/** list and watch return whole objects, so they reveal Secret values just as get does. */
const READ_VERBS = ['get', 'list', 'watch'] as const;

export default defineRule({
  meta: {
    id: 'rbac-secrets-read',
    title: 'Role can read Secrets',
    severity: 'warning',
    family: 'rbac',
    layer: 'Cluster',
    // Restricted: many controllers legitimately read a few Secrets, so the looser profile leaves
    // this to review; the default profile reports it.
    profile: 'restricted',
    references: [cis('5.1.2', 'Minimize access to secrets'), NSA.authz, NSA.secrets, MITRE.containerApiCreds],
    docs: {
      rationale:
        'Reading Secrets hands over whatever they hold: database passwords, cloud keys, TLS keys and the tokens of ' +
        'other service accounts, which often carry more permissions than the reader. `list` and `watch` return ' +
        'full objects, values included, so they are as sensitive as `get`. The rule looks at `secrets` in the core ' +
        'API group (`""` or `"*"`); `secrets` of another group is a different resource. A rule limited by ' +
        '`resourceNames` reads only the Secrets it names, a deliberate narrow grant, and is not reported. A ' +
        '`"*"` resource is reported by rbac-wildcard instead, once.',
      remediation:
        'Mount the Secrets the workload needs as volumes instead of reading them through the API. If it must read ' +
        'them, limit the rule with `resourceNames` to those Secrets, and prefer a Role in one namespace to a ' +
        'ClusterRole.',
      bad:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: reader, namespace: app}\nrules:\n' +
        '- apiGroups: [""]\n  resources: ["secrets"]\n  verbs: ["get", "list"]\n',
      good:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: reader, namespace: app}\nrules:\n' +
        '- apiGroups: [""]\n  resources: ["secrets"]\n  resourceNames: ["app-config"]\n  verbs: ["get"]\n',
    },
  },
  scope: 'object',
  kinds: ROLE_KINDS,
  check(object) {
    const findings: RuleFinding[] = [];
    // A ClusterRole's reach depends on its bindings: one namespace, or all of them.
    const where = object.kind.value === 'Role' ? ' in its namespace' : ', in every namespace when a ClusterRoleBinding binds it';
    for (const rule of policyRules(object)) {
      if (!groupMatches(rule, [CORE]) || rule.resourceNames.length > 0) continue;
      const verbs = grantedVerbs(rule, READ_VERBS);
      if (verbs.length === 0) continue;
      for (const resource of namedResources(rule, ['secrets'])) {
        findings.push({
          span: resource.span,
          path: resource.path,
          message: `${object.label} can read the values of every Secret (${verbPhrase(rule, verbs)})${where}.`,
        });
      }
    }
    return noteAggregation(object, findings);
  },
});
