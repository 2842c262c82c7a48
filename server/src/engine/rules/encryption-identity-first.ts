import { encryptionConfig, secretsEntry } from '../model/flags';
import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';

const KEY = 'c2VjcmV0IGlzIHNlY3VyZSwgaXMgaXQ/IGl0IGlzIDMyIGJ5dGVzIQ==';

export default defineRule({
  meta: {
    id: 'encryption-identity-first',
    title: 'Secrets are written unencrypted',
    severity: 'error',
    family: 'cluster',
    layer: 'Cluster',
    profile: 'baseline',
    references: [cis('1.2.28', 'Ensure that encryption providers are appropriately configured'), NSA.secrets, MITRE.credsInFiles],
    docs: {
      rationale:
        'The API server encrypts new writes with the first provider listed for a resource; the others are only ' +
        'used to read older data. With `identity` first for `secrets`, every Secret is written to etcd in plain ' +
        'text even though encryption appears to be configured.',
      remediation:
        'Move a real provider (`kms` v2, `aesgcm` or `secretbox`) to the top of the list and keep `identity` last, ' +
        'only while existing plain-text Secrets are rewritten.',
      bad: encryptionConfig('secrets', `- identity: {}\n- aesgcm:\n    keys:\n    - name: key1\n      secret: ${KEY}`),
      good: encryptionConfig('secrets', `- aesgcm:\n    keys:\n    - name: key1\n      secret: ${KEY}\n- identity: {}`),
    },
  },
  scope: 'object',
  kinds: ['EncryptionConfiguration'],
  check(object) {
    const entry = secretsEntry(object);
    const first = entry?.providers[0];
    if (!first || first.name !== 'identity') return [];
    return [{ span: first.keySpan, path: first.path, message: `${object.label} lists identity first for Secrets, so they are written to etcd in plain text.` }];
  },
});
