import type { TextEdit } from './rule';

/** Orders edits and drops any that overlap an earlier one (the next fix-all pass picks them up). */
export function nonOverlapping(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: TextEdit[] = [];
  let lastEnd = -1;
  for (const edit of sorted) {
    if (edit.start < lastEnd || (edit.start === lastEnd && edit.start === edit.end && kept.length > 0 && kept[kept.length - 1]!.start === edit.start)) {
      continue;
    }
    kept.push(edit);
    lastEnd = edit.end;
  }
  return kept;
}

/** Applies non-overlapping edits to the text they were computed against. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = nonOverlapping(edits);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    out += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** True when no two edits of the list overlap, so they can be applied together. */
export function editsCompatible(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.every((x) => b.every((y) => x.end <= y.start || y.end <= x.start || (x.start === x.end && y.start === y.end && x.start !== y.start)));
}
