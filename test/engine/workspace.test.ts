import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText, ChunkCache } from '../../server/src/engine/analyze';
import { normalizeSettings } from '../../server/src/engine/config';
import { RULE_IDS } from '../../server/src/engine/rules';
import { EMPTY_VIEW, factsOfText, selects, WorkspaceIndex, type SelectorFacts } from '../../server/src/engine/workspace';

const deployment = (name: string, namespace?: string, extra = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n${extra}      containers:\n      - name: app\n        image: nginx:1.27\n`;
const policy = (namespace: string | undefined, selector = '{}') =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  podSelector: ${selector}\n  policyTypes: [Ingress, Egress]\n`;
const namespace = (name: string, level?: string) =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n${level ? `  labels:\n    pod-security.kubernetes.io/enforce: ${level}\n` : ''}`;
const serviceAccount = (name: string, ns: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n`;

const settings = (raw: Record<string, unknown> = {}) =>
  normalizeSettings({ rules: { 'network-policy-missing': 'warning', 'service-account-missing': 'info' }, ...raw }, RULE_IDS);

/** A tiny editor: files by URI, each analysed with the view of the others, affected files re-analysed. */
class Workspace {
  readonly index = new WorkspaceIndex();
  readonly texts = new Map<string, string>();
  readonly caches = new Map<string, ChunkCache>();
  analyses = 0;
  constructor(private readonly raw: Record<string, unknown> = {}) {}

  analyse(uri: string) {
    this.analyses++;
    const cache = this.caches.get(uri) ?? new ChunkCache();
    this.caches.set(uri, cache);
    return analyzeText(this.texts.get(uri) ?? '', { settings: settings(this.raw), workspace: this.index.viewFor(uri), cache });
  }

  /** Saves a file; returns the URIs re-analysed because of it. */
  write(uri: string, text: string): string[] {
    this.texts.set(uri, text);
    const result = this.analyse(uri);
    const affected = this.index.set(uri, result.facts);
    for (const other of affected) this.analyse(other);
    return affected;
  }

  remove(uri: string): string[] {
    this.texts.delete(uri);
    const affected = this.index.delete(uri);
    for (const other of affected) this.analyse(other);
    return affected;
  }

  ids(uri: string, ruleId?: string): string[] {
    return this.analyse(uri).findings.filter((f) => !ruleId || f.ruleId === ruleId).map((f) => f.ruleId);
  }
}

describe('workspace: network-policy-missing', () => {
  it('a NetworkPolicy in another file clears the finding; deleting it brings it back', () => {
    const ws = new Workspace();
    ws.write('app.yaml', deployment('web', 'shop'));
    assert.deepEqual(ws.ids('app.yaml', 'network-policy-missing'), ['network-policy-missing']);
    assert.deepEqual(ws.write('policy.yaml', policy('shop')), ['app.yaml'], 'the policy file affects the app file');
    assert.deepEqual(ws.ids('app.yaml', 'network-policy-missing'), []);
    assert.deepEqual(ws.remove('policy.yaml'), ['app.yaml']);
    assert.deepEqual(ws.ids('app.yaml', 'network-policy-missing'), ['network-policy-missing']);
  });

  it('editing the policy to select other pods brings the finding back; unrelated edits affect nobody', () => {
    const ws = new Workspace();
    ws.write('app.yaml', deployment('web', 'shop'));
    ws.write('policy.yaml', policy('shop', '{matchLabels: {app: web}}'));
    assert.deepEqual(ws.ids('app.yaml', 'network-policy-missing'), []);
    assert.deepEqual(ws.write('policy.yaml', `# comment\n${policy('shop', '{matchLabels: {app: web}}')}`), [], 'same facts: nothing to redo');
    assert.deepEqual(ws.write('policy.yaml', policy('shop', '{matchLabels: {app: api}}')), ['app.yaml']);
    assert.deepEqual(ws.ids('app.yaml', 'network-policy-missing'), ['network-policy-missing']);
    assert.deepEqual(ws.write('other.yaml', policy('elsewhere')), [], 'a policy in another namespace affects no file here');
  });

  it('objects without a namespace are in default, on both sides', () => {
    const ws = new Workspace();
    ws.write('app.yaml', deployment('web'));
    ws.write('policy.yaml', policy(undefined));
    assert.deepEqual(ws.ids('app.yaml', 'network-policy-missing'), []);
    ws.write('policy.yaml', policy('default'));
    assert.deepEqual(ws.ids('app.yaml', 'network-policy-missing'), [], 'explicit default is the same namespace');
    ws.write('policy.yaml', policy('shop'));
    assert.deepEqual(ws.ids('app.yaml', 'network-policy-missing'), ['network-policy-missing']);
  });

  it('works within one file without any workspace', () => {
    const text = `${policy('shop')}---\n${deployment('web', 'shop')}`;
    assert.deepEqual(analyzeText(text, { settings: settings() }).findings.filter((f) => f.ruleId === 'network-policy-missing'), []);
    const alone = analyzeText(deployment('web', 'shop'), { settings: settings() }).findings.filter((f) => f.ruleId === 'network-policy-missing');
    assert.equal(alone.length, 1);
  });

  it('findings from the workspace are suppressible like any other', () => {
    const ws = new Workspace();
    ws.write('app.yaml', `# kubeward-disable network-policy-missing -- isolated by the mesh\n${deployment('web', 'shop')}`);
    const result = ws.analyse('app.yaml');
    assert.equal(result.findings.filter((f) => f.ruleId === 'network-policy-missing').length, 0);
    assert.equal(result.suppressed.filter((f) => f.ruleId === 'network-policy-missing').length, 1);
    assert.ok(!result.findings.some((f) => f.ruleId === 'unused-suppression'));
  });
});

describe('workspace: service-account-missing', () => {
  it('only judges namespaces where the workspace defines ServiceAccounts', () => {
    const ws = new Workspace();
    ws.write('app.yaml', deployment('web', 'shop', '      serviceAccountName: web\n'));
    assert.deepEqual(ws.ids('app.yaml', 'service-account-missing'), [], 'no ServiceAccounts defined for shop');
    assert.deepEqual(ws.write('sa.yaml', serviceAccount('api', 'shop')), ['app.yaml']);
    assert.deepEqual(ws.ids('app.yaml', 'service-account-missing'), ['service-account-missing']);
    ws.write('sa.yaml', `${serviceAccount('api', 'shop')}---\n${serviceAccount('web', 'shop')}`);
    assert.deepEqual(ws.ids('app.yaml', 'service-account-missing'), [], 'defined elsewhere clears it');
    ws.write('sa.yaml', serviceAccount('web', 'other'));
    assert.deepEqual(ws.ids('app.yaml', 'service-account-missing'), [], 'other namespaces do not count');
  });
});

describe('workspace: namespace Pod Security level', () => {
  const root = '      securityContext: {runAsNonRoot: true}\n';
  it('an enforce: restricted label raises the level under a baseline profile', () => {
    const ws = new Workspace({ profile: 'baseline' });
    ws.write('app.yaml', deployment('web', 'shop'));
    assert.ok(!ws.ids('app.yaml').includes('run-as-non-root'), 'baseline profile: restricted rules do not run');
    assert.deepEqual(ws.write('ns.yaml', namespace('shop', 'restricted')), ['app.yaml']);
    const ids = ws.ids('app.yaml');
    assert.ok(ids.includes('run-as-non-root') && ids.includes('seccomp-profile'), `restricted rules run now: ${ids.join(', ')}`);
    ws.write('ns.yaml', namespace('shop', 'baseline'));
    assert.ok(!ws.ids('app.yaml').includes('run-as-non-root'), 'baseline label: back to baseline');
    ws.write('app2.yaml', deployment('api', 'shop', root));
  });

  it('a label never lowers the profile level, and other namespaces are unaffected', () => {
    const ws = new Workspace({ profile: 'restricted' });
    ws.write('ns.yaml', namespace('shop', 'privileged'));
    ws.write('app.yaml', deployment('web', 'shop'));
    assert.ok(ws.ids('app.yaml').includes('run-as-non-root'));
    const base = new Workspace({ profile: 'baseline' });
    base.write('ns.yaml', namespace('shop', 'restricted'));
    base.write('app.yaml', deployment('web', 'other'));
    assert.ok(!base.ids('app.yaml').includes('run-as-non-root'));
  });

  it('the level follows the label in the same file, and capabilities are judged at it', () => {
    const caps = '      securityContext: {}\n';
    const text = `${namespace('shop', 'restricted')}---\n${deployment('web', 'shop', caps).replace('image: nginx:1.27', 'image: nginx:1.27\n        securityContext: {capabilities: {add: [CHOWN]}}')}`;
    const base = settings({ profile: 'baseline' });
    const ids = analyzeText(text, { settings: base }).findings.map((f) => f.ruleId);
    assert.ok(ids.includes('capabilities-added'), 'CHOWN is allowed at baseline but not at restricted');
    const plain = analyzeText(text.replace('enforce: restricted', 'enforce: baseline'), { settings: base }).findings.map((f) => f.ruleId);
    assert.ok(!plain.includes('capabilities-added'));
  });

  it('a rule turned off stays off in a restricted namespace', () => {
    const text = `${namespace('shop', 'restricted')}---\n${deployment('web', 'shop')}`;
    const ids = analyzeText(text, { settings: settings({ profile: 'baseline', rules: { 'run-as-non-root': 'off' } }) }).findings.map((f) => f.ruleId);
    assert.ok(!ids.includes('run-as-non-root'));
  });
});

describe('workspace index and facts', () => {
  it('records what each file contributes', () => {
    const facts = factsOfText(`${namespace('shop', 'restricted')}---\n${policy('shop', '{matchLabels: {app: web}}')}---\n${serviceAccount('web', 'shop')}---\n${deployment('web', 'shop', '      serviceAccountName: web\n')}`);
    assert.deepEqual(facts.namespaces, [{ name: 'shop', enforce: 'restricted' }]);
    assert.deepEqual(facts.policies, [{ namespace: 'shop', name: 'deny', podSelector: { matchLabels: { app: 'web' }, matchExpressions: [] }, policyTypes: ['Ingress', 'Egress'] }]);
    assert.deepEqual(facts.serviceAccounts, [{ namespace: 'shop', name: 'web' }]);
    assert.deepEqual(facts.workloads, [{ namespace: 'shop', kind: 'Deployment', name: 'web', labels: { app: 'web' }, serviceAccountName: 'web' }]);
    const index = new WorkspaceIndex();
    index.set('a.yaml', facts);
    assert.deepEqual(index.uris(), ['a.yaml']);
    assert.equal(index.viewFor('a.yaml').key, EMPTY_VIEW.key, 'a file is not part of its own view');
    assert.notEqual(index.viewFor('b.yaml').key, EMPTY_VIEW.key);
    assert.deepEqual(index.delete('missing.yaml'), []);
  });

  it('views are cached by key: an unrelated edit keeps the chunk cache', () => {
    const ws = new Workspace();
    ws.write('policy.yaml', policy('shop'));
    const first = ws.index.viewFor('app.yaml').key;
    ws.write('other.yaml', deployment('x', 'elsewhere'));
    assert.equal(ws.index.viewFor('app.yaml').key, first, 'workloads are not shared facts');
  });

  it('selects() follows label selector semantics', () => {
    const sel = (s: Partial<SelectorFacts>): SelectorFacts => ({ matchLabels: {}, matchExpressions: [], ...s });
    assert.ok(selects(sel({}), {}));
    assert.ok(selects(sel({ matchLabels: { a: '1' } }), { a: '1', b: '2' }));
    assert.ok(!selects(sel({ matchLabels: { a: '1' } }), { a: '2' }));
    assert.ok(selects(sel({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }), {}));
    assert.ok(!selects(sel({ matchExpressions: [{ key: 'a', operator: 'In', values: ['1'] }] }), {}));
    assert.ok(!selects(sel({ matchExpressions: [{ key: 'a', operator: 'Bogus', values: [] }] }), { a: '1' }));
  });
});
