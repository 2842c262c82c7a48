import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/engine/analyze';
import { normalizeSettings } from '../../server/src/engine/config';
import { RULE_IDS } from '../../server/src/engine/rules';
import { globMatch, parseDirectives } from '../../server/src/engine/suppress';
import { PEER_MAP_FILE, renderPeerMap } from '../../scripts/generate-peer-map';

const settings = (raw: Record<string, unknown> = {}) => normalizeSettings({ profile: 'baseline', today: '2026-11-28', ...raw }, RULE_IDS);
const run = (text: string, raw?: Record<string, unknown>) => analyzeText(text, { settings: settings(raw) });
const ids = (findings: readonly { ruleId: string }[]) => findings.map((f) => f.ruleId).sort();

const privilegedPod = (extra = '', metadata = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\n  namespace: monitoring\n${metadata}spec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext:\n${extra}      privileged: true\n`;

describe('comment directives', () => {
  it('disable-next-line silences that rule on the next content line, with its reason', () => {
    const result = run(privilegedPod('      # kubeward-disable-next-line privileged -- GPU driver\n\n'));
    assert.deepEqual(ids(result.findings), []);
    assert.equal(result.suppressed.length, 1);
    assert.deepEqual(result.suppressed[0]?.suppression, { kind: 'comment', justification: 'GPU driver' });
  });

  it('disable-line silences findings on its own line', () => {
    const text = privilegedPod().replace('privileged: true', 'privileged: true # kubeward-disable-line privileged, host-namespaces -- driver');
    const result = run(text);
    assert.deepEqual(ids(result.findings), ['unused-suppression'], 'host-namespaces silences nothing there');
    assert.match(result.findings[0]?.message ?? '', /"host-namespaces".*reports nothing/);
  });

  it('disable at the top of a document covers that document only', () => {
    const text = `# kubeward-disable privileged -- audited\n${privilegedPod()}---\n${privilegedPod()}`;
    const result = run(text);
    assert.equal(result.findings.filter((f) => f.ruleId === 'privileged').length, 1);
    assert.equal(result.suppressed.length, 1);
  });

  it('does not silence other rules', () => {
    const text = privilegedPod().replace('spec:\n', 'spec:\n  hostNetwork: true # kubeward-disable-line privileged\n');
    assert.deepEqual(ids(run(text).findings), ['host-namespaces', 'privileged', 'unused-suppression']);
  });

  it('parses directive syntax exactly', () => {
    const [directive] = parseDirectives('a: 1 # kubeward-disable-line  x-y,z -- why -- really\n');
    assert.equal(directive?.kind, 'line');
    assert.deepEqual(directive?.rules.map((r) => r.id), ['x-y', 'z']);
    assert.equal(directive?.justification, 'why -- really');
    assert.deepEqual(parseDirectives('a: "# kubeward-disable-linefoo"\n'), []);
  });
});

