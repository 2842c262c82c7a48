import { BINDING_KINDS, subjectsOf } from '../model/rbac';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'rbac-default-service-account-binding',
    title: 'Role bound to a default ServiceAccount',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: every pod that names no ServiceAccount runs as `default`, so the grant reaches them all.
    profile: 'baseline',
    references: [cis('5.1.5', 'Ensure that default service accounts are not actively used'), NSA.authz, MITRE.additionalClusterRoles],
    docs: {
      rationale:
        'Every pod that does not name a ServiceAccount runs as its namespace\'s `default` ServiceAccount. Binding a ' +
        'role to `default` hands those permissions to every such pod, today and in future, including ones that ' +
        'never needed API access.',
      remediation: 'Create a dedicated ServiceAccount for the workload that needs the role, bind the role to it, and set `serviceAccountName` in that workload.',
      bad:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: read, namespace: shop}\n' +
        'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}\nsubjects:\n- kind: ServiceAccount\n  name: default\n  namespace: shop\n',
      good:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: read, namespace: shop}\n' +
        'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}\nsubjects:\n- kind: ServiceAccount\n  name: web\n  namespace: shop\n',
    },
  },
  scope: 'object',
  kinds: [...BINDING_KINDS],
  check(object) {
    const out: RuleFinding[] = [];
    for (const subject of subjectsOf(object)) {
      if (subject.kind !== 'ServiceAccount' || subject.name?.value !== 'default') continue;
      const namespace = subject.namespace ?? object.namespace?.value;
      const where = namespace ? `namespace "${namespace}"` : 'the binding\'s namespace';
      out.push({
        span: subject.name.span,
        path: subject.name.path,
        message: `${object.label} grants its role to the default ServiceAccount of ${where}, and so to every pod there that names no ServiceAccount.`,
      });
    }
    return out;
  },
});
