import type { Span } from '../model/located';
import { parseDirectives, type Directive } from './directives';

export { annotationExemptions, IGNORE_ANNOTATION, IGNORE_REASON_ANNOTATION, type AnnotationExemption } from './annotations';
export { parseDirectives, type Directive } from './directives';

/** How a finding was silenced, for `--show-suppressed` and SARIF `suppressions`. */
export interface Suppression {
  readonly kind: 'comment' | 'annotation' | 'config';
  readonly justification?: string;
}

/** A problem with a directive itself, reported as `unused-suppression`. */
export interface DirectiveProblem {
  readonly span: Span;
  readonly message: string;
}

interface Locatable {
  readonly ruleId: string;
  readonly span: Span;
}

function lineOf(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lineStarts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Applies the comment directives of one chunk to its findings. Returns which findings each
 * directive silenced and the directives' own problems (unknown rule, silences nothing, misplaced).
 */
export function applyDirectives<F extends Locatable>(
  text: string,
  findings: readonly F[],
  knownRules: ReadonlySet<string>,
  enabledRules: ReadonlySet<string>,
): { kept: F[]; suppressed: { finding: F; suppression: Suppression }[]; problems: DirectiveProblem[] } {
  const directives = parseDirectives(text);
  if (directives.length === 0) return { kept: [...findings], suppressed: [], problems: [] };
  const lineStarts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  const used = new Set<string>();
  const kept: F[] = [];
  const suppressed: { finding: F; suppression: Suppression }[] = [];
  const applies = (directive: Directive, finding: F) =>
    !directive.misplaced &&
    directive.rules.some((rule) => rule.id === finding.ruleId) &&
    (directive.kind === 'document' || lineOf(lineStarts, finding.span.start) === directive.targetLine);
  for (const finding of findings) {
    const index = directives.findIndex((directive) => applies(directive, finding));
    const directive = directives[index];
    if (!directive) {
      kept.push(finding);
      continue;
    }
    used.add(`${index}\0${finding.ruleId}`);
    suppressed.push({ finding, suppression: { kind: 'comment', ...(directive.justification ? { justification: directive.justification } : {}) } });
  }
  const problems: DirectiveProblem[] = [];
  directives.forEach((directive, index) => {
    if (directive.misplaced) {
      problems.push({ span: directive.span, message: 'A kubeward-disable comment only applies at the top of a YAML document; use kubeward-disable-next-line here.' });
      return;
    }
    if (directive.rules.length === 0) {
      problems.push({ span: directive.span, message: 'This kubeward-disable comment names no rule; list the rule ids it should silence.' });
      return;
    }
    for (const rule of directive.rules) {
      if (!knownRules.has(rule.id)) {
        problems.push({ span: rule.span, message: `"${rule.id}" is not a Kubeward rule, so this comment silences nothing for it.` });
      } else if (enabledRules.has(rule.id) && !used.has(`${index}\0${rule.id}`)) {
        problems.push({ span: rule.span, message: `This comment silences "${rule.id}", but that rule reports nothing here; remove it.` });
      }
    }
  });
  return { kept, suppressed, problems };
}

/** Glob with `*` and `?` (case-sensitive, as Kubernetes names are). */
export function globMatch(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return regex.test(value);
}
