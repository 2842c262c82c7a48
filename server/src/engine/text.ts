/** Zero-based line and UTF-16 character, as in LSP. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A half-open range of positions, as in LSP. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

const BOM = '\uFEFF';

/**
 * Converts between offsets into a text and LSP positions.
 * Lines end at `\n`; a `\r` before it belongs to the line break. A leading byte-order mark is
 * zero-width, because editors hide it and count columns after it.
 */
export class LineIndex {
  private readonly lineStarts: number[];
  private readonly bomLength: number;

  constructor(private readonly text: string) {
    this.bomLength = text.startsWith(BOM) ? 1 : 0;
    const starts = [0];
    let at = text.indexOf('\n');
    while (at !== -1) {
      starts.push(at + 1);
      at = text.indexOf('\n', at + 1);
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= clamped) low = mid;
      else high = mid - 1;
    }
    const lineStart = this.lineStarts[low] as number;
    let character = clamped - lineStart;
    if (low === 0) character = Math.max(0, character - this.bomLength);
    // An offset between `\r` and `\n` is reported at the end of the line's content.
    const lineEnd = this.lineContentEnd(low);
    if (clamped > lineEnd) character = lineEnd - lineStart - (low === 0 ? this.bomLength : 0);
    return { line: low, character };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const lineStart = this.lineStarts[position.line] as number;
    const skip = position.line === 0 ? this.bomLength : 0;
    return Math.min(lineStart + skip + Math.max(0, position.character), this.lineContentEnd(position.line));
  }

  rangeOf(span: { start: number; end: number }): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** Offset just past the last character of the line, before its `\r\n` or `\n`. */
  lineContentEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    return this.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))] as number;
  }
}

/** The line break a file mostly uses, so that inserted lines match it. */
export function detectEol(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

/** Offset of the end of the line containing `offset` (before its line break). */
export function endOfLine(text: string, offset: number): number {
  const lf = text.indexOf('\n', offset);
  if (lf === -1) return text.length;
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? lf - 1 : lf;
}

/** Offset of the start of the line containing `offset`. */
export function startOfLine(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

export { BOM };