describe('annotations', () => {
  it('kubeward.io/ignore exempts the object, with the reason annotation', () => {
    const result = run(privilegedPod('', '  annotations:\n    kubeward.io/ignore: privileged\n    kubeward.io/ignore-reason: device plugin\n'));
    assert.deepEqual(ids(result.findings), []);
    assert.deepEqual(result.suppressed[0]?.suppression, { kind: 'annotation', justification: 'device plugin' });
  });

  it('reports an annotation that exempts from an enabled rule with nothing to report', () => {
    const result = run(privilegedPod('', '  annotations:\n    kubeward.io/ignore: "privileged, host-namespaces"\n'));
    assert.deepEqual(ids(result.findings), ['unused-suppression']);
  });

  it('honours the pod template annotations of a workload', () => {
    const text = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata:\n      labels: {app: d}\n      annotations: {kubeward.io/ignore: host-namespaces}\n    spec:\n      hostPID: true\n      containers: [{name: a, image: "x:1"}]\n';
    assert.deepEqual(ids(run(text).findings), []);
  });

  it('honours kube-linter, Polaris and Checkov exemptions through the peer map', () => {
    const kubeLinter = run(privilegedPod('', '  annotations:\n    ignore-check.kube-linter.io/privileged-container: "driver"\n'));
    assert.deepEqual(ids(kubeLinter.findings), []);
    assert.equal(kubeLinter.suppressed[0]?.suppression.justification, 'driver');
    const polaris = run(privilegedPod('', '  annotations:\n    polaris.fairwinds.com/runAsPrivileged-exempt: "true"\n'));
    assert.deepEqual(ids(polaris.findings), []);
    const polarisOff = run(privilegedPod('', '  annotations:\n    polaris.fairwinds.com/runAsPrivileged-exempt: "false"\n'));
    assert.deepEqual(ids(polarisOff.findings), ['privileged']);
    const checkov = run(privilegedPod('', '  annotations:\n    checkov.io/skip1: CKV_K8S_16=needs devices\n'));
    assert.deepEqual(ids(checkov.findings), []);
    assert.equal(checkov.suppressed[0]?.suppression.justification, 'needs devices');
  });
});

describe('config ignores', () => {
  const ignore = (entry: Record<string, unknown>) => ({ ignores: [{ rules: ['privileged'], reason: 'GPU nodes', ...entry }] });

  it('match kind, namespace, name and container patterns', () => {
    assert.deepEqual(ids(run(privilegedPod(), ignore({ kind: 'Pod', namespace: 'monitor*', name: 'ag?nt', container: 'app' })).findings), []);
    assert.deepEqual(ids(run(privilegedPod(), ignore({ namespace: 'kube-system' })).findings), ['privileged']);
    assert.deepEqual(ids(run(privilegedPod(), ignore({ container: 'sidecar' })).findings), ['privileged']);
  });

  it('stop hiding findings when expired, and say so', () => {
    const live = run(privilegedPod(), ignore({ expires: '2026-12-31' }));
    assert.deepEqual(ids(live.findings), []);
    assert.deepEqual(live.suppressed[0]?.suppression, { kind: 'config', justification: 'GPU nodes' });
    const expired = run(privilegedPod(), ignore({ expires: '2026-11-28' }));
    assert.deepEqual(ids(expired.findings), ['privileged']);
    assert.match(expired.findings[0]?.message ?? '', /expired on 2026-11-28: "GPU nodes"/);
  });

  it('require a reason', () => {
    const warnings: string[] = [];
    const result = normalizeSettings({ ignores: [{ rules: ['privileged'] }] }, RULE_IDS, (w) => warnings.push(w));
    assert.deepEqual(result.ignores, []);
    assert.match(warnings[0] ?? '', /needs "rules" and a "reason"/);
  });

  it('globs match whole values', () => {
    assert.ok(globMatch('kube-*', 'kube-system'));
    assert.ok(!globMatch('kube', 'kube-system'));
    assert.ok(globMatch('a.b', 'a.b') && !globMatch('a.b', 'axb'));
  });
});

describe('peer map', () => {
  it('matches the corpus rule map', (t) => {
    const root = path.resolve(__dirname, '..', '..', '..');
    const ruleMap = path.resolve(root, '..', 'shared', 'corpus', 'rule-map.tsv');
    const catalog = path.resolve(root, '..', 'shared', 'design', 'rule-ids.tsv');
    if (!fs.existsSync(ruleMap) || !fs.existsSync(catalog)) {
      t.skip(`${ruleMap} is absent; the generated peer map cannot be checked`);
      return;
    }
    const ids = new Set(fs.readFileSync(catalog, 'utf8').split('\n').slice(1).map((l) => l.split('\t')[0] ?? '').filter(Boolean));
    const expected = renderPeerMap(fs.readFileSync(ruleMap, 'utf8'), ids);
    assert.equal(fs.readFileSync(path.join(root, PEER_MAP_FILE), 'utf8'), expected, 'run npm run peer-map and commit the result');
  });
});
