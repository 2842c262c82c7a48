import type { FileMessage, ReportFinding, ScanReport } from './report';

/** The JSON report; later tooling relies on this exact shape, so it is spelled out here. */
export interface JsonReport {
  readonly version: string;
  readonly findings: readonly ReportFinding[];
  readonly errors: readonly FileMessage[];
  readonly skipped: readonly FileMessage[];
  /** Only with --show-suppressed. */
  readonly suppressed?: readonly ReportFinding[];
}

export function toJsonReport(report: ScanReport, showSuppressed = false): JsonReport {
  return {
    version: report.version,
    findings: report.findings,
    errors: report.errors,
    skipped: report.skipped,
    ...(showSuppressed ? { suppressed: report.suppressed } : {}),
  };
}

export function formatJson(report: ScanReport, showSuppressed = false): string {
  return `${JSON.stringify(toJsonReport(report, showSuppressed), null, 2)}\n`;
}
