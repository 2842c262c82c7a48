import { getString } from '../model/located';
import { BINDING_KINDS, describeSubject, isBootstrapDefault, listOf, subjectsOf } from '../model/rbac';
import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'rbac-cluster-admin',
    title: 'Binding grants cluster-admin',
    severity: 'error',
    family: 'rbac',
    layer: 'Cluster',
    // Baseline: cluster-admin is every permission at once; no profile should let it pass unseen.
    profile: 'baseline',
    references: [cis('5.1.1', 'Ensure that the cluster-admin role is only used where required'), NSA.authz, MITRE.additionalClusterRoles, MITRE.validAccounts],
    docs: {
      rationale:
        'The `cluster-admin` ClusterRole allows every verb on every resource. Through a ClusterRoleBinding it owns ' +
        'the whole cluster; through a RoleBinding it owns the namespace, including its Secrets, RoleBindings and ' +
        'every pod. A compromised subject of such a binding is a compromised cluster or namespace. The rule looks at ' +
        'the `roleRef` (kind ClusterRole, name cluster-admin) and skips the API server\'s own bootstrap binding ' +
        '(labelled `kubernetes.io/bootstrapping: rbac-defaults`).',
      remediation:
        'Bind a role that lists only what the subject needs. For people, prefer the built-in `admin`, `edit` or ' +
        '`view` ClusterRoles in a RoleBinding, and keep cluster-admin for break-glass accounts.',
      bad:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: ci}\nroleRef:\n' +
        '  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n' +
        '- {kind: ServiceAccount, name: deployer, namespace: ci}\n',
      good:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: ci, namespace: app}\nroleRef:\n' +
        '  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: edit\nsubjects:\n' +
        '- {kind: ServiceAccount, name: deployer, namespace: ci}\n',
    },
  },
  scope: 'object',
  kinds: BINDING_KINDS,
  check(object) {
    const kind = getString(object.root, 'roleRef', 'kind');
    const name = getString(object.root, 'roleRef', 'name');
    if (kind?.value !== 'ClusterRole' || name?.value !== 'cluster-admin' || isBootstrapDefault(object)) return [];
    const scope = object.kind.value === 'ClusterRoleBinding' ? 'the whole cluster' : 'its namespace';
    const subjects = subjectsOf(object).map(describeSubject);
    const to =
      subjects.length === 0 ? '' : subjects.length <= 3 ? `, to ${listOf(subjects)}` : `, to ${subjects.slice(0, 2).join(', ')} and ${subjects.length - 2} more subjects`;
    return [{ span: name.span, path: name.path, message: `${object.label} grants cluster-admin, full control of ${scope}${to}.` }];
  },
});
