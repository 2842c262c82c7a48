import { getBool, getEntry } from '../model/located';
import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'service-account-token-automount',
    title: 'Pod mounts a service account token',
    severity: 'warning',
    family: 'identity',
    layer: 'Container',
    profile: 'restricted',
    references: [
      cis('5.1.6', 'Ensure that Service Account Tokens are only mounted where necessary'),
      NSA.serviceAccountTokens,
      MITRE.containerApiCreds,
    ],
    fix: 'unsafe',
    docs: {
      rationale:
        'Unless automounting is turned off, every container gets a token for the pod\'s service account at ' +
        '`/var/run/secrets/kubernetes.io/serviceaccount`. Most applications never call the Kubernetes API, but ' +
        'anyone who gets code execution or file read in the container can use the token with whatever RBAC the ' +
        'account has. Kubeward checks one object at a time, so a ServiceAccount that sets ' +
        '`automountServiceAccountToken: false` elsewhere is not taken into account: set it on the pod too.',
      remediation:
        'Set `automountServiceAccountToken: false` in the pod spec. Pods that do call the API can mount a ' +
        'short-lived token explicitly with a `projected` volume and a `serviceAccountToken` source.',
      fixSafety:
        'Unsafe: an application that calls the Kubernetes API (operators, controllers, CI runners, service ' +
        'meshes) loses its credentials and fails. The fix sets the field on the pod, which overrides the ' +
        'ServiceAccount.',
      bad: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n',
      good: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  automountServiceAccountToken: false\n  containers:\n  - name: app\n    image: nginx:1.27\n',
    },
  },
  scope: 'pod',
  check(pod, { fixer, object }) {
    const field = getBool(pod.map, 'automountServiceAccountToken');
    if (field?.value === false) return [];
    const title = 'Set automountServiceAccountToken to false';
    if (field) {
      return [
        {
          span: field.span,
          path: field.path,
          message: `${object.label} sets automountServiceAccountToken to true, so every container holds a Kubernetes API token.`,
          fix: { title, safety: 'unsafe', edits: fixer.replaceValue(field, 'false') },
        },
      ];
    }
    // A value of the wrong type (`"false"`) is rejected or ignored; point at it rather than at the pod.
    const written = getEntry(pod.map, 'automountServiceAccountToken')?.entry;
    return [
      {
        span: written && written.value ? written.valueSpan : pod.anchorSpan,
        path: [...pod.map.path, 'automountServiceAccountToken'],
        message: `${object.label} does not set automountServiceAccountToken to false, so every container holds a Kubernetes API token.`,
        fix: { title, safety: 'unsafe', edits: fixer.setKey(pod.map, ['automountServiceAccountToken'], false) },
      },
    ];
  },
});
