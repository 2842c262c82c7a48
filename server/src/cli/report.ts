import * as path from 'node:path';
import type { Finding, SuppressedFinding } from '../engine/analyze';
import type { FixSafety, Severity } from '../engine/rule';
import { LineIndex, type Range } from '../engine/text';
import { compareStrings } from '../engine/walk';

/** The resource a finding is about, with every key present so that consumers need no guards. */
export interface ReportResource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string | null;
  readonly namespace: string | null;
}

/** One finding as every reporter sees it; the field order is the JSON output's. */
export interface ReportFinding {
  /** Relative to the working directory, `/`-separated. */
  readonly file: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  /** Zero-based, as in LSP. */
  readonly range: Range;
  /** Null for findings about the text rather than an object (YAML syntax errors). */
  readonly resource: ReportResource | null;
  readonly container?: string;
  readonly path: string;
  readonly fixable?: FixSafety;
  /** Only on suppressed findings: what hid it, and the reason given. */
  readonly suppression?: { readonly kind: 'comment' | 'annotation' | 'config'; readonly justification?: string };
}

export interface FileMessage {
  readonly file: string;
  readonly message: string;
  /**
   * Only on messages about a place in a file (`.kubeward.yaml` mistakes, failed digest look-ups);
   * these are printed as `file:line:col severity kind message`.
   */
  readonly range?: Range;
  /** `warning` messages are shown but do not fail the run; absent means error. */
  readonly severity?: 'error' | 'warning';
  /** `config` (a `.kubeward.yaml` mistake) or `pin-digests` (a failed look-up). */
  readonly kind?: 'config' | 'pin-digests';
}

/** Errors that make the exit code 2 (config warnings do not). */
export function isFailure(message: FileMessage): boolean {
  return message.severity !== 'warning';
}

export interface FixSummary {
  /** Findings fixed (or, for a dry run, that would be). */
  readonly problems: number;
  readonly files: number;
  /** Nothing was written: the fixes were printed as a diff. */
  readonly dryRun: boolean;
  /** Images pinned to their registry digest (`--pin-digests`), counted in `problems` too. */
  readonly pinned?: number;
}

/** Everything a scan produced; reporters only format it. */
export interface ScanReport {
  readonly version: string;
  /** Absolute working directory, the base of every `file`. */
  readonly cwd: string;
  readonly filesScanned: number;
  readonly findings: readonly ReportFinding[];
  /** Findings hidden by suppressions; reported only with --show-suppressed, never counted for the exit code. */
  readonly suppressed: readonly ReportFinding[];
  readonly errors: readonly FileMessage[];
  readonly skipped: readonly FileMessage[];
  /** Files analysed only in part (template documents); shown as notes, not as skipped files. */
  readonly notes: readonly FileMessage[];
  readonly fixed?: FixSummary;
  /** Unified diffs of a dry run, in file order. */
  readonly diffs: readonly string[];
}

/** A path for output: relative to `cwd` (with `..` when outside it) and `/`-separated on every platform. */
export function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' ? '.' : relative.split(path.sep).join('/');
}

/** Converts the engine's offsets into a file's finding for output. */
export function toReportFinding(file: string, index: LineIndex, finding: Finding | SuppressedFinding): ReportFinding {
  const resource = finding.resource
    ? {
        apiVersion: finding.resource.apiVersion,
        kind: finding.resource.kind,
        name: finding.resource.name ?? null,
        namespace: finding.resource.namespace ?? null,
      }
    : null;
  return {
    file,
    rule: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    range: index.rangeOf(finding.span),
    resource,
    ...(finding.container !== undefined ? { container: finding.container } : {}),
    path: finding.path,
    ...(finding.fix ? { fixable: finding.fix.safety } : {}),
    ...('suppression' in finding
      ? {
          suppression: {
            kind: finding.suppression.kind,
            ...(finding.suppression.justification !== undefined ? { justification: finding.suppression.justification } : {}),
          },
        }
      : {}),
  };
}

/** File, then position, then rule: the same input gives the same output on every machine. */
export function compareFindings(a: ReportFinding, b: ReportFinding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.range.end.line - b.range.end.line ||
    a.range.end.character - b.range.end.character ||
    compareStrings(a.rule, b.rule) ||
    compareStrings(a.path, b.path) ||
    compareStrings(a.message, b.message)
  );
}

export function compareMessages(a: FileMessage, b: FileMessage): number {
  return (
    compareStrings(a.file, b.file) ||
    (a.range?.start.line ?? -1) - (b.range?.start.line ?? -1) ||
    (a.range?.start.character ?? -1) - (b.range?.start.character ?? -1) ||
    compareStrings(a.message, b.message)
  );
}

/** Counts by severity, for summaries. */
export function countBySeverity(findings: readonly ReportFinding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}
