import type { ScanFileResult, ScanFinding, ScanSuppressedFinding } from '../engine/scan-pool';
import type { Severity } from '../engine/rule';
import { RULES } from '../engine/rules';
import { formatSarif } from '../cli/format-sarif';
import { compareFindings, compareMessages, displayPath, type FileMessage, type ReportFinding, type ScanReport } from '../cli/report';
import { VERSION } from '../cli/version';
import type { ScanSummary } from '../protocol';

/** A scan's results kept for the export commands. */
export interface FinishedScan {
  /** Base of relative paths in reports: the first workspace folder scanned. */
  readonly cwd: string;
  readonly results: readonly ScanFileResult[];
  /** Files found but not analysed because an exclude setting matched. */
  readonly excluded: readonly string[];
  readonly walkErrors: readonly FileMessage[];
  readonly summary: ScanSummary;
}

function toReportFinding(cwd: string, file: string, finding: ScanFinding | ScanSuppressedFinding): ReportFinding {
  const r = finding.resource;
  return {
    file: displayPath(cwd, file),
    rule: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    range: finding.range,
    resource: r ? { apiVersion: r.apiVersion, kind: r.kind, name: r.name ?? null, namespace: r.namespace ?? null } : null,
    ...(finding.container !== undefined ? { container: finding.container } : {}),
    path: finding.path,
    ...(finding.fixable ? { fixable: finding.fixable } : {}),
    ...('suppression' in finding
      ? { suppression: { kind: finding.suppression.kind, ...(finding.suppression.justification !== undefined ? { justification: finding.suppression.justification } : {}) } }
      : {}),
  };
}

/** The scan in the CLI's report shape, so the CLI's reporters format it exactly as `kubeward scan` would. */
export function toScanReport(scan: FinishedScan): ScanReport {
  const { cwd } = scan;
  const findings: ReportFinding[] = [];
  const errors: FileMessage[] = [...scan.walkErrors];
  const skipped: FileMessage[] = [];
  const notes: FileMessage[] = [];
  const suppressed: ReportFinding[] = [];
  for (const result of scan.results) {
    const file = displayPath(cwd, result.path);
    if (result.status !== 'ok') {
      (result.status === 'error' ? errors : skipped).push({ file, message: result.message });
      continue;
    }
    if (result.partlySkipped) notes.push({ file, message: result.partlySkipped });
    for (const failure of result.failures) {
      errors.push({ file, message: `Rule "${failure.ruleId}" failed on this file, so its findings may be missing: ${failure.error.split('\n')[0] ?? ''}` });
    }
    for (const finding of result.findings) findings.push(toReportFinding(cwd, result.path, finding));
    for (const finding of result.suppressed) suppressed.push(toReportFinding(cwd, result.path, finding));
  }
  for (const path of scan.excluded) skipped.push({ file: displayPath(cwd, path), message: 'Excluded by kubeward.exclude or .kubeward.yaml.' });
  return {
    version: VERSION,
    cwd,
    filesScanned: scan.summary.filesScanned,
    findings: findings.sort(compareFindings),
    suppressed: suppressed.sort(compareFindings),
    errors: errors.sort(compareMessages),
    skipped: skipped.sort(compareMessages),
    notes: notes.sort(compareMessages),
    diffs: [],
  };
}

export function scanSarif(scan: FinishedScan): string {
  return formatSarif(toScanReport(scan), RULES);
}

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** Pipes and line breaks would break a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A Markdown report a person reads: summary, counts by rule, then every finding by file. */
export function scanMarkdown(scan: FinishedScan, maxFindings = 5000): string {
  const report = toScanReport(scan);
  const { summary } = scan;
  const out: string[] = [];
  out.push('# Kubeward scan report', '');
  out.push(`Scanned ${summary.filesScanned} file(s) in ${(summary.durationMs / 1000).toFixed(1)} s${summary.cancelled ? ' (cancelled before the end)' : ''}; ${summary.filesSkipped} skipped, ${summary.filesWithErrors} with errors.`, '');
  out.push('| Severity | Findings |', '| --- | ---: |');
  for (const severity of SEVERITY_ORDER) out.push(`| ${severity} | ${summary.findings[severity]} |`);
  out.push(`| suppressed | ${summary.suppressed} |`, '');

  const byRule = new Map<string, { severity: Severity; count: number }>();
  for (const finding of report.findings) {
    const entry = byRule.get(finding.rule) ?? { severity: finding.severity, count: 0 };
    entry.count++;
    byRule.set(finding.rule, entry);
  }
  if (byRule.size > 0) {
    out.push('## By rule', '', '| Rule | Severity | Findings |', '| --- | --- | ---: |');
    const rows = [...byRule].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
    for (const [rule, { severity, count }] of rows) out.push(`| \`${rule}\` | ${severity} | ${count} |`);
    out.push('');
  }

  if (report.findings.length > 0) {
    out.push('## Findings', '');
    let file = '';
    for (const finding of report.findings.slice(0, maxFindings)) {
      if (finding.file !== file) {
        file = finding.file;
        out.push('', `### ${cell(file)}`, '');
      }
      const where = finding.resource ? ` — ${finding.resource.kind}${finding.resource.name ? ` "${finding.resource.name}"` : ''}` : '';
      out.push(`- line ${finding.range.start.line + 1}, **${finding.severity}** \`${finding.rule}\`${cell(where)}: ${cell(finding.message)}`);
    }
    if (report.findings.length > maxFindings) out.push('', `…and ${report.findings.length - maxFindings} more; export SARIF for the full list.`);
    out.push('');
  }
  for (const [title, items] of [
    ['Errors', report.errors],
    ['Skipped files', report.skipped],
    ['Notes', report.notes],
  ] as const) {
    if (items.length === 0) continue;
    out.push(`## ${title}`, '');
    for (const item of items) out.push(`- ${cell(item.file)}: ${cell(item.message)}`);
    out.push('');
  }
  return out.join('\n');
}
