// The unified diff printed by --fix-dry-run, checked by applying it back.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { unifiedDiff } from '../../server/src/cli/diff';

/** Applies a unified diff made by unifiedDiff to `before` (a minimal `patch`, strict about context). */
function applyDiff(before: string, diff: string): string {
  const source = before.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const lines = diff.split('\n');
  const out: string[] = [];
  let at = 0;
  let i = 2;
  while (i < lines.length && lines[i] !== '') {
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(lines[i] as string);
    assert.ok(header, `hunk header expected: ${lines[i]}`);
    const oldStart = Number(header[1]);
    const oldCount = header[2] === undefined ? 1 : Number(header[2]);
    const firstOld = oldCount === 0 ? oldStart : oldStart - 1;
    while (at < firstOld) out.push(source[at++] as string);
    i++;
    while (i < lines.length && /^[ +\-\\]/.test(lines[i] as string)) {
      const line = lines[i] as string;
      const noNewline = lines[i + 1] === '\\ No newline at end of file';
      const content = line.slice(1) + (noNewline ? '' : '\n');
      if (line[0] === ' ' || line[0] === '-') {
        assert.equal(source[at], content, `context or removed line ${at + 1} matches`);
        at++;
      }
      if (line[0] === ' ' || line[0] === '+') out.push(content);
      i += noNewline ? 2 : 1;
    }
  }
  while (at < source.length) out.push(source[at++] as string);
  return out.join('');
}

describe('unifiedDiff', () => {
  test('equal texts give no diff', () => {
    assert.equal(unifiedDiff('f.yaml', 'a\nb\n', 'a\nb\n'), '');
  });

  test('one added line, with three lines of context and git-style headers', () => {
    const before = 'l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\n';
    const after = 'l1\nl2\nl3\nl4\nnew\nl5\nl6\nl7\nl8\n';
    assert.equal(unifiedDiff('dir/f.yaml', before, after), '--- a/dir/f.yaml\n+++ b/dir/f.yaml\n@@ -2,6 +2,7 @@\n l2\n l3\n l4\n+new\n l5\n l6\n l7\n');
  });

  test('changes far apart make separate hunks; close ones share one', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}\n`);
    const far = [...lines];
    far[2] = 'changed 3\n';
    far[25] = 'changed 26\n';
    assert.equal((unifiedDiff('f', lines.join(''), far.join('')).match(/^@@/gm) ?? []).length, 2);
    const near = [...lines];
    near[2] = 'changed 3\n';
    near[8] = 'changed 9\n';
    assert.equal((unifiedDiff('f', lines.join(''), near.join('')).match(/^@@/gm) ?? []).length, 1);
  });

  test('marks a missing final newline', () => {
    const diff = unifiedDiff('f', 'a\nb', 'a\nc');
    assert.equal(diff, '--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n');
  });

  test('keeps CR characters, so the diff applies to CRLF files', () => {
    const diff = unifiedDiff('f', 'a\r\nb\r\n', 'a\r\nx\r\nb\r\n');
    assert.match(diff, /^\+x\r$/m);
    assert.equal(applyDiff('a\r\nb\r\n', diff), 'a\r\nx\r\nb\r\n');
  });

  test('applying the diff to the old text gives the new text (property)', () => {
    const line = fc.constantFrom('a', 'b', 'c', 'key: value', '  - item', '', 'x\r');
    const text = fc.array(line, { maxLength: 30 }).chain((lines) =>
      fc.boolean().map((finalNewline) => (lines.length === 0 ? '' : lines.join('\n') + (finalNewline ? '\n' : ''))),
    );
    fc.assert(
      fc.property(text, text, (before, after) => {
        const diff = unifiedDiff('f', before, after);
        assert.equal(diff === '', before === after);
        if (diff) assert.equal(applyDiff(before, diff), after);
      }),
      { numRuns: 500 },
    );
  });
});
