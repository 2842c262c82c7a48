// A folder scan is one workspace: facts in one file (NetworkPolicies, namespace labels) count for the others.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { json, run, tempDir } from './helpers';

const POLICY = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: restricted
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector:
    matchLabels: {app: web}
  policyTypes: [Ingress]
`;

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1.0
`;

function rules(cwd: string, ...args: string[]): Set<string> {
  const result = run(['scan', '--format', 'json', ...args], { cwd });
  const report = json(result);
  assert.deepEqual(report.errors, []);
  return new Set(report.findings.filter((f) => f.file === 'web.yaml').map((f) => f.rule));
}

describe('folder scans share facts between files', () => {
  const dir = tempDir('kubeward-workspace-');
  writeFileSync(path.join(dir, 'policy.yaml'), POLICY);
  writeFileSync(path.join(dir, 'web.yaml'), WEB);

  test('a NetworkPolicy in another file selects the pods', () => {
    assert.ok(rules(dir, 'web.yaml').has('network-policy-missing'), 'alone, the Deployment has no policy');
    assert.equal(rules(dir, '.').has('network-policy-missing'), false);
    assert.equal(rules(dir, 'web.yaml', 'policy.yaml').has('network-policy-missing'), false);
  });

  test("a namespace's restricted label in another file raises a baseline profile for its pods", () => {
    assert.equal(rules(dir, '--profile', 'baseline', 'web.yaml').has('privilege-escalation'), false);
    assert.ok(rules(dir, '--profile', 'baseline', '.').has('privilege-escalation'));
  });
});
