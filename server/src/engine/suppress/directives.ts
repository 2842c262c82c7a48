import type { Span } from '../model/located';

/** A `# kubeward-disable…` comment. */
export interface Directive {
  readonly kind: 'next-line' | 'line' | 'document';
  readonly rules: readonly { readonly id: string; readonly span: Span }[];
  readonly justification?: string;
  /** The whole comment, from `#`. */
  readonly span: Span;
  /** Zero-based line in the chunk whose findings it silences (`document`: unused). */
  readonly targetLine: number;
  /** A `kubeward-disable` below the document's first content line cannot apply. */
  readonly misplaced: boolean;
}

const DIRECTIVE = /(^|\s)(#\s*kubeward-disable(-next-line|-line)?)(?=\s|$)(.*)$/;

/** Finds directives in one chunk's text. Cheap when there are none. */
export function parseDirectives(text: string): Directive[] {
  if (!text.includes('kubeward-disable')) return [];
  const lines = text.split('\n');
  const directives: Directive[] = [];
  let offset = 0;
  let seenContent = false;
  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const match = DIRECTIVE.exec(line);
    const trimmed = line.trim();
    const isCommentOnly = trimmed === '' || trimmed.startsWith('#') || trimmed === '---' || /^---\s+#/.test(trimmed) || trimmed.startsWith('%');
    if (match) {
      const commentStart = offset + (match.index ?? 0) + (match[1] as string).length;
      const kind = match[3] === '-next-line' ? 'next-line' : match[3] === '-line' ? 'line' : 'document';
      const rest = match[4] as string;
      const restStart = commentStart + (match[2] as string).length;
      const separator = rest.indexOf('--');
      const list = separator === -1 ? rest : rest.slice(0, separator);
      const justification = separator === -1 ? undefined : rest.slice(separator + 2).trim() || undefined;
      const rules: { id: string; span: Span }[] = [];
      for (const token of list.matchAll(/[^\s,]+/g)) {
        const start = restStart + (token.index ?? 0);
        rules.push({ id: token[0], span: { start, end: start + token[0].length } });
      }
      let targetLine = index;
      if (kind === 'next-line') {
        targetLine = index + 1;
        while (targetLine < lines.length && /^\s*(#.*)?\r?$/.test(lines[targetLine] as string)) targetLine++;
      }
      directives.push({
        kind,
        rules,
        span: { start: commentStart, end: offset + line.length },
        targetLine,
        misplaced: kind === 'document' && seenContent,
        ...(justification ? { justification } : {}),
      });
    }
    if (!isCommentOnly) seenContent = true;
    offset += raw.length + 1;
  });
  return directives;
}
