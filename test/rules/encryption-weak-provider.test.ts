import rule from '../../server/src/engine/rules/encryption-weak-provider';
import { ruleTester } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: "aesgcm", yaml: "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: [secrets]\n    providers:\n      - aesgcm:\n          keys:\n          - name: k1\n            secret: c2VjcmV0IGlzIHNlY3VyZSwgaXMgaXQ/IGl0IGlzIDMyIGJ5dGVzIQ==\n" },
    { name: "kms v2", yaml: "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: [secrets]\n    providers:\n      - kms:\n          apiVersion: v2\n          name: vault\n          endpoint: unix:///kms.sock\n" },
    { name: "aescbc only for reading", yaml: "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: [secrets]\n    providers:\n      - aesgcm:\n          keys:\n          - name: k1\n            secret: c2VjcmV0IGlzIHNlY3VyZSwgaXMgaXQ/IGl0IGlzIDMyIGJ5dGVzIQ==\n      - aescbc:\n          keys:\n          - name: old\n            secret: c2VjcmV0IGlzIHNlY3VyZSwgaXMgaXQ/IGl0IGlzIDMyIGJ5dGVzIQ==\n" },
  ],
  invalid: [
    { name: "aescbc first", yaml: "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: [secrets]\n    providers:\n      - aescbc:\n          keys:\n          - name: k1\n            secret: c2VjcmV0IGlzIHNlY3VyZSwgaXMgaXQ/IGl0IGlzIDMyIGJ5dGVzIQ==\n", errors: [{"line": 6, "column": 9, "endColumn": 15}] },
    { name: "kms without apiVersion is v1", yaml: "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: [secrets]\n    providers:\n      - kms:\n          name: vault\n          endpoint: unix:///kms.sock\n", errors: 1 },
  ],
});
