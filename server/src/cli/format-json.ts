import type { FileMessage, ReportFinding, ScanReport } from './report';

/** The JSON report; later tooling relies on this exact shape, so it is spelled out here. */
export interface JsonReport {
  readonly version: string;
  readonly findings: readonly ReportFinding[];
  readonly errors: readonly FileMessage[];
  readonly skipped: readonly FileMessage[];
}

export function toJsonReport(report: ScanReport): JsonReport {
  return { version: report.version, findings: report.findings, errors: report.errors, skipped: report.skipped };
}

export function formatJson(report: ScanReport): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
