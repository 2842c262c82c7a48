// CRDs among the scanned files validate custom resources elsewhere, and the worker pool gives the
// same report, byte for byte, as single-threaded analysis (KUBEWARD_SCAN_POOL forces either).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { json, run, tempDir } from './helpers';

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                replicas: {type: integer}
`;

const WIDGET = `apiVersion: example.com/v1
kind: Widget
metadata: {name: w, namespace: shop}
spec:
  replicas: "three"
  replcas: 3
`;

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector:
    matchLabels: {app: web}
  policyTypes: [Ingress]
`;

function deployment(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: web${i}, namespace: ${i % 2 === 0 ? 'shop' : 'other'}}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1.${i}
          securityContext:
            privileged: ${i % 3 === 0}
---
apiVersion: v1
kind: Service
metadata: {name: web${i}}
spec:
  type: NodePort
  ports: [{port: 80}]
`;
}

function rules(report: { findings: { file: string; rule: string }[] }, file: string): string[] {
  return report.findings.filter((f) => f.file === file).map((f) => f.rule);
}

describe('CRDs and the worker pool', () => {
  test('a CRD in one file validates custom resources in another (and in the same file)', () => {
    const dir = tempDir('kubeward-crd-');
    writeFileSync(path.join(dir, 'crd.yaml'), CRD);
    writeFileSync(path.join(dir, 'widget.yaml'), WIDGET);
    writeFileSync(path.join(dir, 'both.yaml'), `${CRD}---\n${WIDGET}`);
    const all = json(run(['scan', '--format', 'json', '--exit-zero', '.'], { cwd: dir, env: { KUBEWARD_SCAN_POOL: 'off' } }));
    assert.deepEqual(rules(all, 'widget.yaml').sort(), ['invalid-value', 'unknown-field']);
    const alone = json(run(['scan', '--format', 'json', '--exit-zero', 'widget.yaml'], { cwd: dir }));
    assert.deepEqual(rules(alone, 'widget.yaml'), [], 'without its CRD a custom resource is not an error');
    const single = json(run(['scan', '--format', 'json', '--exit-zero', 'both.yaml'], { cwd: dir }));
    assert.deepEqual(rules(single, 'both.yaml').sort(), ['invalid-value', 'unknown-field']);
  });

  test('JSON output is identical with the pool forced on and off, CRDs and cross-file facts included', () => {
    const dir = tempDir('kubeward-pool-');
    mkdirSync(path.join(dir, 'apps'));
    for (let i = 0; i < 12; i++) writeFileSync(path.join(dir, 'apps', `web${i}.yaml`), deployment(i));
    writeFileSync(path.join(dir, 'crd.yaml'), CRD);
    writeFileSync(path.join(dir, 'widget.yaml'), WIDGET);
    writeFileSync(path.join(dir, 'policy.yaml'), POLICY);
    writeFileSync(path.join(dir, 'broken.yaml'), 'a: [\n');
    writeFileSync(path.join(dir, 'suppressed.yaml'), deployment(3).replace('          securityContext:\n', '          # kubeward-disable-next-line privileged -- node agent\n          securityContext:\n').replace('            privileged', '            # kubeward-disable-next-line privileged -- node agent\n            privileged'));
    const args = ['scan', '--format', 'json', '--show-suppressed', '--profile', 'all', '.'];
    const off = run(args, { cwd: dir, env: { KUBEWARD_SCAN_POOL: 'off' } });
    const on = run(args, { cwd: dir, env: { KUBEWARD_SCAN_POOL: 'on' } });
    assert.equal(on.stdout, off.stdout);
    assert.equal(on.stderr, off.stderr);
    assert.equal(on.code, off.code);
    const report = json(off);
    assert.deepEqual(rules(report, 'widget.yaml').sort(), ['invalid-value', 'unknown-field'], 'the workers know the CRD');
    assert.ok(!rules(report, 'apps/web0.yaml').includes('network-policy-missing'), 'the workers know the NetworkPolicy of policy.yaml');
    assert.ok(rules(report, 'apps/web1.yaml').includes('network-policy-missing'));
    const sarifArgs = ['scan', '--format', 'sarif', '.'];
    assert.equal(run(sarifArgs, { cwd: dir, env: { KUBEWARD_SCAN_POOL: 'on' } }).stdout, run(sarifArgs, { cwd: dir, env: { KUBEWARD_SCAN_POOL: 'off' } }).stdout);
  });
});
