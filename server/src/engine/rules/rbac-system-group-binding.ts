import { getString } from '../model/located';
import { BINDING_KINDS, isBootstrapDefault, subjectsOf } from '../model/rbac';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA } from '../references';

/** Who each built-in identity is, and the subject kinds under which the name means it. */
const SYSTEM_SUBJECTS: Readonly<Record<string, { kinds: readonly string[]; who: string }>> = {
  // The anonymous user is a User, but a Group of that name shows the same intent.
  'system:anonymous': { kinds: ['User', 'Group'], who: 'anyone who reaches the API server without credentials' },
  'system:unauthenticated': { kinds: ['Group'], who: 'every request made without credentials' },
  'system:authenticated': { kinds: ['Group'], who: 'every user and service account with any valid credential' },
  'system:masters': { kinds: ['Group'], who: 'a group that bypasses authorization and whose certificates cannot be revoked' },
};

export default defineRule({
  meta: {
    id: 'rbac-system-group-binding',
    title: 'Binding grants a role to a system group',
    severity: 'error',
    family: 'rbac',
    layer: 'Cluster',
    // Baseline: a binding to these groups opens the role to strangers or to every identity.
    profile: 'baseline',
    references: [cis('5.1.7', 'Avoid use of system:masters group'), NSA.authz, MITRE.validAccounts],
    docs: {
      rationale:
        '`system:anonymous` and `system:unauthenticated` are whoever reaches the API server without credentials; ' +
        '`system:authenticated` is every identity with any valid credential, including every service account of ' +
        'every namespace and, on some managed clusters, any account of the cloud provider. Binding a role to them ' +
        'publishes it. `system:masters` already bypasses authorization, and its client certificates cannot be ' +
        'revoked, so a binding to it means someone relies on that group. The API server\'s own bootstrap bindings ' +
        '(labelled `kubernetes.io/bootstrapping: rbac-defaults`) are skipped.',
      remediation: 'Bind the role to the specific users, groups or service accounts that need it.',
      bad:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: public}\nroleRef:\n' +
        '  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n' +
        '- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:authenticated"}\n',
      good:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: viewers}\nroleRef:\n' +
        '  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n' +
        '- {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "oncall"}\n',
    },
  },
  scope: 'object',
  kinds: BINDING_KINDS,
  check(object) {
    if (isBootstrapDefault(object)) return [];
    const roleKind = getString(object.root, 'roleRef', 'kind')?.value ?? 'role';
    const roleName = getString(object.root, 'roleRef', 'name')?.value;
    const role = roleName ? `${roleKind} "${roleName}"` : 'its role';
    const findings: RuleFinding[] = [];
    for (const subject of subjectsOf(object)) {
      const known = Object.hasOwn(SYSTEM_SUBJECTS, subject.name.value) ? SYSTEM_SUBJECTS[subject.name.value] : undefined;
      if (!known || !subject.kind || !known.kinds.includes(subject.kind)) continue;
      findings.push({
        span: subject.name.span,
        path: subject.name.path,
        message: `${object.label} grants ${role} to ${subject.name.value}, ${known.who}.`,
      });
    }
    return findings;
  },
});
