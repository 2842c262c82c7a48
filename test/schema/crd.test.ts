import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { analyzeText } from '../../server/src/engine/analyze';
import { DEFAULT_SETTINGS } from '../../server/src/engine/config';
import { crdRegistry, CrdRegistry, describeField } from '../../server/src/engine/schema';
import { schemaFindings, show, spanOf } from './helpers';

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  scope: Namespaced
  names: {plural: crontabs, singular: crontab, kind: CronTab}
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
            required: [cronSpec]
            properties:
              cronSpec: {type: string, description: The cron schedule.}
              image: {type: string}
              replicas: {type: integer, minimum: 1, maximum: 10, exclusiveMaximum: true}
              port: {x-kubernetes-int-or-string: true}
              policy: {type: string, enum: [Allow, Forbid]}
              config:
                type: object
                x-kubernetes-preserve-unknown-fields: true
  - name: v1beta1
    served: false
    storage: false
    schema:
      openAPIV3Schema: {type: object}
`;

const resource = (spec: string, apiVersion = 'stable.example.com/v1') => `apiVersion: ${apiVersion}
kind: CronTab
metadata:
  name: c
  labels: {app: c}
spec:
${spec.trim().split('\n').map((line) => `  ${line}`).join('\n')}
`;

describe('custom resources from CRDs in the workspace', () => {
  afterEach(() => crdRegistry.clear());

  it('registers the served versions of a CRD found in a file', () => {
    const registered = crdRegistry.setFromText('file:///crds/crontab.yaml', CRD);
    assert.deepEqual(registered.map((s) => `${s.apiVersion} ${s.kind} ${s.crdName}`), ['stable.example.com/v1 CronTab crontabs.stable.example.com']);
  });

  it('validates custom resources against the CRD schema', () => {
    crdRegistry.setFromText('file:///crds/crontab.yaml', CRD);
    const yaml = resource(`
cronSpec: "*/5 * * * *"
imagee: my/cron:1
replicas: 10
port: http
policy: Allow
config: {anything: {goes: [here]}}
`);
    assert.deepEqual(show(yaml, schemaFindings(yaml)), [
      'unknown-field "imagee": Field "imagee" is not part of CronTab spec (the CustomResourceDefinition crontabs.stable.example.com); did you mean "image"? A misspelt field has no effect.',
      'invalid-value "10": Field "spec.replicas" must be < 10.',
    ]);
    const [typo] = schemaFindings(yaml);
    assert.deepEqual(typo?.span, spanOf(yaml, 'imagee'));
  });

  it('reports types, enums and required fields of a custom resource', () => {
    crdRegistry.setFromText('file:///crds/crontab.yaml', CRD);
    const yaml = resource('replicas: "2"\npolicy: Sometimes\nport: 1.5');
    assert.deepEqual(show(yaml, schemaFindings(yaml)), [
      'invalid-value "spec": Required field "cronSpec" is missing from CronTab spec (the CustomResourceDefinition crontabs.stable.example.com).',
      'invalid-value "\\"2\\"": Field "spec.replicas" must be an integer, not the string "2"; write it without quotes.',
      'invalid-value "Sometimes": Field "spec.policy" must be Allow or Forbid, not the string "Sometimes".',
      'invalid-value "1.5": Field "spec.port" must be an integer or a string, not the number 1.5.',
    ]);
  });

  it('checks metadata with the built-in ObjectMeta schema', () => {
    crdRegistry.setFromText('file:///crds/crontab.yaml', CRD);
    const yaml = resource('cronSpec: x').replace('labels:', 'lables:');
    assert.deepEqual(show(yaml, schemaFindings(yaml)), [
      'unknown-field "lables": Field "lables" is not part of Kubernetes ObjectMeta; did you mean "labels"? A misspelt field has no effect.',
    ]);
  });

  it('ignores versions that are not served and kinds no CRD declares', () => {
    crdRegistry.setFromText('file:///crds/crontab.yaml', CRD);
    assert.deepEqual(schemaFindings(resource('whatever: 1', 'stable.example.com/v1beta1')), []);
    assert.deepEqual(schemaFindings(resource('whatever: 1', 'other.example.com/v1')), []);
  });

  it('forgets a CRD when its file changes or goes away', () => {
    const yaml = resource('cronSpec: x\nbogus: 1');
    crdRegistry.setFromText('file:///crds/crontab.yaml', CRD);
    assert.equal(schemaFindings(yaml).length, 1);
    crdRegistry.setFromText('file:///crds/crontab.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
    assert.deepEqual(schemaFindings(yaml), []);
    crdRegistry.setFromText('file:///crds/crontab.yaml', CRD);
    crdRegistry.remove('file:///crds/crontab.yaml');
    assert.deepEqual(schemaFindings(yaml), []);
  });

  it('takes CRDs from analysed objects, and tells listeners about changes', () => {
    const registry = new CrdRegistry();
    let changes = 0;
    const stop = registry.onDidChange(() => changes++);
    const objects = analyzeText(CRD, { settings: DEFAULT_SETTINGS, rules: [] }).objects.map((o) => o.object);
    assert.equal(registry.setFromObjects('file:///a.yaml', objects).length, 1);
    assert.equal(registry.lookup('stable.example.com/v1', 'CronTab')?.origin, 'file:///a.yaml');
    registry.setFromObjects('file:///a.yaml', objects);
    assert.equal(changes, 1, 'an unchanged file is not a change');
    assert.equal(registry.version, 1);
    stop();
  });

  it('documents custom resource fields for hovers', () => {
    crdRegistry.setFromText('file:///crds/crontab.yaml', CRD);
    const doc = describeField('stable.example.com/v1', 'CronTab', ['spec', 'cronSpec']);
    assert.equal(doc?.description, 'The cron schedule.');
    assert.equal(doc?.type, 'string');
    assert.equal(doc?.required, true);
    assert.equal(describeField('stable.example.com/v1', 'CronTab', ['metadata', 'labels'])?.type, 'map[string]string');
  });

  it('validates a CRD and its resources in the same file once the file is registered', () => {
    const file = `${CRD}---\n${resource('cronSpec: x\nreplicaz: 2')}`;
    crdRegistry.setFromText('file:///all-in-one.yaml', file);
    assert.deepEqual(
      schemaFindings(file).map((f) => f.message),
      ['Field "replicaz" is not part of CronTab spec (the CustomResourceDefinition crontabs.stable.example.com); did you mean "replicas"? A misspelt field has no effect.'],
    );
  });
});
