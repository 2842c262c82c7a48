import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { looksLikeTemplate, parseChunk, splitDocuments } from '../../server/src/engine/parse';

describe('splitDocuments', () => {
  it('splits at --- markers at column 0 only', () => {
    const text = 'a: 1\n---\nb: |\n  --- not a marker\n---  # comment\nc: 3\n';
    const chunks = splitDocuments(text);
    assert.deepEqual(chunks.map((c) => c.text), ['a: 1\n', '---\nb: |\n  --- not a marker\n', '---  # comment\nc: 3\n']);
    assert.deepEqual(chunks.map((c) => c.start), [0, 5, 33]);
  });

  it('keeps directives with the document they open', () => {
    const chunks = splitDocuments('a: 1\n%YAML 1.1\n---\nb: 2\n');
    assert.deepEqual(chunks.map((c) => c.text), ['a: 1\n', '%YAML 1.1\n---\nb: 2\n']);
  });

  it('does not split on ---word', () => {
    assert.equal(splitDocuments('a: 1\n---x: 2\n').length, 1);
  });

  it('finds a marker after CR, LF or CRLF, before a blank, a break or the end, and nowhere else', () => {
    const pieces = ['---', '----', '--', '-', '\n', '\r', '\r\n', ' ', '\t', 'a', '%YAML 1.1\n', '\u2028', '#'];
    const reference = /(?<![^\r\n])---(?=[ \t\r\n]|$)/g;
    let seed = 7;
    for (let round = 0; round < 3000; round++) {
      let text = '';
      for (let i = (seed % 9) + 1; i > 0; i--) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        text += pieces[seed % pieces.length];
      }
      // Each marker opens a chunk, together with the directive lines right above it.
      const opening = (marker: number) => {
        let at = marker;
        while (at > 0 && text[text.lastIndexOf('\n', at - 2) + 1] === '%') at = text.lastIndexOf('\n', at - 2) + 1;
        return at;
      };
      const expected = [...new Set([0, ...[...text.matchAll(reference)].map((m) => opening(m.index))])];
      assert.deepEqual(splitDocuments(text).map((c) => c.start), expected, JSON.stringify(text));
      assert.equal(splitDocuments(text).map((c) => c.text).join(''), text);
    }
  });
});

describe('parseChunk', () => {
  it('reads YAML 1.1 scalars as the API server does', () => {
    const [doc] = parseChunk('a: yes\nb: off\nc: 0755\nd: "yes"\n');
    assert.deepEqual(doc?.toJS(), { a: true, b: false, c: 493, d: 'yes' });
  });

  it('applies merge keys', () => {
    const [doc] = parseChunk('base: &b {x: 1}\nuse:\n  <<: *b\n  z: 2\n');
    assert.deepEqual(doc?.toJS().use, { x: 1, z: 2 });
  });

  it('reads the key y as the boolean true, as go-yaml v2 does', () => {
    const [doc] = parseChunk('y: 2\n');
    assert.deepEqual(doc?.toJS(), { true: 2 });
  });
});

describe('looksLikeTemplate', () => {
  it('recognises chart template actions', () => {
    assert.ok(looksLikeTemplate('name: {{ .Values.name }}'));
    assert.ok(looksLikeTemplate('{{- include "x" . }}'));
    assert.ok(!looksLikeTemplate('labels: {a: "{}"}'));
  });
});

describe('duplicate keys', () => {
  it('are errors on the yaml path too, found with a linear check', () => {
    // The anchor sends the chunk to yaml rather than the fast path.
    const [doc] = parseChunk('apiVersion: v1\nkind: Pod\nkind: Pod\nmetadata: &m {name: p}\n');
    assert.deepEqual(doc?.errors.map((e) => [e.code, e.pos]), [['DUPLICATE_KEY', [25, 29]]]);
  });

  it('follow yaml: equal values are duplicates (the YAML 1.1 key y is true), merge keys and NaN are not', () => {
    const codes = (text: string) => parseChunk(text).flatMap((d) => d.errors.map((e) => e.code));
    assert.deepEqual(codes('a: &x 1\ny: 1\ntrue: 2\n'), ['DUPLICATE_KEY']);
    assert.deepEqual(codes('b: &b {x: 1}\nc: {<<: *b, <<: *b}\n'), []);
    assert.deepEqual(codes('a: &x 1\n.nan: 1\n.NaN: 2\n'), []);
  });
});
