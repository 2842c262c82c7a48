import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/engine/analyze';
import { applyEdits } from '../../server/src/engine/apply';
import { normalizeSettings } from '../../server/src/engine/config';
import { RULE_IDS } from '../../server/src/engine/rules';
import { disableForLineEdits, disableForObjectEdits } from '../../server/src/engine/suppress/edits';

const settings = normalizeSettings({ profile: 'baseline', today: '2026-01-01' }, RULE_IDS);
const ids = (text: string) => analyzeText(text, { settings }).findings.map((f) => f.ruleId).sort();

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  hostNetwork: true
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      privileged: true
`;

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;

describe('disable for this line', () => {
  it('adds a next-line directive above, with the line indentation and a reason placeholder', () => {
    const line = lineOf(POD, 'privileged: true');
    const fixed = applyEdits(POD, disableForLineEdits(POD, line, 'privileged'));
    assert.equal(fixed, POD.replace('      privileged: true', '      # kubeward-disable-next-line privileged -- \n      privileged: true'));
    assert.deepEqual(ids(fixed), ['host-namespaces'], 'the finding is silenced, nothing else changes');
  });

  it('appends to a directive that already targets the line, before its reason', () => {
    const text = POD.replace('  hostNetwork: true', '  # kubeward-disable-next-line host-ports -- legacy\n  hostNetwork: true');
    const edits = disableForLineEdits(text, lineOf(text, 'hostNetwork'), 'host-namespaces');
    assert.equal(applyEdits(text, edits), POD.replace('  hostNetwork: true', '  # kubeward-disable-next-line host-ports, host-namespaces -- legacy\n  hostNetwork: true'));
  });

  it('finds the directive across blank and comment lines, and does nothing when the rule is already there', () => {
    const text = POD.replace('  hostNetwork: true', '  # kubeward-disable-next-line host-namespaces\n  # note\n\n  hostNetwork: true');
    assert.deepEqual(disableForLineEdits(text, lineOf(text, 'hostNetwork'), 'host-namespaces'), []);
  });

  it('fills a directive that names no rule yet', () => {
    const text = POD.replace('  hostNetwork: true', '  # kubeward-disable-next-line -- why\n  hostNetwork: true');
    assert.equal(applyEdits(text, disableForLineEdits(text, lineOf(text, 'hostNetwork'), 'host-namespaces')), text.replace('next-line -- why', 'next-line host-namespaces -- why'));
  });

  it('keeps CRLF line endings, and handles tabs-free sequence items', () => {
    const crlf = POD.replace(/\n/g, '\r\n');
    const line = lineOf(crlf, '- name: app');
    const fixed = applyEdits(crlf, disableForLineEdits(crlf, line, 'privileged'));
    assert.equal(fixed, crlf.replace('  - name: app', '  # kubeward-disable-next-line privileged -- \r\n  - name: app'));
    assert.ok(!/[^\r]\n/.test(fixed), 'no bare LF');
  });

  it('returns nothing for a line past the end', () => {
    assert.deepEqual(disableForLineEdits(POD, 99, 'privileged'), []);
  });
});

describe('disable for this object (annotation)', () => {
  const objectOf = (text: string, index = 0) => {
    const object = analyzeText(text, { settings }).objects[index];
    assert.ok(object, 'object found');
    return object;
  };

  it('adds annotations under existing metadata', () => {
    const fixed = applyEdits(POD, disableForObjectEdits(POD, objectOf(POD), 'privileged'));
    assert.equal(fixed, POD.replace('  name: agent\n', '  name: agent\n  annotations:\n    kubeward.io/ignore: privileged\n'));
    assert.deepEqual(ids(fixed), ['host-namespaces']);
  });

  it('extends an existing kubeward.io/ignore list, and does nothing when it already holds the rule', () => {
    const text = POD.replace('  name: agent\n', '  name: agent\n  annotations:\n    team: a\n    kubeward.io/ignore: host-namespaces # agreed\n');
    const fixed = applyEdits(text, disableForObjectEdits(text, objectOf(text), 'privileged'));
    assert.equal(fixed, text.replace('kubeward.io/ignore: host-namespaces # agreed', 'kubeward.io/ignore: "host-namespaces,privileged" # agreed'));
    assert.deepEqual(ids(fixed), []);
    assert.deepEqual(disableForObjectEdits(fixed, objectOf(fixed), 'privileged'), []);
  });

  it('uses the workload\'s own metadata, not its pod template, and later documents of the file', () => {
    const deployment = `apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata:\r\n  name: web\r\nspec:\r\n  template:\r\n    metadata:\r\n      labels: {app: web}\r\n    spec:\r\n      containers:\r\n      - name: app\r\n        image: nginx:1.27\r\n        securityContext: {privileged: true}\r\n`;
    const text = `${POD.replace(/\n/g, '\r\n')}---\r\n${deployment}`;
    const fixed = applyEdits(text, disableForObjectEdits(text, objectOf(text, 1), 'privileged'));
    assert.equal(fixed, text.replace('  name: web\r\n', '  name: web\r\n  annotations:\r\n    kubeward.io/ignore: privileged\r\n'));
  });

  it('creates metadata when the object has none', () => {
    const text = 'apiVersion: v1\nkind: Pod\nspec:\n  containers: []\n';
    const fixed = applyEdits(text, disableForObjectEdits(text, objectOf(text), 'privileged'));
    assert.equal(fixed, 'apiVersion: v1\nkind: Pod\nspec:\n  containers: []\nmetadata:\n  annotations:\n    kubeward.io/ignore: privileged\n');
  });
});
