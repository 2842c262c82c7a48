import type { Severity } from '../engine/rule';
import { compareFindings, countBySeverity, isFailure, type FileMessage, type ScanReport } from './report';

export interface TextOptions {
  readonly color: boolean;
  readonly quiet: boolean;
}

const SGR = { reset: '\u001b[0m', bold: '\u001b[1m', dim: '\u001b[2m', red: '\u001b[31m', yellow: '\u001b[33m', blue: '\u001b[34m', gray: '\u001b[90m' } as const;

const SEVERITY_COLOR: Record<Severity, string> = { error: SGR.red, warning: SGR.yellow, info: SGR.blue, hint: SGR.gray };

function paint(on: boolean, code: string, text: string): string {
  return on ? `${code}${text}${SGR.reset}` : text;
}

function plural(count: number, word: string): string {
  // "info" is a mass noun here, as in "2 info".
  return `${count} ${count === 1 || word === 'info' ? word : `${word}s`}`;
}

/**
 * `file:line:col severity rule message`, one finding per line with 1-based line and column, the
 * form editors and CI annotators (problem matchers) recognise.
 */
export function formatText(report: ScanReport, options: Pick<TextOptions, 'color'> & { showSuppressed?: boolean }): string {
  const { color } = options;
  const all = options.showSuppressed ? [...report.findings, ...report.suppressed].sort(compareFindings) : report.findings;
  let out = '';
  for (const f of all) {
    const where = `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
    // A suppressed finding keeps the line format, so tools that parse it still can, and says why it is hidden.
    const why = f.suppression ? ` [suppressed by ${f.suppression.kind}${f.suppression.justification ? `: ${f.suppression.justification}` : ''}]` : '';
    out += `${paint(color, SGR.bold, where)} ${paint(color, SEVERITY_COLOR[f.severity], f.severity)} ${paint(color, SGR.dim, f.rule)} ${f.message}${paint(color, SGR.dim, why)}\n`;
  }
  return out;
}

/** What goes to stderr beside the report: errors always; skipped files, notes and the summary unless quiet. */
export function formatMessages(report: ScanReport, options: TextOptions): string {
  let err = '';
  for (const e of report.errors) err += errorLine(e, options.color);
  if (options.quiet) return err;
  for (const s of report.skipped) err += `skipped: ${s.file}: ${s.message}\n`;
  for (const n of report.notes) err += `note: ${n.file}: ${n.message}\n`;
  return err + summaryLines(report);
}

/** Located messages use the findings' form, so problem matchers pick them up too. */
function errorLine(e: FileMessage, color: boolean): string {
  const severity = e.severity ?? 'error';
  if (e.range) {
    const where = `${e.file}:${e.range.start.line + 1}:${e.range.start.character + 1}`;
    return `${paint(color, SGR.bold, where)} ${paint(color, SEVERITY_COLOR[severity], severity)} ${paint(color, SGR.dim, e.kind ?? 'error')} ${e.message}\n`;
  }
  if (e.kind) return `${e.file} ${paint(color, SEVERITY_COLOR[severity], severity)} ${paint(color, SGR.dim, e.kind)} ${e.message}\n`;
  return `${paint(color, SGR.red, 'error:')} ${e.file}: ${e.message}\n`;
}

/** The closing lines: what was fixed, what remains, what `--fix` could do. */
export function summaryLines(report: ScanReport): string {
  let out = '';
  if (report.fixed) {
    const { problems, files, dryRun } = report.fixed;
    if (dryRun && problems === 0) out += 'Nothing to fix.\n';
    else if (dryRun) out += `Would fix ${plural(problems, 'problem')} in ${plural(files, 'file')}; nothing was written.\n`;
    else if (problems > 0) out += `Fixed ${plural(problems, 'problem')} in ${plural(files, 'file')}.\n`;
    if (report.fixed.pinned) out += `${dryRun ? 'Would pin' : 'Pinned'} ${plural(report.fixed.pinned, 'image')} to ${report.fixed.pinned === 1 ? 'its' : 'their'} registry digest.\n`;
  }
  const scanned = plural(report.filesScanned, 'file');
  const extra = [
    ...(report.skipped.length > 0 ? [`${report.skipped.length} skipped`] : []),
    ...(report.errors.some(isFailure) ? [`${report.errors.filter(isFailure).length} failed`] : []),
    ...(report.errors.some((e) => !isFailure(e)) ? [`${plural(report.errors.filter((e) => !isFailure(e)).length, 'config warning')}`] : []),
  ];
  const tail = extra.length > 0 ? `; ${extra.join(', ')}` : '';
  const hidden = report.suppressed.length > 0 ? `${report.suppressed.length} suppressed.\n` : '';
  if (report.findings.length === 0) {
    out += `No problems found in ${scanned}${tail}.\n${hidden}`;
    return out;
  }
  const counts = countBySeverity(report.findings);
  const parts = (['error', 'warning', 'info', 'hint'] as const).filter((s) => counts[s] > 0).map((s) => plural(counts[s], s));
  const withProblems = new Set(report.findings.map((f) => f.file)).size;
  out += `${plural(report.findings.length, 'problem')} (${parts.join(', ')}) in ${withProblems} of ${scanned}${tail}.\n${hidden}`;
  if (!report.fixed) {
    const safe = report.findings.filter((f) => f.fixable === 'safe').length;
    const unsafe = report.findings.filter((f) => f.fixable === 'unsafe').length;
    if (safe > 0) out += `${safe} fixable with --fix${unsafe > 0 ? `; ${unsafe} more with --fix --unsafe-fixes` : ''}.\n`;
    else if (unsafe > 0) out += `${unsafe} fixable with --fix --unsafe-fixes.\n`;
  }
  return out;
}
