import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { docsUrl } from '../engine/docs';
import type { Rule, Severity } from '../engine/rule';
import { compareFindings, isFailure, type FileMessage, type ReportFinding, type ScanReport } from './report';
import { INFORMATION_URI } from './version';

/** SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/), as GitHub code scanning reads it. */

const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * GitHub ranks security alerts by `security-severity` (a CVSS-like 0–10 score written as a string):
 * over 9 critical, 7–8.9 high, 4–6.9 medium, under 4 low. Our severities map onto high, medium, low.
 */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '3.0', hint: '1.0' };

/** `privilege-escalation` → `PrivilegeEscalation`: SARIF's `name` is an identifier, distinct from the id. */
function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

function tags(rule: Rule): string[] {
  const { meta } = rule;
  const out = ['security', 'kubernetes', meta.family, `layer: ${meta.layer}`];
  if (meta.pss) out.push(`PSS ${meta.pss.level}`, `PSS control: ${meta.pss.control}`);
  for (const reference of meta.references) {
    if (reference.standard !== 'PSS') out.push(`${reference.standard} ${reference.id}`);
  }
  return [...new Set(out)];
}

function help(rule: Rule): { text: string; markdown: string } {
  const { docs, id } = rule.meta;
  const url = docsUrl(id);
  const fix = docs.fixSafety ? `\n\nAutomatic fix: ${docs.fixSafety}` : '';
  const references = rule.meta.references
    .map((r) => `- ${r.url ? `[${r.standard} ${r.id}](${r.url})` : `${r.standard} ${r.id}`}: ${r.title}`)
    .join('\n');
  return {
    text: `${docs.remediation}${fix}\n\nDocumentation: ${url}`,
    markdown:
      `**Why it matters.** ${docs.rationale}\n\n**How to fix it.** ${docs.remediation}` +
      (docs.fixSafety ? `\n\n**Automatic fix.** ${docs.fixSafety}` : '') +
      (references ? `\n\n**References**\n\n${references}` : '') +
      `\n\n[Rule documentation](${url})`,
  };
}

function descriptor(rule: Rule): object {
  const { meta } = rule;
  return {
    id: meta.id,
    name: ruleName(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.docs.rationale },
    help: help(rule),
    helpUri: docsUrl(meta.id),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      tags: tags(rule),
      'security-severity': SECURITY_SEVERITY[meta.severity],
      precision: 'high',
      family: meta.family,
      layer: meta.layer,
      profile: meta.profile,
      ...(meta.pss ? { pss: { level: meta.pss.level, control: meta.pss.control } } : {}),
      references: meta.references.map((r) => ({ standard: r.standard, id: r.id, title: r.title, ...(r.url ? { url: r.url } : {}) })),
      ...(meta.fix ? { fix: meta.fix } : {}),
    },
  };
}

/**
 * A file's location: relative to %SRCROOT% (the working directory), percent-encoded per segment
 * because SARIF URIs are URI references; files outside it get an absolute `file:` URI.
 */
function artifactLocation(cwd: string, file: string): { uri: string; uriBaseId?: string } {
  if (file.startsWith('../') || file === '..' || path.isAbsolute(file)) return { uri: pathToFileURL(path.resolve(cwd, file)).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/**
 * Identifies a finding across runs without its line, so that code scanning keeps one alert when
 * lines move: the rule, the file, the field path and the resource.
 */
function fingerprint(finding: ReportFinding): string {
  const r = finding.resource;
  const parts = [finding.rule, finding.file, finding.path, r?.apiVersion ?? '', r?.kind ?? '', r?.namespace ?? '', r?.name ?? ''];
  // Text-level findings (syntax errors) have no resource or path; their message tells them apart.
  if (!r) parts.push(finding.message);
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

function result(cwd: string, finding: ReportFinding, ruleIndex: Map<string, number>): object {
  const { start, end } = finding.range;
  const r = finding.resource;
  const logical = r
    ? [
        {
          name: r.name ?? `(unnamed ${r.kind})`,
          fullyQualifiedName: [r.namespace, r.kind, r.name ?? '(unnamed)'].filter((part) => part !== null).join('/'),
          kind: 'resource',
          properties: { apiVersion: r.apiVersion, kind: r.kind, ...(r.namespace !== null ? { namespace: r.namespace } : {}) },
        },
      ]
    : undefined;
  const index = ruleIndex.get(finding.rule);
  return {
    ruleId: finding.rule,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(cwd, finding.file),
          region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
        },
        ...(logical ? { logicalLocations: logical } : {}),
      },
    ],
    partialFingerprints: { 'kubewardFinding/v1': fingerprint(finding) },
    ...(finding.suppression
      ? {
          suppressions: [
            {
              // Comments and annotations live in the manifest; config-file ignores live outside it.
              kind: finding.suppression.kind === 'config' ? 'external' : 'inSource',
              ...(finding.suppression.justification ? { justification: finding.suppression.justification } : {}),
              properties: { via: finding.suppression.kind },
            },
          ],
        }
      : {}),
    properties: {
      severity: finding.severity,
      path: finding.path,
      ...(finding.container !== undefined ? { container: finding.container } : {}),
      ...(finding.fixable ? { fixable: finding.fixable } : {}),
    },
  };
}

function notification(cwd: string, level: 'error' | 'warning' | 'note', item: FileMessage): object {
  const region = item.range
    ? { region: { startLine: item.range.start.line + 1, startColumn: item.range.start.character + 1, endLine: item.range.end.line + 1, endColumn: item.range.end.character + 1 } }
    : {};
  return {
    level,
    message: { text: `${item.file}: ${item.message}` },
    ...(item.kind ? { descriptor: { id: item.kind } } : {}),
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(cwd, item.file), ...region } }],
  };
}

/** The whole SARIF log: one run, every rule in the driver, errors and skipped files as notifications. */
export function toSarif(report: ScanReport, rules: readonly Rule[], showSuppressed = false): object {
  const ruleIndex = new Map(rules.map((rule, i) => [rule.meta.id, i]));
  const findings = showSuppressed ? [...report.findings, ...report.suppressed].sort(compareFindings) : report.findings;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Kubeward',
            version: report.version,
            semanticVersion: report.version,
            informationUri: INFORMATION_URI,
            rules: rules.map(descriptor),
          },
        },
        invocations: [
          {
            executionSuccessful: !report.errors.some(isFailure),
            toolExecutionNotifications: [
              ...report.errors.map((e) => notification(report.cwd, e.severity ?? 'error', e)),
              ...report.skipped.map((s) => notification(report.cwd, 'note', { file: s.file, message: `Skipped: ${s.message}` })),
            ],
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(report.cwd.endsWith(path.sep) ? report.cwd : report.cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => result(report.cwd, f, ruleIndex)),
      },
    ],
  };
}

export function formatSarif(report: ScanReport, rules: readonly Rule[], showSuppressed = false): string {
  return `${JSON.stringify(toSarif(report, rules, showSuppressed), null, 2)}\n`;
}
