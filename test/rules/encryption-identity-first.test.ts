import rule from '../../server/src/engine/rules/encryption-identity-first';
import { ruleTester } from '../harness/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: "identity last", yaml: "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: [secrets]\n    providers:\n      - aesgcm:\n          keys:\n          - name: k1\n            secret: c2VjcmV0IGlzIHNlY3VyZSwgaXMgaXQ/IGl0IGlzIDMyIGJ5dGVzIQ==\n      - identity: {}\n" },
    { name: "identity first for configmaps only", yaml: "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: [configmaps]\n    providers:\n      - identity: {}\n" },
  ],
  invalid: [
    { name: "identity first", yaml: "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: [secrets]\n    providers:\n      - identity: {}\n      - aesgcm:\n          keys:\n          - name: k1\n            secret: c2VjcmV0IGlzIHNlY3VyZSwgaXMgaXQ/IGl0IGlzIDMyIGJ5dGVzIQ==\n", errors: [{"line": 6, "column": 9, "endColumn": 17}] },
    { name: "wildcard covers secrets", yaml: "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: [\"*.*\"]\n    providers:\n      - identity: {}\n", errors: 1 },
  ],
});
