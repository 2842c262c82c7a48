import { parseAllDocuments } from 'yaml';
import { analyzeText, type AnalyzeOptions, type Finding } from './analyze';
import { applyEdits, nonOverlapping } from './apply';
import { parseChunk, splitDocuments } from './parse';
import type { TextEdit } from './rule';

/** Fix-all passes before giving up; ESLint uses the same bound for converging fixes. */
export const MAX_FIX_PASSES = 10;

export interface FixAllOptions extends AnalyzeOptions {
  /** Apply unsafe fixes too (`kubeward.fix.unsafe`, `--unsafe-fixes`). */
  readonly unsafe?: boolean;
  /** Only fixes of these rules (the "fix all X problems" action). */
  readonly ruleIds?: ReadonlySet<string>;
}

export interface FixAllResult {
  readonly text: string;
  /** How many findings were fixed over all passes. */
  readonly fixed: number;
  readonly passes: number;
}

function applicable(findings: readonly Finding[], options: FixAllOptions): TextEdit[][] {
  return findings
    .filter((f) => f.fix && (options.unsafe || f.fix.safety === 'safe') && (!options.ruleIds || options.ruleIds.has(f.ruleId)))
    .map((f) => [...(f.fix?.edits ?? [])]);
}

/**
 * Applies fixes, re-analysing after each pass until nothing changes. Several passes are needed
 * because two fixes may both create the same missing map, and only one can win per pass.
 */
export function fixAll(text: string, options: FixAllOptions): FixAllResult {
  let current = text;
  let fixed = 0;
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const fixes = applicable(analyzeText(current, options).findings, options);
    if (fixes.length === 0) break;
    let taken = compatibleFixes(fixes);
    let next = applyEdits(current, taken.edits);
    // Fixes that don't overlap can still clash in meaning: one renames a misspelt key to
    // `securityContext` while another adds a `securityContext:` of its own. Keep only
    // combinations that parse as well as the text did.
    const errorsBefore = syntaxErrorCount(current);
    if (syntaxErrorCount(next) > errorsBefore) {
      taken = compatibleFixes(fixes, (edits) => syntaxErrorCount(applyEdits(current, edits)) <= errorsBefore);
      next = applyEdits(current, taken.edits);
    }
    const count = taken.count;
    passes++;
    if (next === current) break;
    current = next;
    fixed += count;
  }
  return { text: current, fixed, passes };
}

/** Whole fixes only: a fix whose edits would overlap an earlier one's waits for the next pass. */
function compatibleFixes(fixes: readonly TextEdit[][], accept: (edits: TextEdit[]) => boolean = () => true): { edits: TextEdit[]; count: number } {
  let taken: TextEdit[] = [];
  let count = 0;
  for (const edits of fixes) {
    const merged = [...taken, ...edits];
    if (nonOverlapping(merged).length === merged.length && accept(merged)) {
      taken = merged;
      count++;
    }
  }
  return { edits: taken, count };
}

function syntaxErrorCount(text: string): number {
  return parseAllDocuments(text, { version: '1.1' }).reduce((sum, doc) => sum + doc.errors.length, 0);
}

/**
 * Whether one fix leaves its YAML document parsing as well as it did. Fixes are written for
 * well-formed manifests; on odd text (a lone CR, which yaml reads as part of a value; keys it
 * places strangely) an edit can break the document, and such a fix is better not offered.
 * Only the document the edits fall in is parsed, so this is cheap enough for every code action.
 */
export function fixKeepsSyntax(text: string, edits: readonly TextEdit[]): boolean {
  if (edits.length === 0) return true;
  const start = Math.min(...edits.map((edit) => edit.start));
  const end = Math.max(...edits.map((edit) => edit.end));
  const chunk = splitDocuments(text).find((c) => start >= c.start && end <= c.start + c.text.length);
  if (!chunk) return syntaxErrorCount(applyEdits(text, edits)) <= syntaxErrorCount(text);
  const local = edits.map((edit) => ({ ...edit, start: edit.start - chunk.start, end: edit.end - chunk.start }));
  return chunkErrorCount(applyEdits(chunk.text, local)) <= chunkErrorCount(chunk.text);
}

function chunkErrorCount(text: string): number {
  try {
    return parseChunk(text).reduce((sum, doc) => sum + doc.errors.length, 0);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** The smallest single edit that turns `before` into `after` (common prefix and suffix kept). */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const limit = Math.min(before.length, after.length);
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, newText: after.slice(start, endAfter) };
}
