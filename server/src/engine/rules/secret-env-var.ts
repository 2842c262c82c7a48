import { getMap, getSeq, getString, mapItems } from '../model/located';
import { secretToVolume } from '../fixes/secret-to-volume';
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
    fix: 'unsafe',
    docs: {
      rationale:
        'Environment variables leak: they are inherited by every child process, printed by crash handlers and ' +
        'debug endpoints, visible in `/proc/<pid>/environ` to processes of the same user, and never updated when ' +
        'the Secret rotates. A Secret mounted as a read-only file has none of these problems.',
      remediation:
        'Mount the Secret as a volume (`volumes[].secret` with a `volumeMount`, `readOnly: true`) and let the ' +
        'application read the file, or use a CSI secrets-store driver.',
      fixSafety:
        'Unsafe: the application must read the secret from a file afterwards. The fix mounts the Secret read-only ' +
        'at `kubeward.fix.secretMountRoot/<secret>` (default `/etc/secrets`), reusing a matching volume and mount, ' +
        'and turns `DB_PASSWORD` into `DB_PASSWORD_FILE` pointing at the mounted file, the convention many images ' +
        'and libraries follow. `envFrom` mounts the whole Secret.',
      bad:
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n' +
        '    env:\n    - name: DB_PASSWORD\n      valueFrom:\n        secretKeyRef: {name: db, key: password}\n',
      good:
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n' +
        '    volumeMounts:\n    - {name: db, mountPath: /etc/secrets/db, readOnly: true}\n  volumes:\n  - name: db\n    secret: {secretName: db}\n',
    },
  },
  scope: 'container',
  check(container, pod, { object, fixer, settings }) {
    const findings: RuleFinding[] = [];
    for (const env of mapItems(getSeq(container.map, 'env'))) {
      const ref = getMap(env, 'valueFrom', 'secretKeyRef');
      if (!ref?.keySpan) continue;
      const variable = getString(env, 'name')?.value;
      const secret = getString(ref, 'name')?.value;
      const key = getString(ref, 'key')?.value;
      const source = secret !== undefined ? `Secret "${secret}"${key !== undefined ? ` (key "${key}")` : ''}` : 'a Secret';
      const fix = secretToVolume(container, pod, env, fixer, settings.fix);
      findings.push({
        span: ref.keySpan,
        path: ref.path,
        message: `${container.label} in ${object.label} reads ${source} into the environment variable ${variable !== undefined ? `"${variable}"` : 'without a name'}.`,
        ...(fix ? { fix } : {}),
      });
    }
    for (const from of mapItems(getSeq(container.map, 'envFrom'))) {
      const ref = getMap(from, 'secretRef');
      if (!ref?.keySpan) continue;
      const secret = getString(ref, 'name')?.value;
      const fix = secretToVolume(container, pod, from, fixer, settings.fix);
      findings.push({
        span: ref.keySpan,
        path: ref.path,
        message: `${container.label} in ${object.label} loads every key of ${secret !== undefined ? `Secret "${secret}"` : 'a Secret'} into its environment.`,
        ...(fix ? { fix } : {}),
      });
    }
    return findings;
  },
});
