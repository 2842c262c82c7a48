import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isNode } from 'yaml';
import { analyzeText, ChunkCache, objectsAt, type AnalysisResult } from '../../server/src/engine/analyze';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/engine/config';
import { defineRule } from '../../server/src/engine/rule';
import { RULE_IDS, RULES } from '../../server/src/engine/rules';
import privileged from '../../server/src/engine/rules/privileged';

const insecurePod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    securityContext: {privileged: true}\n';
const analyze = (text: string, settings = DEFAULT_SETTINGS) => analyzeText(text, { settings });

describe('analyzeText', () => {
  it('finds nothing in YAML that is not Kubernetes', () => {
    const workflow = 'name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    container: {image: "node:latest", options: --privileged}\n';
    const compose = 'services:\n  web:\n    image: nginx:latest\n    privileged: true\n    network_mode: host\n';
    const values = 'image:\n  repository: nginx\n  tag: latest\nsecurityContext:\n  privileged: true\n';
    for (const text of [workflow, compose, values]) {
      const result = analyze(text);
      assert.deepEqual(result.findings, []);
      assert.equal(result.isKubernetes, false);
    }
  });

  it('reads every document of a file and the items of a List', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n- ${insecurePod.trimEnd().replace(/\n/g, '\n  ')}\n`;
    const text = `${insecurePod}---\n${list}`;
    const result = analyze(text);
    assert.equal(result.findings.filter((f) => f.ruleId === 'privileged').length, 2);
    assert.equal(result.objects.length, 2);
    for (const f of result.findings) assert.equal(f.resource?.kind, 'Pod');
  });

  it('reports which container and field a finding is about', () => {
    const finding = analyze(insecurePod).findings.find((f) => f.ruleId === 'privileged');
    assert.equal(finding?.container, 'app');
    assert.equal(finding?.path, 'spec.containers[0].securityContext.privileged');
    assert.deepEqual(finding?.resource, { apiVersion: 'v1', kind: 'Pod', name: 'p' });
  });

  it('skips template documents with a notice and analyses the rest', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n  labels:\n{{ include "labels" . | indent 4 }}\n---\n${insecurePod}`;
    const result = analyze(text);
    assert.equal(result.notices.length, 1);
    assert.equal(result.notices[0]?.kind, 'template');
    assert.ok(result.findings.some((f) => f.ruleId === 'privileged'));
    assert.ok(!result.findings.some((f) => f.ruleId === 'yaml-syntax'));
  });

  it('stays bounded on an alias bomb', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const bomb = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
    const started = process.hrtime.bigint();
    const result = analyze(bomb);
    // Not a timing assertion on speed: a 10^12-node expansion would never return at all.
    assert.ok(Array.isArray(result.findings));
    assert.ok(process.hrtime.bigint() - started >= 0n);
  });

  it('refuses text over the size limit with a notice', () => {
    const settings = { ...DEFAULT_SETTINGS, maxFileSize: 100 };
    const result = analyze(insecurePod.repeat(5), settings);
    assert.deepEqual(result.findings, []);
    assert.equal(result.notices[0]?.kind, 'too-large');
  });

  it('keeps analysing when one rule throws, and reports the failure once', () => {
    const broken = defineRule({ ...privileged, meta: { ...privileged.meta, id: 'broken-rule' }, check: () => { throw new Error('boom'); } });
    const settings = { ...DEFAULT_SETTINGS, rules: { 'broken-rule': 'error' as const } };
    const result = analyzeText(`${insecurePod}---\n${insecurePod}`, { settings, rules: [broken, privileged] });
    assert.equal(result.findings.filter((f) => f.ruleId === 'privileged').length, 2);
    assert.equal(result.failures.length, 1);
    assert.equal(result.failures[0]?.ruleId, 'broken-rule');
    assert.match(result.failures[0]?.error ?? '', /boom/);
  });

  it('re-analyses only the documents an edit touched', () => {
    let calls = 0;
    const counting = defineRule({ ...privileged, check: (...args: Parameters<typeof privileged.check>) => { calls++; return privileged.check(...args); } });
    const cache = new ChunkCache();
    const settings = DEFAULT_SETTINGS;
    const docs = Array.from({ length: 5 }, (_, i) => insecurePod.replace('name: p}', `name: p${i}}`)).join('---\n');
    analyzeText(docs, { settings, rules: [counting], cache });
    assert.equal(calls, 5);
    const edited = docs.replace('name: p2}', 'name: q}');
    const result = analyzeText(edited, { settings, rules: [counting], cache });
    assert.equal(calls, 6, 'one document changed, one re-checked');
    assert.equal(result.findings.length, 5);
    const offsets = result.findings.map((f) => edited.slice(f.span.start, f.span.end));
    assert.deepEqual(offsets, Array(5).fill('true'), 'cached findings are shifted to their new offsets');
  });

  it('keeps no syntax tree in a cached analysis, and parses one document again when asked', () => {
    const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: team}\n';
    const text = `${namespace}---\n${insecurePod}---\n# a comment only\n`;
    const cached = analyzeText(text, { settings: DEFAULT_SETTINGS, cache: new ChunkCache(), chunks: true });
    const direct = analyze(text);
    const reachable = new Set<unknown>();
    const walk = (value: unknown): void => {
      if (typeof value !== 'object' || value === null || reachable.has(value)) return;
      reachable.add(value);
      assert.ok(!isNode(value), 'a syntax-tree node is reachable from the cached analysis');
      for (const key of Object.keys(value)) if (key !== 'objects') walk((value as Record<string, unknown>)[key]);
    };
    walk(cached);
    assert.throws(() => walk(direct.objects), /syntax-tree node/, 'the walk sees trees where there are some');
    const summary = (result: AnalysisResult) => result.objects.map(({ object, offset }) => ({ id: object.id, start: object.root.span.start + offset, end: object.root.span.end + offset }));
    assert.deepEqual(summary(cached), summary(direct));
    assert.deepEqual(cached.resources, direct.resources);
    assert.deepEqual(cached.resources.map((r) => r.span), summary(direct).map(({ start, end }) => ({ start, end })));
    assert.deepEqual(cached.facts, direct.facts);
    assert.equal(cached.facts.namespaces[0]?.name, 'team');
    assert.deepEqual(cached.facts.workloads.map((w) => w.name), ['p']);
    const twice = `${insecurePod}---\n${insecurePod}`;
    for (const result of [analyze(twice), analyzeText(twice, { settings: DEFAULT_SETTINGS, cache: new ChunkCache(), chunks: true })]) {
      assert.deepEqual(summary(result).map(({ start }) => start), [0, insecurePod.length + 4], 'a repeated document has its objects at each place');
    }
    const inPod = text.indexOf('privileged');
    for (const result of [cached, direct]) {
      assert.deepEqual(objectsAt(result, { start: inPod, end: inPod }).map(({ object }) => object.label), ['Pod "p"']);
      assert.deepEqual(objectsAt(result, { start: 0, end: text.length }).length, 2);
      assert.deepEqual(objectsAt(result, { start: text.length - 3, end: text.length }), []);
    }
  });

  it('keeps the file facts current across edits, whether an edit changes them or not', () => {
    const cache = new ChunkCache();
    const pod = (name: string) => insecurePod.replace('name: p}', `name: ${name}}`);
    const analyzeCached = (text: string) => analyzeText(text, { settings: DEFAULT_SETTINGS, cache, chunks: true });
    const first = analyzeCached(`${pod('a')}---\n${pod('b')}`);
    assert.deepEqual(first.facts.workloads.map((w) => w.name), ['a', 'b']);
    const sameFacts = analyzeCached(`${pod('a')}---\n${pod('b').replace('nginx:1.27', 'nginx:1.28')}`);
    assert.deepEqual(sameFacts.facts, first.facts);
    const renamed = analyzeCached(`${pod('a')}---\n${pod('c')}`);
    assert.deepEqual(renamed.facts.workloads.map((w) => w.name), ['a', 'c']);
    const removed = analyzeCached(pod('a'));
    assert.deepEqual(removed.facts.workloads.map((w) => w.name), ['a']);
  });

  it('honours the profile and per-rule levels', () => {
    const restricted = analyze(insecurePod);
    assert.ok(restricted.findings.some((f) => f.ruleId === 'run-as-non-root'));
    const baseline = analyze(insecurePod, normalizeSettings({ profile: 'baseline' }, RULE_IDS));
    assert.ok(!baseline.findings.some((f) => f.ruleId === 'run-as-non-root'));
    assert.ok(baseline.findings.some((f) => f.ruleId === 'privileged'));
    const relevelled = analyze(insecurePod, normalizeSettings({ rules: { privileged: 'info', 'run-as-non-root': 'off' } }, RULE_IDS));
    assert.equal(relevelled.findings.find((f) => f.ruleId === 'privileged')?.severity, 'info');
    assert.ok(!relevelled.findings.some((f) => f.ruleId === 'run-as-non-root'));
  });

  it('returns nothing when disabled', () => {
    assert.deepEqual(analyze(insecurePod, { ...DEFAULT_SETTINGS, enable: false }).findings, []);
  });

  it('never throws on odd input', () => {
    const inputs = ['', '\uFEFF', '---\n---\n', '- a\n- b\n', '"just a string"', '[1, 2', 'a: *missing\n', '\t\t', '{{{{', 'kind: Pod\napiVersion: 1\n', 'apiVersion: v1\nkind: Pod\nspec: [1]\n', 'apiVersion: v1\nkind: Pod\nspec:\n  containers: {a: 1}\n'];
    for (const text of inputs) assert.doesNotThrow(() => analyzeText(text, { settings: DEFAULT_SETTINGS, rules: RULES }), JSON.stringify(text));
  });
});

describe('normalizeSettings', () => {
  it('drops unknown rules and bad values with warnings', () => {
    const warnings: string[] = [];
    const settings = normalizeSettings({ profile: 'strict', rules: { nope: 'off', privileged: 'loud' }, podSecurity: { version: 'v2' }, fix: { runAsUser: 0 } }, RULE_IDS, (w) => warnings.push(w));
    assert.equal(settings.profile, 'restricted');
    assert.deepEqual(settings.rules, {});
    assert.equal(settings.pssVersion.label, 'latest');
    assert.equal(settings.fix.runAsUser, 10001);
    assert.equal(warnings.length, 4);
  });

  it('reads the policy version', () => {
    assert.equal(normalizeSettings({ podSecurity: { version: 'v1.30' } }, RULE_IDS).pssVersion.minor, 30);
  });
});
