import { encryptionConfig, secretsEntry } from '../model/flags';
import { defineRule } from '../rule';
import { cis, NSA } from '../references';

const KEY = 'c2VjcmV0IGlzIHNlY3VyZSwgaXMgaXQ/IGl0IGlzIDMyIGJ5dGVzIQ==';

export default defineRule({
  meta: {
    id: 'encryption-weak-provider',
    title: 'Secrets are encrypted with a weak provider',
    severity: 'warning',
    family: 'cluster',
    layer: 'Cluster',
    // Restricted: aescbc still encrypts; moving to KMS v2 needs a key management service.
    profile: 'restricted',
    references: [cis('1.2.28', 'Ensure that encryption providers are appropriately configured'), NSA.secrets],
    docs: {
      rationale:
        'The first provider for `secrets` encrypts every new Secret. `aescbc` is vulnerable to padding-oracle ' +
        'attacks and the Kubernetes documentation no longer recommends it; `kms` with `apiVersion: v1` (or none) ' +
        'is deprecated and disabled by default since Kubernetes 1.29. Both keep the key, or a slow envelope scheme, ' +
        'where `kms` v2 or `aesgcm`/`secretbox` with key rotation do better.',
      remediation:
        'Put `kms` with `apiVersion: v2` (a KMS plugin keeps the key off the node), or `aesgcm`/`secretbox`, first; keep ' +
        'the old provider after it until every Secret has been rewritten.',
      bad: encryptionConfig('secrets', `- aescbc:\n    keys:\n    - name: key1\n      secret: ${KEY}`),
      good: encryptionConfig('secrets', '- kms:\n    apiVersion: v2\n    name: vault\n    endpoint: unix:///var/run/kms.sock'),
    },
  },
  scope: 'object',
  kinds: ['EncryptionConfiguration'],
  check(object) {
    const first = secretsEntry(object)?.providers[0];
    if (!first) return [];
    if (first.name === 'aescbc') {
      return [{ span: first.keySpan, path: first.path, message: `${object.label} encrypts Secrets with aescbc, which is open to padding-oracle attacks; prefer kms v2, aesgcm or secretbox.` }];
    }
    if (first.name === 'kms' && first.kmsVersion !== 'v2') {
      return [{ span: first.keySpan, path: first.path, message: `${object.label} encrypts Secrets with KMS v1, which is deprecated and disabled by default since Kubernetes 1.29; use apiVersion: v2.` }];
    }
    return [];
  },
});
