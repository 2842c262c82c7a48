import { analyzeText, type Finding } from '../../server/src/engine/analyze';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/engine/config';
import { applyEdits } from '../../server/src/engine/apply';
import invalidValue from '../../server/src/engine/rules/invalid-value';
import unknownField from '../../server/src/engine/rules/unknown-field';
import type { SchemaValidationMode } from '../../server/src/engine/schema';

export const SCHEMA_RULES = [invalidValue, unknownField];

/** The schema findings of `text`, sorted by position, as `rule-id "flagged text": message`. */
export function schemaFindings(text: string, mode: SchemaValidationMode = 'all'): Finding[] {
  const settings: Settings = { ...DEFAULT_SETTINGS, schemaValidation: mode };
  return [...analyzeText(text, { settings, rules: SCHEMA_RULES }).findings].sort((a, b) => a.span.start - b.span.start);
}

export function show(text: string, findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${JSON.stringify(text.slice(f.span.start, f.span.end))}: ${f.message}`);
}

/** Offsets of the `nth` occurrence of `needle`. */
export function spanOf(text: string, needle: string, nth = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`"${needle}" not found`);
  }
  return { start: at, end: at + needle.length };
}

export function applyFix(text: string, finding: Finding): string {
  if (!finding.fix) throw new Error('no fix');
  return applyEdits(text, finding.fix.edits);
}

export function deployment(podSpec: string, name = 'web'): string {
  const indented = podSpec
    .trim()
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
${indented}
`;
}
