// Compares Kubeward's findings with the outside corpus (../shared/corpus): each peer's own fixtures,
// its pass/fail expectations and rule-map.tsv. Shared by `npm run conformance` and the conformance test.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText, type Finding } from '../server/src/engine/analyze';
import { normalizeSettings } from '../server/src/engine/config';
import type { Rule } from '../server/src/engine/rule';
import { RULES } from '../server/src/engine/rules';

export const PSA_PEER = 'pod-security-admission';

export type Relation = 'same' | 'stricter-peer' | 'looser-peer' | 'partial' | 'none';

export type RowStatus =
  /** Kubeward decides as the row requires. */
  | 'agree'
  | 'disagree'
  /** A disagreement listed in the exceptions file, with its reason. */
  | 'deliberate'
  /** The mapped Kubeward rule does not exist yet. */
  | 'not-implemented'
  /** The relation gives no expectation for this row (partial, none, or the side a looser/stricter peer leaves open). */
  | 'no-expectation'
  | 'missing-file';

export interface RowResult {
  readonly path: string;
  readonly peer: string;
  readonly check: string;
  readonly expected: 'pass' | 'fail';
  readonly rule: string;
  readonly relation: Relation;
  /** What Kubeward must do on this file: fire, stay silent, or nothing is required. */
  readonly requirement: 'fire' | 'silent' | 'none';
  readonly level: 'baseline' | 'restricted';
  readonly status: RowStatus;
  /** For disagreements: what fired, or that nothing did. For deliberate rows: the reason. */
  readonly detail: string;
}

export interface ConformanceReport {
  readonly rows: readonly RowResult[];
  /** Exceptions that no longer match a disagreement (the engine now agrees, or the row is gone). */
  readonly staleExceptions: readonly Exception[];
}

export interface Exception {
  readonly peer: string;
  readonly check: string;
  readonly path: string;
  readonly reason: string;
}

interface MapRow {
  readonly rule: string;
  readonly relation: Relation;
  readonly note: string;
}

export interface ConformanceOptions {
  readonly corpusDir: string;
  /** scripts/conformance-exceptions.tsv; absent means no exceptions. */
  readonly exceptionsFile?: string;
  readonly rules?: readonly Rule[];
}

/** The repository root, found from a compiled file under out/. */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'out') {
    const parent = path.dirname(dir);
    if (parent === dir) return from;
    dir = parent;
  }
  return dir;
}

/** `../shared/corpus` next to the repository, as the project layout places it. */
export function defaultCorpusDir(root: string = repoRoot()): string {
  return path.resolve(root, '..', 'shared', 'corpus');
}

/** Why the corpus cannot be used, or undefined when it can. */
export function corpusMissing(corpusDir: string): string | undefined {
  for (const file of ['expectations.tsv', 'rule-map.tsv']) {
    if (!fs.existsSync(path.join(corpusDir, file))) {
      return `The conformance corpus was not found (${path.join(corpusDir, file)} is missing); conformance was skipped.`;
    }
  }
  return undefined;
}

/** Rows of a TSV with a header; `#` lines and blank lines are skipped. */
export function readTsv(file: string): Record<string, string>[] {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const header = (lines.shift() ?? '').split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']));
  });
}

export function readExceptions(file: string | undefined): Exception[] {
  if (!file || !fs.existsSync(file)) return [];
  return readTsv(file).map((row) => ({
    peer: row['peer'] ?? '',
    check: row['peer_check_id'] ?? '',
    path: row['path'] ?? '',
    reason: row['reason'] ?? '',
  }));
}

/** All files below a directory, sorted, for workspace rows (paths ending in `/`). */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/**
 * The level a row compares at. PSA rows name it in the check id; for other peers rule-map.tsv says
 * "restricted unless the note says baseline" for the level-dependent rules.
 */
function levelOf(peer: string, check: string, note: string): 'baseline' | 'restricted' {
  if (peer === PSA_PEER) return check.startsWith('baseline/') ? 'baseline' : 'restricted';
  return /Kubeward's baseline level/.test(note) ? 'baseline' : 'restricted';
}

function requirementOf(relation: Relation, expected: 'pass' | 'fail'): 'fire' | 'silent' | 'none' {
  if (relation === 'same') return expected === 'fail' ? 'fire' : 'silent';
  if (relation === 'looser-peer') return expected === 'fail' ? 'fire' : 'none';
  if (relation === 'stricter-peer') return expected === 'pass' ? 'silent' : 'none';
  return 'none';
}

