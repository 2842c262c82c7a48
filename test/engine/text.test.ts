import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectEol, LineIndex } from '../../server/src/engine/text';

describe('LineIndex', () => {
  it('maps offsets to zero-based lines and characters', () => {
    const index = new LineIndex('ab\ncd\n');
    assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(4), { line: 1, character: 1 });
    assert.deepEqual(index.positionAt(6), { line: 2, character: 0 });
    assert.equal(index.offsetAt({ line: 1, character: 1 }), 4);
  });

  it('treats CRLF as one line break', () => {
    const index = new LineIndex('ab\r\ncd');
    assert.deepEqual(index.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(index.positionAt(3), { line: 0, character: 2 }, 'between \\r and \\n is the end of the line');
    assert.equal(index.offsetAt({ line: 0, character: 99 }), 2);
  });

  it('counts columns after a byte-order mark, as editors do', () => {
    const index = new LineIndex('\uFEFFab\ncd');
    assert.deepEqual(index.positionAt(1), { line: 0, character: 0 });
    assert.equal(index.offsetAt({ line: 0, character: 1 }), 2);
    assert.deepEqual(index.positionAt(5), { line: 1, character: 1 }, 'later lines are unaffected');
  });

  it('clamps offsets outside the text', () => {
    const index = new LineIndex('ab');
    assert.deepEqual(index.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(50), { line: 0, character: 2 });
  });

  it('detects the line ending a file uses', () => {
    assert.equal(detectEol('a\r\nb'), '\r\n');
    assert.equal(detectEol('a\nb'), '\n');
    assert.equal(detectEol('a'), '\n');
  });
});
