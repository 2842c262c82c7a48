import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { analyzeText, type Finding } from '../../server/src/engine/analyze';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from '../../server/src/engine/config';
import { fixAll } from '../../server/src/engine/fix-all';
import type { Rule } from '../../server/src/engine/rule';
import { RULE_IDS } from '../../server/src/engine/rules';
import { LineIndex } from '../../server/src/engine/text';

/** An expected finding given by position, for spans an annotation cannot point at (column 0). */
export interface ExpectedError {
  /** 1-based, as editors show. */
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly message?: string;
}

export interface ValidCase {
  readonly name: string;
  readonly yaml: string;
  /** Raw settings, as a user writes them (`{profile: 'baseline', podSecurity: {version: 'v1.30'}}`). */
  readonly settings?: Record<string, unknown>;
}

export interface InvalidCase extends ValidCase {
  /** Count, or exact positions; omit when the YAML carries `# ^^^` annotations. */
  readonly errors?: number | readonly ExpectedError[];
  /** Text after applying this rule's fixes; `null` asserts that no finding offers a fix. */
  readonly output?: string | null;
  /** The fixed output is still flagged (the fix is partial by design). */
  readonly stillFlagged?: boolean;
  /** Skip the automatic CRLF re-run (only for cases about line endings themselves). */
  readonly noCrlf?: boolean;
}

export interface RuleTests {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase[];
}

interface Annotation {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly ruleId: string;
  readonly severity?: string;
  readonly message?: string;
}

const ANNOTATION = /^(\s*)#(\s*)(\^+)\s+(?:(error|warning|info|hint)\s+)?([a-z0-9-]+)(?::\s*(.*))?$/;

/**
 * Removes `#   ^^^ rule-id: message` lines, which point at the previous line's columns, and
 * returns the clean YAML with the expected spans.
 */
export function extractAnnotations(annotated: string): { yaml: string; annotations: Annotation[] } {
  const out: string[] = [];
  const annotations: Annotation[] = [];
  for (const line of annotated.split('\n')) {
    const match = ANNOTATION.exec(line);
    if (match && RULE_IDS.has(match[5] as string) && out.length > 0) {
      const start = line.indexOf('^');
      annotations.push({
        line: out.length - 1,
        start,
        end: start + (match[3] as string).length,
        ruleId: match[5] as string,
        ...(match[4] ? { severity: match[4] } : {}),
        ...(match[6] ? { message: match[6] } : {}),
      });
    } else {
      out.push(line);
    }
  }
  return { yaml: out.join('\n'), annotations };
}

function settingsFor(rule: Rule, raw: Record<string, unknown> | undefined): Settings {
  const base = normalizeSettings(raw ?? {}, RULE_IDS);
  // Force the rule on whatever the profile, unless the case's own settings turn it off.
  const level = base.rules[rule.meta.id] ?? rule.meta.severity;
  return { ...base, rules: { ...base.rules, [rule.meta.id]: level } };
}

/** Runs only `rule` on `yaml`. */
export function findingsOf(rule: Rule, yaml: string, raw?: Record<string, unknown>): Finding[] {
  const settings = settingsFor(rule, raw);
  return analyzeText(yaml, { settings, rules: [rule] }).findings.filter((f) => f.ruleId === rule.meta.id);
}

/** Applies every fix of `rule` (unsafe ones too), re-analysing until stable. */
export function fixedBy(rule: Rule, yaml: string, raw?: Record<string, unknown>): string {
  return fixAll(yaml, { settings: settingsFor(rule, raw), rules: [rule], unsafe: true, ruleIds: new Set([rule.meta.id]) }).text;
}

function describeFindings(yaml: string, findings: readonly Finding[]): string {
  const index = new LineIndex(yaml);
  return findings
    .map((f) => {
      const { start, end } = index.rangeOf(f.span);
      return `  ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${JSON.stringify(yaml.slice(f.span.start, f.span.end))} ${f.message}`;
    })
    .join('\n');
}

