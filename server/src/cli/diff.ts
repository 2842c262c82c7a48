/** Unified diffs for `--fix-dry-run`, in the format `patch` and `git apply` read. */

type Op = { readonly kind: 'equal' | 'delete' | 'insert'; readonly line: string };

/** Lines with their terminators kept, so that CRLF and a missing final newline survive the diff. */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', start)) {
    lines.push(text.slice(start, at + 1));
    start = at + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/**
 * Myers' O((N+M)D) shortest edit script. Each step's frontier is kept only for the diagonals it
 * can reach (2d+3 entries), so memory is O(D²) rather than O(D·(N+M)) on large files.
 */
function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number)) ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const frontier = trace[d] as Int32Array;
    const at = (k: number) => frontier[k + d + 1] as number;
    const k = x - y;
    const previousK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const previousX = d === 0 ? 0 : at(previousK);
    const previousY = d === 0 ? 0 : previousX - previousK;
    while (x > previousX && y > previousY) {
      ops.push({ kind: 'equal', line: a[x - 1] as string });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === previousX) ops.push({ kind: 'insert', line: b[y - 1] as string });
      else ops.push({ kind: 'delete', line: a[x - 1] as string });
    }
    x = previousX;
    y = previousY;
  }
  return ops.reverse();
}

function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  // Fixes touch a few lines of large files: trimming the common ends leaves Myers almost nothing.
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const middle = myers(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix));
  return [
    ...a.slice(0, prefix).map((line): Op => ({ kind: 'equal', line })),
    ...middle,
    ...a.slice(a.length - suffix).map((line): Op => ({ kind: 'equal', line })),
  ];
}

function rangeText(start: number, count: number): string {
  // GNU diff: a count of 1 is left out, and an empty range names the line before it.
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

function emit(prefix: string, line: string): string {
  return line.endsWith('\n') ? `${prefix}${line}` : `${prefix}${line}\n\\ No newline at end of file\n`;
}

/**
 * A unified diff of two texts with `context` lines around each change, or '' when they are equal.
 * Headers follow git (`a/` and `b/` prefixes), so `git apply` and `patch -p1` both take it.
 */
export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  const changed = ops.map((op, i) => (op.kind === 'equal' ? -1 : i)).filter((i) => i >= 0);
  let out = `--- a/${file}\n+++ b/${file}\n`;
  let i = 0;
  while (i < changed.length) {
    // A hunk runs while the gap between changes is at most twice the context.
    let last = changed[i] as number;
    let j = i + 1;
    while (j < changed.length && (changed[j] as number) - last <= 2 * context + 1) last = changed[j++] as number;
    const from = Math.max(0, (changed[i] as number) - context);
    const to = Math.min(ops.length, last + context + 1);
    let oldLine = 1;
    let newLine = 1;
    for (let k = 0; k < from; k++) {
      const kind = (ops[k] as Op).kind;
      if (kind !== 'insert') oldLine++;
      if (kind !== 'delete') newLine++;
    }
    let oldCount = 0;
    let newCount = 0;
    let body = '';
    for (let k = from; k < to; k++) {
      const op = ops[k] as Op;
      if (op.kind !== 'insert') oldCount++;
      if (op.kind !== 'delete') newCount++;
      body += emit(op.kind === 'equal' ? ' ' : op.kind === 'delete' ? '-' : '+', op.line);
    }
    out += `@@ -${rangeText(oldLine, oldCount)} +${rangeText(newLine, newCount)} @@\n${body}`;
    i = j;
  }
  return out;
}
