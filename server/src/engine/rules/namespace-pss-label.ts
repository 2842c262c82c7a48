import { getMap, stringEntries } from '../model/located';
import { defineRule } from '../rule';
import { cis, NSA, pss } from '../references';
import { ENFORCE_LABEL } from '../workspace';

export default defineRule({
  meta: {
    id: 'namespace-pss-label',
    title: 'Namespace does not enforce Pod Security',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Baseline: without the label the cluster admits privileged pods into the namespace whatever the manifests say.
    profile: 'baseline',
    references: [cis('5.2.1', 'Ensure that the cluster has at least one active policy control mechanism in place'), pss('Pod Security Admission labels'), NSA.podSecurity],
    fix: 'unsafe',
    docs: {
      rationale:
        'Pod Security Admission enforces the Pod Security Standards per namespace, through the ' +
        '`pod-security.kubernetes.io/enforce` label. Without it (or with `privileged`) the namespace admits any pod, ' +
        'host namespaces and privileged containers included, unless a cluster-wide default says otherwise. Kubeward ' +
        'also judges the pods of a labelled namespace at its level.',
      remediation:
        'Label the namespace `pod-security.kubernetes.io/enforce: restricted` (or `baseline` where workloads need it); ' +
        'try the level first with the `warn` and `audit` labels.',
      fixSafety:
        'Unsafe: from then on the API server rejects new pods that break the level, so a Deployment rollout can ' +
        'stall; the fix adds the level of the current profile.',
      bad: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
      good: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n',
    },
  },
  scope: 'object',
  kinds: ['Namespace'],
  check(object, { fixer, settings }) {
    if (object.apiVersion.value !== 'v1') return [];
    const labels = getMap(object.root, 'metadata', 'labels');
    const enforce = stringEntries(labels).get(ENFORCE_LABEL);
    if (enforce?.value === 'privileged') {
      return [{ span: enforce.span, path: enforce.path, message: `${object.label} enforces the privileged Pod Security level, which admits any pod.` }];
    }
    if (enforce) return [];
    const metadata = getMap(object.root, 'metadata');
    const edits = metadata ? fixer.setKey(metadata, ['labels', ENFORCE_LABEL], settings.level) : [];
    return [
      {
        span: object.anchorSpan,
        path: ['metadata', 'labels', ENFORCE_LABEL],
        message: `${object.label} has no ${ENFORCE_LABEL} label, so it admits pods of any privilege.`,
        ...(edits.length > 0 ? { fix: { title: `Add the label ${ENFORCE_LABEL}: ${settings.level}`, safety: 'unsafe' as const, edits } } : {}),
      },
    ];
  },
});
