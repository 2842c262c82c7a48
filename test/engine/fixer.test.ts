import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMap, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import { applyEdits } from '../../server/src/engine/apply';
import { Fixer, formatScalar, detectIndentUnit, type YamlValue } from '../../server/src/engine/fixer';
import { analyzeText } from '../../server/src/engine/analyze';
import { DEFAULT_SETTINGS } from '../../server/src/engine/config';
import { fixKeepsSyntax, minimalEdit } from '../../server/src/engine/fix-all';
import { entriesOf, getMap, getSeq, getString, mapItems, Source, type MapRef } from '../../server/src/engine/model/located';
import { parseChunk } from '../../server/src/engine/parse';

function root(text: string): MapRef {
  const [doc] = parseChunk(text);
  assert.ok(doc && isMap(doc.contents));
  return { node: doc.contents as YAMLMap, span: { start: 0, end: text.length }, path: [], source: new Source(text, doc) };
}

function setKey(text: string, at: string[], path: string[], value: YamlValue): string {
  const map = at.length ? getMap(root(text), ...at) : root(text);
  assert.ok(map, 'target map exists');
  return applyEdits(text, new Fixer(text).setKey(map, path, value));
}

describe('Fixer.setKey', () => {
  const cases: { name: string; text: string; at: string[]; path: string[]; value: YamlValue; expected: string }[] = [
    { name: 'adds a key after the last one', text: 'a:\n  b: 1\n', at: ['a'], path: ['c'], value: true, expected: 'a:\n  b: 1\n  c: true\n' },
    { name: 'creates parents in the file indentation', text: 'a:\n    b: 1\n', at: ['a'], path: ['x', 'w'], value: 'v', expected: 'a:\n    b: 1\n    x:\n        w: v\n' },
    { name: 'keeps a trailing comment on the last line', text: 'a:\n  b: 1 # keep\nz: 2\n', at: ['a'], path: ['c'], value: 1, expected: 'a:\n  b: 1 # keep\n  c: 1\nz: 2\n' },
    { name: 'inserts after a nested block', text: 'a:\n  b:\n    c: 1\nd: 2\n', at: ['a'], path: ['e'], value: 1, expected: 'a:\n  b:\n    c: 1\n  e: 1\nd: 2\n' },
    { name: 'replaces an existing scalar', text: 'a:\n  b: true # why\n', at: ['a'], path: ['b'], value: false, expected: 'a:\n  b: false # why\n' },
    { name: 'writes into flow maps inline', text: 'a: {b: 1}\n', at: ['a'], path: ['c', 'd'], value: true, expected: 'a: {b: 1, c: {d: true}}\n' },
    { name: 'fills an empty flow map', text: 'a: {}\n', at: ['a'], path: ['c'], value: 'x', expected: 'a: {c: x}\n' },
    { name: 'fills an empty key', text: 'a:\n  b:\n  c: 1\n', at: ['a'], path: ['b', 'd'], value: 1, expected: 'a:\n  b:\n    d: 1\n  c: 1\n' },
    { name: 'replaces an explicit null with a flow map', text: 'a:\n  b: null\n', at: ['a'], path: ['b', 'd'], value: 1, expected: 'a:\n  b: {d: 1}\n' },
    { name: 'merges an object into an existing map, one insertion', text: 'a:\n  s:\n    x: 1\n', at: ['a'], path: ['s'], value: { x: 2, w: 3, z: 4 }, expected: 'a:\n  s:\n    x: 2\n    w: 3\n    z: 4\n' },
    { name: 'quotes strings YAML 1.1 would misread', text: 'a:\n  b: 1\n', at: ['a'], path: ['c'], value: 'yes', expected: 'a:\n  b: 1\n  c: "yes"\n' },
    { name: 'writes sequences in block style', text: 'a:\n  b: 1\n', at: ['a'], path: ['c'], value: ['ALL'], expected: 'a:\n  b: 1\n  c:\n  - ALL\n' },
    { name: 'keeps CRLF', text: 'a:\r\n  b: 1\r\n', at: ['a'], path: ['c', 'd'], value: 1, expected: 'a:\r\n  b: 1\r\n  c:\r\n    d: 1\r\n' },
    { name: 'writes into a sequence item map', text: 'l:\n- name: x\n  image: y\n', at: [], path: [], value: {}, expected: 'l:\n- name: x\n  image: y\n' },
    { name: 'indents like an entry whose key follows an anchor', text: 'a:\n  b: 1\n  &x c: 2\n', at: ['a'], path: ['e'], value: 1, expected: 'a:\n  b: 1\n  &x c: 2\n  e: 1\n' },
    { name: 'indents like the written keys after an empty key', text: 'a:\n  b:\n    c: 1\n  :\n      d: 2\n', at: ['a'], path: ['e'], value: 1, expected: 'a:\n  b:\n    c: 1\n  :\n      d: 2\n  e: 1\n' },
  ];
  it('indents like the later keys of a sequence item whose first key sits further right', () => {
    const text = 'l:\n- &a  k: 1\n  m: 2\n';
    const [item] = mapItems(getSeq(root(text), 'l'));
    assert.ok(item);
    assert.equal(applyEdits(text, new Fixer(text).setKey(item, ['x'], 3)), 'l:\n- &a  k: 1\n  m: 2\n  x: 3\n');
  });
  for (const test of cases) {
    it(test.name, () => assert.equal(setKey(test.text, test.at, test.path, test.value), test.expected));
  }

  it('refuses to overwrite a non-map value on the path', () => {
    const text = 'a:\n  b: [1]\n';
    const map = getMap(root(text), 'a');
    assert.ok(map);
    assert.deepEqual(new Fixer(text).setKey(map, ['b', 'c'], 1), []);
  });
});

