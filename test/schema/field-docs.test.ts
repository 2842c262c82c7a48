import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeField, fieldDocAt, fieldDocMarkdown } from '../../server/src/engine/schema';
import { deployment, spanOf } from './helpers';

describe('field documentation for hovers', () => {
  it('describes a built-in field by path', () => {
    const doc = describeField('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'runAsNonRoot']);
    assert.equal(doc?.name, 'runAsNonRoot');
    assert.equal(doc?.path, 'spec.template.spec.containers[].securityContext.runAsNonRoot');
    assert.equal(doc?.type, 'boolean');
    assert.match(doc?.description ?? '', /must run as a non-root user/);
    assert.equal(doc?.schema, 'Kubernetes 1.30 apps/v1 Deployment');
  });

  it('names object, list, map, quantity and int-or-string types, and lists allowed values', () => {
    const at = (...path: (string | number)[]) => describeField('v1', 'Pod', ['spec', ...path]);
    assert.equal(at('securityContext')?.type, 'PodSecurityContext');
    assert.equal(at('containers')?.type, '[]Container');
    assert.equal(at('containers')?.required, true);
    assert.equal(at('nodeSelector')?.type, 'map[string]string');
    assert.equal(at('containers', 0, 'resources', 'limits', 'cpu')?.type, 'Quantity (string or number)');
    assert.equal(at('containers', 0, 'livenessProbe', 'httpGet', 'port')?.type, 'integer or string');
    assert.deepEqual(at('securityContext', 'seccompProfile', 'type')?.enum, ['RuntimeDefault', 'Unconfined', 'Localhost']);
    assert.match(at('securityContext')?.description ?? '', /SecurityContext holds pod-level security attributes/);
  });

  it('knows nothing about unknown kinds and fields', () => {
    assert.equal(describeField('example.com/v1', 'Widget', ['spec']), undefined);
    assert.equal(describeField('v1', 'Pod', ['spec', 'nope']), undefined);
  });

  it('finds the field under the cursor, on a key or its value', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n${deployment('containers:\n- name: app\n  securityContext:\n    privileged: false')}`;
    const onKey = fieldDocAt(text, spanOf(text, 'privileged').start + 3);
    assert.equal(onKey?.path, 'spec.template.spec.containers[].securityContext.privileged');
    assert.deepEqual(onKey?.span, spanOf(text, 'privileged'));
    const onValue = fieldDocAt(text, spanOf(text, 'false').start);
    assert.equal(onValue?.name, 'privileged');
    assert.deepEqual(onValue?.span, spanOf(text, 'false'));
    assert.equal(fieldDocAt(text, spanOf(text, 'name: app').start)?.path, 'spec.template.spec.containers[].name');
    assert.equal(fieldDocAt(text, spanOf(text, 'ConfigMap').start)?.name, 'kind');
  });

  it('documents a field even where it is flagged, but not unknown fields or non-Kubernetes YAML', () => {
    const text = deployment('containers:\n- name: app\n  securityContext:\n    runAsNonroot: true\n    runAsUser: "1000"');
    assert.equal(fieldDocAt(text, spanOf(text, 'runAsUser').start)?.type, 'integer');
    assert.equal(fieldDocAt(text, spanOf(text, 'runAsNonroot').start), undefined);
    assert.equal(fieldDocAt('foo:\n  bar: 1\n', 7), undefined);
  });

  it('renders markdown for a hover', () => {
    const doc = describeField('v1', 'Pod', ['spec', 'securityContext', 'seccompProfile', 'type']);
    assert.ok(doc);
    const markdown = fieldDocMarkdown(doc);
    assert.match(markdown, /^\*\*type\*\* `string` \(required\)/);
    assert.match(markdown, /Allowed values: `RuntimeDefault`, `Unconfined`, `Localhost`/);
    assert.match(markdown, /_Kubernetes 1\.30 v1 Pod_$/);
  });
});
