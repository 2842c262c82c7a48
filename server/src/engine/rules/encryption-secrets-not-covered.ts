import { encryptionConfig, encryptionEntries, secretsEntry } from '../model/flags';
import { getSeq } from '../model/located';
import { defineRule } from '../rule';
import { cis, MITRE, NSA } from '../references';

const KEY = 'c2VjcmV0IGlzIHNlY3VyZSwgaXMgaXQ/IGl0IGlzIDMyIGJ5dGVzIQ==';

export default defineRule({
  meta: {
    id: 'encryption-secrets-not-covered',
    title: 'Encryption configuration leaves Secrets out',
    severity: 'error',
    family: 'cluster',
    layer: 'Cluster',
    profile: 'baseline',
    references: [cis('1.2.28', 'Ensure that encryption providers are appropriately configured'), NSA.secrets, MITRE.credsInFiles],
    docs: {
      rationale:
        'An EncryptionConfiguration only encrypts the resources it lists. When no entry lists `secrets` (or the ' +
        'wildcards `*.` or `*.*`), Secrets are stored in plain text while the configuration suggests otherwise.',
      remediation: 'Add `secrets` to the `resources` of an entry with a real provider first.',
      bad: encryptionConfig('configmaps', `- aesgcm:\n    keys:\n    - name: key1\n      secret: ${KEY}`),
      good: encryptionConfig('secrets, configmaps', `- aesgcm:\n    keys:\n    - name: key1\n      secret: ${KEY}`),
    },
  },
  scope: 'object',
  kinds: ['EncryptionConfiguration'],
  check(object) {
    if (secretsEntry(object)) return [];
    const entries = encryptionEntries(object);
    const resources = getSeq(object.root, 'resources');
    const at = entries.length > 0 && resources?.keySpan ? { span: resources.keySpan, path: resources.path } : { span: object.kind.span, path: ['kind'] };
    return [{ span: at.span, path: at.path, message: `${object.label} does not cover secrets, so Secrets are stored in etcd in plain text.` }];
  },
});