describe('Fixer.removeEntry', () => {
  const remove = (text: string, key: string[]) => {
    const field = getString(root(text), ...key);
    assert.ok(field, 'field exists');
    return applyEdits(text, new Fixer(text).removeEntry(field));
  };
  it('removes a block entry with its line', () => assert.equal(remove('a:\n  b: x # c\n  d: v\n', ['a', 'b']), 'a:\n  d: v\n'));
  it('removes a flow entry with its comma', () => assert.equal(remove('a: {b: x, d: v}\n', ['a', 'b']), 'a: {d: v}\n'));
  it('removes the last flow entry with the comma before it', () => assert.equal(remove('a: {b: x, d: v}\n', ['a', 'd']), 'a: {b: x}\n'));
  it('quotes nothing it does not touch: the key y stays as written', () => assert.equal(remove('a:\n  b: x\n  y: v\n', ['a', 'b']), 'a:\n  y: v\n'));
  it('keeps the dash of a sequence item', () => {
    const text = 'l:\n- b: x\n  d: v\n';
    const seq = getSeq(root(text), 'l');
    assert.ok(seq && isSeq(seq.node));
    const item = (seq.node as YAMLSeq).items[0] as YAMLMap;
    const itemRef: MapRef = { node: item, span: { start: 0, end: 0 }, path: ['l', 0], source: seq.source };
    const field = getString(itemRef, 'b');
    assert.ok(field);
    assert.equal(applyEdits(text, new Fixer(text).removeEntry(field)), 'l:\n- d: v\n');
  });
});

describe('Fixer.appendToSeq', () => {
  const append = (text: string, key: string, value: YamlValue) => {
    const seq = getSeq(root(text), key);
    assert.ok(seq);
    return applyEdits(text, new Fixer(text).appendToSeq(seq, value));
  };
  it('appends to block sequences at their indentation', () => assert.equal(append('l:\n  - a\nz: 1\n', 'l', 'b'), 'l:\n  - a\n  - b\nz: 1\n'));
  it('appends to flow sequences', () => assert.equal(append('l: [a]\n', 'l', 'b'), 'l: [a, b]\n'));
  it('finds the dash of an item that starts with a dash itself (command-line flags)', () =>
    assert.equal(append('command:\n  - kube-apiserver\n  - --anonymous-auth=false\nz: 1\n', 'command', '--profiling=false'), 'command:\n  - kube-apiserver\n  - --anonymous-auth=false\n  - "--profiling=false"\nz: 1\n'));
  it('fills empty flow sequences', () => assert.equal(append('l: []\n', 'l', 'b'), 'l: [b]\n'));
  it('appends maps as block items', () => assert.equal(append('l:\n- {a: 1}\n', 'l', { name: 'x', b: 2 }), 'l:\n- {a: 1}\n- name: x\n  b: 2\n'));
});

