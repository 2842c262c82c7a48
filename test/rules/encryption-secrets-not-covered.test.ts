import rule from '../../server/src/engine/rules/encryption-secrets-not-covered';
import { ruleTester } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: "secrets listed", yaml: "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: [configmaps, secrets]\n    providers:\n      - aesgcm:\n          keys:\n          - name: k1\n            secret: c2VjcmV0IGlzIHNlY3VyZSwgaXMgaXQ/IGl0IGlzIDMyIGJ5dGVzIQ==\n" },
    { name: "core wildcard", yaml: "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: [\"*.\"]\n    providers:\n      - aesgcm:\n          keys:\n          - name: k1\n            secret: c2VjcmV0IGlzIHNlY3VyZSwgaXMgaXQ/IGl0IGlzIDMyIGJ5dGVzIQ==\n" },
  ],
  invalid: [
    { name: "only configmaps", yaml: "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: [configmaps]\n    providers:\n      - aesgcm:\n          keys:\n          - name: k1\n            secret: c2VjcmV0IGlzIHNlY3VyZSwgaXMgaXQ/IGl0IGlzIDMyIGJ5dGVzIQ==\n", errors: [{"line": 3, "column": 1, "endColumn": 10}] },
    { name: "no resources at all", yaml: "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\n", errors: 1 },
  ],
});
