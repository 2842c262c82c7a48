import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { builtinSchema, KUBERNETES_VERSION, schemaPath } from '../../server/src/engine/schema';

const root = path.resolve(__dirname, '..', '..', '..');
const committed = path.join(root, 'schemas', `k8s-${KUBERNETES_VERSION}.json`);

describe('generated Kubernetes schema', () => {
  it('is byte for byte what schemas/gen/generate.mjs produces', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-schemas-'));
    try {
      execFileSync(process.execPath, [path.join(root, 'schemas', 'gen', 'generate.mjs'), '--out', out], { cwd: root, stdio: 'pipe' });
      const fresh = fs.readFileSync(path.join(out, `k8s-${KUBERNETES_VERSION}.json`));
      assert.ok(fresh.equals(fs.readFileSync(committed)), 'schemas are stale: run npm run schemas');
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('is the file the engine loads', () => {
    assert.equal(fs.realpathSync(schemaPath()), fs.realpathSync(committed));
    assert.equal(builtinSchema()['x-kubernetes-version'], KUBERNETES_VERSION);
  });

  it('covers the built-in kinds that matter', () => {
    const kinds = Object.entries(builtinSchema()['x-kinds']).flatMap(([apiVersion, byKind]) => Object.keys(byKind).map((kind) => `${apiVersion} ${kind}`));
    for (const expected of [
      'v1 Pod', 'v1 Service', 'v1 ServiceAccount', 'v1 Secret', 'v1 PodTemplate', 'v1 ReplicationController', 'apps/v1 Deployment',
      'apps/v1 DaemonSet', 'batch/v1 CronJob', 'rbac.authorization.k8s.io/v1 ClusterRole', 'networking.k8s.io/v1 NetworkPolicy',
      'policy/v1 PodDisruptionBudget', 'autoscaling/v2 HorizontalPodAutoscaler', 'apiextensions.k8s.io/v1 CustomResourceDefinition',
      'admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration',
    ]) {
      assert.ok(kinds.includes(expected), expected);
    }
    assert.equal(kinds.length, 37);
  });
});
