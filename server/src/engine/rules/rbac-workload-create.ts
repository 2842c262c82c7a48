import { CORE, grantedVerbs, groupMatches, listOf, namedResources, noteAggregation, policyRules, ROLE_KINDS } from '../model/rbac';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA } from '../references';

const WORKLOADS = [
  { groups: [CORE], resources: ['pods', 'replicationcontrollers'] },
  // extensions served these kinds until v1.16; old roles still name it.
  { groups: ['apps', 'extensions'], resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'] },
  { groups: ['batch'], resources: ['jobs', 'cronjobs'] },
] as const;

const WRITE_VERBS = ['create', 'update', 'patch'] as const;

export default defineRule({
  meta: {
    id: 'rbac-workload-create',
    title: 'Role can create or change pods or workloads',
    severity: 'info',
    family: 'rbac',
    layer: 'Cluster',
    // All: deploying workloads is what CI systems and operators are for, so this is a review aid
    // rather than a defect; only the opinionated profile shows it.
    profile: 'all',
    references: [cis('5.1.4', 'Minimize access to create pods'), NSA.authz, MITRE.deployContainer],
    docs: {
      rationale:
        'Whoever can create a pod, or a controller that creates pods, can run any image with any service account ' +
        'of the namespace and mount any of its Secrets, so it holds every permission those accounts hold; where ' +
        'the namespace admits privileged pods, it holds the node. `update` and `patch` change the pod template of ' +
        'an existing controller to the same effect. The finding is on each workload resource the rule names, in ' +
        'its own API group (`pods` in core, `deployments` in apps, `jobs` in batch…); a `"*"` resource is left to ' +
        'rbac-wildcard. `resourceNames` cannot restrict `create`, so a narrowed rule is reported only for ' +
        '`update` and `patch`.',
      remediation:
        'Keep workload write access to deployment pipelines and operators, in the namespaces they manage, and ' +
        'enforce Pod Security admission there so that what they create stays unprivileged.',
      bad:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: deployer, namespace: app}\nrules:\n' +
        '- apiGroups: ["apps"]\n  resources: ["deployments"]\n  verbs: ["get", "create", "patch"]\n',
      good:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: watcher, namespace: app}\nrules:\n' +
        '- apiGroups: ["apps"]\n  resources: ["deployments"]\n  verbs: ["get", "list", "watch"]\n',
    },
  },
  scope: 'object',
  kinds: ROLE_KINDS,
  check(object) {
    const findings: RuleFinding[] = [];
    for (const rule of policyRules(object)) {
      // The authorizer never matches resourceNames for create: a create request carries no name.
      const verbs = grantedVerbs(rule, WRITE_VERBS).filter((v) => v !== 'create' || rule.resourceNames.length === 0);
      if (verbs.length === 0) continue;
      for (const workload of WORKLOADS) {
        if (!groupMatches(rule, workload.groups)) continue;
        for (const resource of namedResources(rule, workload.resources)) {
          findings.push({
            span: resource.span,
            path: resource.path,
            message: `${object.label} can ${rule.verbs.some((v) => v.value === '*') ? 'create and change' : listOf(verbs)} ${resource.value}, and so run any image with any service account of its namespace.`,
          });
        }
      }
    }
    return noteAggregation(object, findings);
  },
});
