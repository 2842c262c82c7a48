import { getMap, getSeq, getString, mapItems } from '../model/located';
import { defineRule, type RuleFinding } from '../rule';
import { cis, MITRE, NSA } from '../references';

export default defineRule({
  meta: {
    id: 'secret-env-var',
    title: 'Secret is passed in environment variables',
    severity: 'warning',
    family: 'secrets',
    layer: 'Code',
    profile: 'baseline',
    references: [cis('5.4.1', 'Prefer using Secrets as files over Secrets as environment variables'), NSA.secrets, MITRE.credsInFiles],
    docs: {
      rationale:
        'Environment variables leak: they are inherited by every child process, printed by crash handlers and ' +
        'debug endpoints, visible in `/proc/<pid>/environ` to processes of the same user, and never updated when ' +
        'the Secret rotates. A Secret mounted as a read-only file has none of these problems.',
      remediation:
        'Mount the Secret as a volume (`volumes[].secret` with a `volumeMount`, `readOnly: true`) and let the ' +
        'application read the file, or use a CSI secrets-store driver.',
      bad:
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n' +
        '    env:\n    - name: DB_PASSWORD\n      valueFrom:\n        secretKeyRef: {name: db, key: password}\n',
      good:
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n' +
        '    volumeMounts:\n    - {name: db, mountPath: /etc/secrets/db, readOnly: true}\n  volumes:\n  - name: db\n    secret: {secretName: db}\n',
    },
  },
  scope: 'container',
  check(container, _pod, { object }) {
    const findings: RuleFinding[] = [];
    for (const env of mapItems(getSeq(container.map, 'env'))) {
      const ref = getMap(env, 'valueFrom', 'secretKeyRef');
      if (!ref?.keySpan) continue;
      const variable = getString(env, 'name')?.value;
      const secret = getString(ref, 'name')?.value;
      const key = getString(ref, 'key')?.value;
      const source = secret !== undefined ? `Secret "${secret}"${key !== undefined ? ` (key "${key}")` : ''}` : 'a Secret';
      findings.push({
        span: ref.keySpan,
        path: ref.path,
        message: `${container.label} in ${object.label} reads ${source} into the environment variable ${variable !== undefined ? `"${variable}"` : 'without a name'}.`,
      });
    }
    for (const from of mapItems(getSeq(container.map, 'envFrom'))) {
      const ref = getMap(from, 'secretRef');
      if (!ref?.keySpan) continue;
      const secret = getString(ref, 'name')?.value;
      findings.push({
        span: ref.keySpan,
        path: ref.path,
        message: `${container.label} in ${object.label} loads every key of ${secret !== undefined ? `Secret "${secret}"` : 'a Secret'} into its environment.`,
      });
    }
    return findings;
  },
});
