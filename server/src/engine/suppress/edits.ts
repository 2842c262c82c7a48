/**
 * The edits behind "Disable <rule> for this line" and "… for <object> (annotation)". Pure: text
 * in, minimal edits (offsets into that text) out, so the editor and any other caller get the same
 * result, and the file's line endings and layout survive.
 */
import type { FileObject } from '../analyze';
import { Fixer } from '../fixer';
import { getMap, stringEntries } from '../model/located';
import type { TextEdit } from '../rule';
import { detectEol } from '../text';
import { IGNORE_ANNOTATION } from './annotations';
import { parseDirectives } from './directives';

/** Start offsets of each line. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/**
 * Silences `ruleId` on line `line` (zero-based) with a `# kubeward-disable-next-line` comment
 * above it, indented like that line. A directive already targeting the line gets the rule added to
 * its list (before any `-- reason`). The new comment ends in `-- ` so the reason is typed next.
 * Returns no edits when the rule is already silenced there.
 */
export function disableForLineEdits(text: string, line: number, ruleId: string): TextEdit[] {
  const starts = lineStarts(text);
  const start = starts[line];
  if (start === undefined) return [];
  const eol = detectEol(text);
  // Directives above the line that already target it (possibly across blank or comment lines).
  for (const directive of parseDirectives(text)) {
    if (directive.kind !== 'next-line' || directive.targetLine !== line) continue;
    if (directive.rules.some((rule) => rule.id === ruleId)) return [];
    const last = directive.rules[directive.rules.length - 1];
    if (!last) {
      // `# kubeward-disable-next-line -- reason` names no rule yet: put ours after the keyword.
      const keywordEnd = text.indexOf('kubeward-disable-next-line', directive.span.start) + 'kubeward-disable-next-line'.length;
      return [{ start: keywordEnd, end: keywordEnd, newText: ` ${ruleId}` }];
    }
    return [{ start: last.span.end, end: last.span.end, newText: `, ${ruleId}` }];
  }
  const lineEnd = text.indexOf('\n', start);
  const content = text.slice(start, lineEnd === -1 ? text.length : lineEnd);
  const indent = /^[ \t]*/.exec(content)?.[0] ?? '';
  return [{ start, end: start, newText: `${indent}# kubeward-disable-next-line ${ruleId} -- ${eol}` }];
}

/**
 * Exempts one object from `ruleId` with the `kubeward.io/ignore` annotation in the object's own
 * metadata (for workloads too: the exemption travels with the Deployment, not its pods), adding
 * `metadata`/`annotations` when missing and extending an existing list. `text` is the whole file;
 * `target.offset` is where the object's YAML document starts in it.
 */
export function disableForObjectEdits(text: string, target: FileObject, ruleId: string): TextEdit[] {
  const { object, offset } = target;
  const metadata = getMap(object.root, 'metadata');
  const existing = stringEntries(getMap(metadata, 'annotations')).get(IGNORE_ANNOTATION)?.value;
  let value = ruleId;
  if (existing !== undefined) {
    const ids = existing.split(',').map((id) => id.trim()).filter(Boolean);
    if (ids.includes(ruleId) || ids.includes('*')) return [];
    value = [...ids, ruleId].join(',');
  }
  // The object's spans are relative to its chunk; the fixer must see the chunk from its start.
  const fixer = new Fixer(text.slice(offset));
  const edits = fixer.setKey(object.root, ['metadata', 'annotations', IGNORE_ANNOTATION], value);
  return edits.map((edit) => ({ ...edit, start: edit.start + offset, end: edit.end + offset }));
}