function comments(yaml: string): string[] {
  return yaml
    .split('\n')
    .map((line) => /(?:^|\s)(#.*)$/.exec(line)?.[1]?.trim())
    .filter((c): c is string => c !== undefined && !c.startsWith('#   ^'));
}

function toCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

function checkInvalid(rule: Rule, test: InvalidCase): void {
  const { yaml, annotations } = extractAnnotations(test.yaml);
  const findings = findingsOf(rule, yaml, test.settings);
  const shown = describeFindings(yaml, findings);
  assert.ok(findings.length > 0, `expected findings, got none`);
  if (annotations.length > 0) {
    const index = new LineIndex(yaml);
    const actual = findings.map((f) => {
      const range = index.rangeOf(f.span);
      return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
    });
    const expected = annotations.map((a) => `${a.line}:${a.start}-${a.line}:${a.end}`);
    assert.deepEqual([...actual].sort(), [...expected].sort(), `finding spans differ:\n${shown}`);
    for (const a of annotations) {
      const f = findings.find((x) => {
        const r = index.rangeOf(x.span);
        return r.start.line === a.line && r.start.character === a.start;
      });
      if (a.message) assert.equal(f?.message, a.message);
      if (a.severity) assert.equal(f?.severity, a.severity);
    }
  } else if (typeof test.errors === 'number') {
    assert.equal(findings.length, test.errors, `finding count differs:\n${shown}`);
  } else if (test.errors) {
    const index = new LineIndex(yaml);
    assert.equal(findings.length, test.errors.length, `finding count differs:\n${shown}`);
    const sorted = [...findings].sort((a, b) => a.span.start - b.span.start);
    test.errors.forEach((expected, i) => {
      const range = index.rangeOf((sorted[i] as Finding).span);
      assert.equal(range.start.line + 1, expected.line, `line of finding ${i + 1}:\n${shown}`);
      assert.equal(range.start.character + 1, expected.column, `column of finding ${i + 1}:\n${shown}`);
      if (expected.endLine !== undefined) assert.equal(range.end.line + 1, expected.endLine);
      if (expected.endColumn !== undefined) assert.equal(range.end.character + 1, expected.endColumn);
      if (expected.message !== undefined) assert.equal(sorted[i]?.message, expected.message);
    });
  } else {
    assert.fail('an invalid case needs `errors` or `# ^^^` annotations');
  }
  for (const f of findings) {
    assert.match(f.message, /^[A-Z"`].*\.$/, `messages are full sentences: ${f.message}`);
    assert.ok(f.span.start >= 0 && f.span.end <= yaml.length && f.span.start <= f.span.end, 'span inside the text');
    if (f.fix && rule.meta.fix === 'unsafe') assert.equal(f.fix.safety, 'unsafe', 'no fix is safer than the rule declares');
    if (f.fix) assert.ok(rule.meta.fix, 'a rule that offers fixes declares meta.fix');
  }

  const fixable = findings.some((f) => f.fix);
  if (test.output === undefined) {
    assert.ok(!fixable, "The rule fixed the code. Please add 'output' property.");
  } else if (test.output === null) {
    assert.ok(!fixable, 'expected no fix');
  } else {
    const output = extractAnnotations(test.output).yaml;
    const fixed = fixedBy(rule, yaml, test.settings);
    assert.equal(fixed, output, 'fixed output differs');
    assert.notEqual(output, yaml, 'output equals input: use output: null for "no fix"');
    const parsed = parseAllDocuments(fixed, { version: '1.1' });
    for (const doc of parsed) assert.deepEqual(doc.errors.map((e) => e.message), [], 'fixed output parses');
    // Unsafe fixes may remove a line and its comment; safe ones never lose one.
    if (findings.every((f) => f.fix?.safety !== 'unsafe')) {
      for (const comment of comments(yaml)) assert.ok(fixed.includes(comment), `comment kept: ${comment}`);
    }
    if (!test.stillFlagged) {
      assert.deepEqual(describeFindings(fixed, findingsOf(rule, fixed, test.settings)), '', 'the fix removes the finding');
    }
    assert.equal(fixedBy(rule, fixed, test.settings), fixed, 'fixing again changes nothing');
  }

  if (!test.noCrlf && !yaml.includes('\r')) {
    const crlf = toCrlf(yaml);
    const crlfFindings = findingsOf(rule, crlf, test.settings);
    const index = new LineIndex(yaml);
    const crlfIndex = new LineIndex(crlf);
    assert.deepEqual(
      crlfFindings.map((f) => crlfIndex.rangeOf(f.span)),
      findings.map((f) => index.rangeOf(f.span)),
      'CRLF gives the same ranges',
    );
    if (typeof test.output === 'string') {
      assert.equal(fixedBy(rule, crlf, test.settings), toCrlf(extractAnnotations(test.output).yaml), 'CRLF fix keeps CRLF');
    }
  }
}

function checkValid(rule: Rule, test: ValidCase): void {
  const { yaml } = extractAnnotations(test.yaml);
  const findings = findingsOf(rule, yaml, test.settings);
  assert.equal(findings.length, 0, `expected no findings, got:\n${describeFindings(yaml, findings)}`);
}

/** ESLint's RuleTester shape: a `describe` per rule, an `it` per case, invariants checked for every case. */
export const ruleTester = {
  run(rule: Rule, tests: RuleTests): void {
    describe(rule.meta.id, () => {
      const names = new Set<string>();
      const inputs = new Set<string>();
      for (const test of [...tests.valid, ...tests.invalid]) {
        assert.ok(!names.has(test.name), `duplicate case name "${test.name}"`);
        names.add(test.name);
        const key = `${test.yaml}\0${JSON.stringify(test.settings ?? {})}`;
        assert.ok(!inputs.has(key), `detected duplicate test case "${test.name}"`);
        inputs.add(key);
      }
      describe('valid', () => {
        for (const test of tests.valid) it(test.name, () => checkValid(rule, test));
      });
      describe('invalid', () => {
        for (const test of tests.invalid) it(test.name, () => checkInvalid(rule, test));
      });
    });
  },
};

function indent(block: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return block
    .replace(/^\n+|\s+$/g, '')
    .split('\n')
    .map((line) => (line.trim() ? pad + line : line))
    .join('\n');
}

/** A Pod whose spec is `podSpec` (written at column 0). */
export function pod(podSpec: string, name = 'p'): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${indent(podSpec, 2)}\n`;
}

/** The same pod spec in each workload kind; `label` says how the kind names the object. */
export function workloads(podSpec: string): { kind: string; yaml: string }[] {
  const at = (n: number) => indent(podSpec, n);
  return [
    { kind: 'Pod', yaml: pod(podSpec) },
    { kind: 'Deployment', yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n${at(6)}\n` },
    { kind: 'StatefulSet', yaml: `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n${at(6)}\n` },
    { kind: 'DaemonSet', yaml: `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n${at(6)}\n` },
    { kind: 'ReplicaSet', yaml: `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n${at(6)}\n` },
    { kind: 'ReplicationController', yaml: `apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n${at(6)}\n` },
    { kind: 'Job', yaml: `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n${at(6)}\n` },
    { kind: 'CronJob', yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: w\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${at(10)}\n` },
    { kind: 'PodTemplate', yaml: `apiVersion: v1\nkind: PodTemplate\nmetadata:\n  name: w\ntemplate:\n  spec:\n${at(4)}\n` },
    { kind: 'List', yaml: `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p\n  spec:\n${at(4)}\n` },
  ];
}

/**
 * Invalid cases for one pod-spec snippet in every workload kind (and a `kind: List`), with the
 * fixed snippet when the rule fixes it.
 */
export function inEveryWorkload(test: { podSpec: string; errors: number; output?: string | null; settings?: Record<string, unknown> }): InvalidCase[] {
  const fixedKinds = test.output ? workloads(test.output) : undefined;
  return workloads(test.podSpec).map((w, i) => ({
    name: `in a ${w.kind}`,
    yaml: w.yaml,
    errors: test.errors,
    ...(test.settings ? { settings: test.settings } : {}),
    ...(test.output === undefined ? {} : { output: fixedKinds ? (fixedKinds[i]?.yaml as string) : null }),
  }));
}

/** Valid cases for one pod-spec snippet in every workload kind. */
export function validInEveryWorkload(podSpec: string, settings?: Record<string, unknown>): ValidCase[] {
  return workloads(podSpec).map((w) => ({ name: `valid in a ${w.kind}`, yaml: w.yaml, ...(settings ? { settings } : {}) }));
}

export { DEFAULT_SETTINGS };