function describe(findings: readonly Finding[]): string {
  const byRule = new Map<string, string>();
  for (const f of findings) if (!byRule.has(f.ruleId)) byRule.set(f.ruleId, f.message);
  return [...byRule].map(([id, message]) => `${id}: ${message}`).join(' | ');
}

export function runConformance(options: ConformanceOptions): ConformanceReport {
  const rules = options.rules ?? RULES;
  const ruleIds = new Set(rules.map((r) => r.meta.id));
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const corpus = options.corpusDir;
  const map = new Map<string, MapRow>();
  for (const row of readTsv(path.join(corpus, 'rule-map.tsv'))) {
    const key = `${row['peer']}\t${row['peer_check_id']}`;
    // rule-map.tsv repeats some PSA rows verbatim; the first one stands.
    if (!map.has(key)) map.set(key, { rule: row['kubeward_rule'] ?? 'none', relation: (row['relation'] ?? 'none') as Relation, note: row['note'] ?? '' });
  }
  // rule-map.tsv marks control-plane checks `control-plane`; scripts/control-plane-map.tsv names the rules.
  const controlPlaneMap = path.join(__dirname, 'control-plane-map.tsv');
  const controlPlaneFile = fs.existsSync(controlPlaneMap) ? controlPlaneMap : path.join(repoRoot(), 'scripts', 'control-plane-map.tsv');
  if (fs.existsSync(controlPlaneFile)) {
    for (const row of readTsv(controlPlaneFile)) {
      const key = `${row['peer']}\t${row['peer_check_id']}`;
      if (map.get(key)?.rule === 'control-plane') map.set(key, { rule: row['kubeward_rule'] ?? 'none', relation: (row['relation'] ?? 'none') as Relation, note: row['note'] ?? '' });
    }
  }
  const exceptions = readExceptions(options.exceptionsFile);
  const usedExceptions = new Set<Exception>();
  const cache = new Map<string, Finding[]>();

  const analyse = (rel: string, raw: Record<string, unknown>): Finding[] | undefined => {
    const key = `${rel}\0${JSON.stringify(raw)}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const full = path.join(corpus, rel);
    if (!fs.existsSync(full)) return undefined;
    const files = rel.endsWith('/') ? filesUnder(full) : [full];
    const settings = normalizeSettings(raw, ruleIds);
    const findings = files.flatMap((file) => analyzeText(fs.readFileSync(file, 'utf8'), { settings, rules }).findings);
    cache.set(key, findings);
    return findings;
  };

  const rows: RowResult[] = [];
  for (const row of readTsv(path.join(corpus, 'expectations.tsv'))) {
    const peer = row['peer'] ?? '';
    const check = row['peer_check_id'] ?? '';
    const rel = row['path'] ?? '';
    const expected = row['expected'] === 'pass' ? 'pass' : 'fail';
    const mapped = map.get(`${peer}\t${check}`) ?? { rule: 'none', relation: 'none' as Relation, note: '' };
    const level = levelOf(peer, check, mapped.note);
    const isPsa = peer === PSA_PEER;
    // A PSA pass fixture passes every check of its level, so no pod-security rule may fire on it.
    const wholeLevel = isPsa && expected === 'pass';
    const requirement = wholeLevel ? 'silent' : requirementOf(mapped.relation, expected);
    const base = { path: rel, peer, check, expected, rule: mapped.rule, relation: mapped.relation, requirement, level } as const;
    if (requirement === 'none') {
      rows.push({ ...base, status: 'no-expectation', detail: '' });
      continue;
    }
    // `<level>/*` rows name no rule; every other row needs its mapped rule to exist.
    if (mapped.rule !== 'none' && !ruleIds.has(mapped.rule)) {
      rows.push({ ...base, status: 'not-implemented', detail: `no rule "${mapped.rule}" yet` });
      continue;
    }
    // Rules that judge this row. A PSA check is a control, which one or two Kubeward rules implement
    // together (capabilities_restricted: capabilities-drop-all and, at restricted level, capabilities-added).
    let judges: Set<string>;
    if (wholeLevel) {
      judges = new Set(rules.filter((r) => r.meta.family === 'pod-security').map((r) => r.meta.id));
    } else if (isPsa) {
      const control = byId.get(mapped.rule)?.meta.pss?.control;
      judges = new Set(rules.filter((r) => r.meta.id === mapped.rule || (control && r.meta.pss?.control === control)).map((r) => r.meta.id));
    } else {
      judges = new Set([mapped.rule]);
    }
    const raw: Record<string, unknown> = { profile: level };
    if (isPsa) {
      const version = /\/(v1\.\d+)\//.exec(rel)?.[1];
      if (version) raw['podSecurity'] = { version };
    } else {
      // Outside PSA rows judge one rule whatever its profile.
      const rule = byId.get(mapped.rule);
      if (rule) raw['rules'] = { [rule.meta.id]: rule.meta.severity };
    }
    const findings = analyse(rel, raw);
    if (!findings) {
      rows.push({ ...base, status: 'missing-file', detail: 'the file is not in the corpus' });
      continue;
    }
    const fired = findings.filter((f) => judges.has(f.ruleId));
    const agrees = requirement === 'fire' ? fired.length > 0 : fired.length === 0;
    if (agrees) {
      rows.push({ ...base, status: 'agree', detail: '' });
      continue;
    }
    const detail = requirement === 'fire' ? `no finding of ${[...judges].sort().join(' or ')}` : describe(fired);
    const exception = exceptions.find((e) => e.peer === peer && e.check === check && e.path === rel);
    if (exception) {
      usedExceptions.add(exception);
      rows.push({ ...base, status: 'deliberate', detail: exception.reason });
    } else {
      rows.push({ ...base, status: 'disagree', detail });
    }
  }
  return { rows, staleExceptions: exceptions.filter((e) => !usedExceptions.has(e)) };
}

export interface Tally {
  agree: number;
  disagree: number;
  deliberate: number;
  notImplemented: number;
  noExpectation: number;
  missing: number;
}

export function tally(rows: readonly RowResult[]): Tally {
  const t: Tally = { agree: 0, disagree: 0, deliberate: 0, notImplemented: 0, noExpectation: 0, missing: 0 };
  for (const row of rows) {
    if (row.status === 'agree') t.agree++;
    else if (row.status === 'disagree') t.disagree++;
    else if (row.status === 'deliberate') t.deliberate++;
    else if (row.status === 'not-implemented') t.notImplemented++;
    else if (row.status === 'missing-file') t.missing++;
    else t.noExpectation++;
  }
  return t;
}

/** Agreement over the rows that were judged (agree, disagree, deliberate); undefined when none were. */
export function agreement(t: Tally): number | undefined {
  const judged = t.agree + t.disagree + t.deliberate;
  return judged === 0 ? undefined : t.agree / judged;
}

function percent(value: number | undefined): string {
  return value === undefined ? '–' : `${(Math.floor(value * 1000) / 10).toFixed(1)}%`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function tableRow(name: string, t: Tally): string {
  return `| ${name} | ${t.agree + t.disagree + t.deliberate} | ${t.agree} | ${t.disagree} | ${t.deliberate} | ${percent(agreement(t))} | ${t.notImplemented} | ${t.noExpectation} |`;
}

const TABLE_HEAD =
  '| {name} | judged | agree | disagree | deliberate | agreement | not implemented | no expectation |\n|---|---:|---:|---:|---:|---:|---:|---:|';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The gate the test and `npm run conformance` enforce. */
export function failures(report: ConformanceReport): RowResult[] {
  return report.rows.filter((row) => row.status === 'disagree' && (row.peer === PSA_PEER || row.relation === 'same'));
}

/** docs/conformance.md: deterministic (sorted, no dates), so a rerun without changes is a no-op. */
export function renderMarkdown(report: ConformanceReport, rules: readonly Rule[] = RULES): string {
  const rows = [...report.rows].sort((a, b) =>
    a.peer < b.peer ? -1 : a.peer > b.peer ? 1 : a.check < b.check ? -1 : a.check > b.check ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  const podSecurity = new Set(rules.filter((r) => r.meta.family === 'pod-security').map((r) => r.meta.id));
  const out: string[] = [];
  out.push('# Conformance with the outside corpus', '');
  out.push(
    'Generated by `npm run conformance` from `../shared/corpus` (expectations.tsv and rule-map.tsv); do not edit by hand.',
    'A `same` row must reproduce the peer\'s pass/fail, a `looser-peer` row must fire on the peer\'s fail files, a',
    '`stricter-peer` row must stay silent on the peer\'s pass files; `partial` and `none` rows give no expectation.',
    'Pod Security Admission rows run at the level and policy version of the fixture, and a PSA pass fixture must',
    'not trigger any pod-security rule, because it passes the whole level. Agreement is over judged rows.',
    '',
  );
  const psa = tally(rows.filter((r) => r.peer === PSA_PEER));
  out.push(`**Pod Security Admission agreement: ${percent(agreement(psa))}** (${psa.agree} of ${psa.agree + psa.disagree + psa.deliberate} fixtures).`, '');

  out.push('## By peer', '', TABLE_HEAD.replace('{name}', 'peer'));
  for (const [peer, list] of groupBy(rows, (r) => r.peer)) out.push(tableRow(peer, tally(list)));
  out.push('');

  out.push('## By peer, pod-security rules only', '', TABLE_HEAD.replace('{name}', 'peer'));
  for (const [peer, list] of groupBy(rows.filter((r) => podSecurity.has(r.rule) || r.peer === PSA_PEER), (r) => r.peer)) {
    out.push(tableRow(peer, tally(list)));
  }
  out.push('');

  out.push('## By Kubeward rule', '', TABLE_HEAD.replace('{name}', 'rule'));
  for (const [rule, list] of groupBy(rows, (r) => r.rule)) out.push(tableRow(rule, tally(list)));
  out.push('');

  const listed = (title: string, status: RowStatus, empty: string) => {
    const selected = rows.filter((r) => r.status === status);
    out.push(`## ${title}`, '');
    if (selected.length === 0) {
      out.push(empty, '');
      return;
    }
    out.push('| peer | check | rule | relation | path | detail |', '|---|---|---|---|---|---|');
    for (const r of selected) out.push(`| ${r.peer} | ${cell(r.check)} | ${r.rule} | ${r.relation} | \`${cell(r.path)}\` | ${cell(r.detail)} |`);
    out.push('');
  };
  listed('Disagreements', 'disagree', 'None.');
  listed('Deliberate differences', 'deliberate', 'None.');
  if (report.staleExceptions.length > 0) {
    out.push('## Stale exceptions', '', 'These exceptions no longer match a disagreement and can be removed:', '');
    for (const e of report.staleExceptions) out.push(`- ${e.peer} ${e.check} \`${e.path}\``);
    out.push('');
  }
  const missing = groupBy(rows.filter((r) => r.status === 'not-implemented'), (r) => r.rule);
  out.push('## Not implemented yet', '');
  if (missing.size === 0) out.push('None.', '');
  else {
    for (const [rule, list] of missing) out.push(`- \`${rule}\`: ${list.length} ${list.length === 1 ? 'row' : 'rows'}`);
    out.push('');
  }
  return out.join('\n');
}

/** A short plain-text summary for the terminal. */
export function renderSummary(report: ConformanceReport): string {
  const lines: string[] = [];
  const pad = (s: string, n: number) => s + ' '.repeat(Math.max(1, n - s.length));
  lines.push(`${pad('peer', 24)}${pad('judged', 8)}${pad('agree', 8)}${pad('disagree', 10)}${pad('deliberate', 12)}agreement`);
  for (const [peer, list] of groupBy(report.rows, (r) => r.peer)) {
    const t = tally(list);
    lines.push(`${pad(peer, 24)}${pad(String(t.agree + t.disagree + t.deliberate), 8)}${pad(String(t.agree), 8)}${pad(String(t.disagree), 10)}${pad(String(t.deliberate), 12)}${percent(agreement(t))}`);
  }
  lines.push('', `${pad('rule', 32)}${pad('judged', 8)}${pad('agree', 8)}${pad('disagree', 10)}agreement`);
  for (const [rule, list] of groupBy(report.rows, (r) => r.rule)) {
    const t = tally(list);
    if (t.agree + t.disagree + t.deliberate === 0) continue;
    lines.push(`${pad(rule, 32)}${pad(String(t.agree + t.disagree + t.deliberate), 8)}${pad(String(t.agree), 8)}${pad(String(t.disagree), 10)}${percent(agreement(t))}`);
  }
  const gate = failures(report);
  if (gate.length > 0) {
    lines.push('', 'Disagreements that fail the gate (PSA, or same-relation rows):');
    for (const r of gate) lines.push(`  ${r.peer} ${r.check} ${r.path} [${r.rule}]: ${r.detail}`);
  }
  return lines.join('\n');
}