describe('helpers', () => {
  it('formats scalars so that both YAML versions read them back', () => {
    assert.equal(formatScalar('RuntimeDefault'), 'RuntimeDefault');
    assert.equal(formatScalar('on'), '"on"');
    assert.equal(formatScalar('1.0'), '"1.0"');
    assert.equal(formatScalar(10001), '10001');
  });
  it('detects the indentation unit', () => {
    assert.equal(detectIndentUnit('a:\n    b: 1\n'), 4);
    assert.equal(detectIndentUnit('a:\n- b\n'), 2);
  });
  it('computes a minimal single edit', () => {
    assert.deepEqual(minimalEdit('abcXdef', 'abcYYdef'), { start: 3, end: 4, newText: 'YY' });
    assert.equal(minimalEdit('same', 'same'), undefined);
  });
});

describe('entriesOf', () => {
  it('reads every key once, merges expanded, explicit keys winning', () => {
    const text = 'base: &b {a: 1, b: 2}\nm:\n  <<: *b\n  b: 3\n  c: 4\n';
    const m = getMap(root(text), 'm');
    const entries = entriesOf(m);
    assert.deepEqual([...entries.keys()].sort(), ['a', 'b', 'c']);
    assert.equal(text.slice(entries.get('b')!.valueSpan.start, entries.get('b')!.valueSpan.end), '3');
  });
});

describe('fixKeepsSyntax', () => {
  // From fuzzing: yaml reads a final lone CR as part of the last value, so the secret-to-volume fix
  // quotes it ("db-username\r") and the CR left after the quote breaks the document.
  const endsInLoneCr =
    'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n    - name: c\r\n      image: nginx\r\n      env:\r\n' +
    '        - name: DB_USERNAME\r\n          valueFrom:\r\n            secretKeyRef:\r\n              name: db-user\r\n              key: db-username\r';

  it('refuses a fix that breaks its document, and accepts the others', () => {
    const findings = analyzeText(endsInLoneCr, { settings: DEFAULT_SETTINGS }).findings.filter((f) => f.fix);
    const secretToVolume = findings.find((f) => f.ruleId === 'secret-env-var');
    assert.ok(secretToVolume?.fix);
    assert.equal(fixKeepsSyntax(endsInLoneCr, secretToVolume.fix.edits), false);
    const others = findings.filter((f) => f.ruleId !== 'secret-env-var');
    assert.ok(others.length > 0);
    for (const finding of others) assert.equal(fixKeepsSyntax(endsInLoneCr, finding.fix?.edits ?? []), true, finding.ruleId);
  });

  it('holds for every fix of a pod spec that opens with an explicit key (found by fuzzing)', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n ? hostNetwork: true\n  containers:\n  - name: app\n    image: nginx:1.27\n';
    const fixes = analyzeText(text, { settings: DEFAULT_SETTINGS }).findings.flatMap((f) => (f.fix ? [f] : []));
    assert.ok(fixes.length > 0);
    for (const finding of fixes) assert.equal(fixKeepsSyntax(text, finding.fix?.edits ?? []), true, finding.ruleId);
  });

  it('parses only the document the edits fall in', () => {
    const text = 'a: [\n---\nb: 1\n';
    assert.equal(fixKeepsSyntax(text, [{ start: 12, end: 13, newText: '2' }]), true, 'the broken first document is not counted against the fix');
    assert.equal(fixKeepsSyntax(text, [{ start: 9, end: 9, newText: '{' }]), false);
  });
});
