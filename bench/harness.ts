/**
 * A small benchmark harness. Cases of one suite run interleaved (A B C, B C A, ...) so that
 * drift in machine load — these are shared 2-core machines — hits every case alike, and the
 * median of the rounds is reported rather than the mean, which one slow round would skew.
 */
import { performance } from 'node:perf_hooks';

export interface BenchCase {
  readonly name: string;
  /** One timed run. May return a promise, for cases that talk to another process (LSP, CLI). */
  run(): unknown;
}

/** A derived figure computed from the cases' medians, e.g. a ratio. */
export interface Derived {
  readonly name: string;
  readonly value: string;
}

export interface Suite {
  readonly id: string;
  readonly title: string;
  /** What is measured, in a sentence or two; goes into results.md. */
  readonly description: string;
  /** Facts about the input (size, document count, findings), computed once. */
  setup?(): Promise<Record<string, string | number>> | Record<string, string | number>;
  readonly cases: readonly BenchCase[];
  derive?(medians: ReadonlyMap<string, number>): readonly Derived[];
  teardown?(): Promise<void> | void;
}

export interface CaseResult {
  readonly name: string;
  readonly samples: readonly number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export interface SuiteResult {
  readonly suite: Suite;
  readonly facts: Record<string, string | number>;
  readonly cases: readonly CaseResult[];
  readonly derived: readonly Derived[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function time(benchCase: BenchCase): Promise<number> {
  const start = performance.now();
  const result = benchCase.run();
  if (result instanceof Promise) await result;
  return performance.now() - start;
}

/** Runs a suite: `warmup` untimed rounds, then `rounds` timed ones, each starting at the next case. */
export async function runSuite(suite: Suite, options: { rounds: number; warmup: number }): Promise<SuiteResult> {
  const facts = (await suite.setup?.()) ?? {};
  const samples = new Map<string, number[]>(suite.cases.map((c) => [c.name, []]));
  const count = suite.cases.length;
  for (let round = 0; round < options.warmup + options.rounds; round++) {
    for (let i = 0; i < count; i++) {
      const benchCase = suite.cases[(round + i) % count] as BenchCase;
      const ms = await time(benchCase);
      if (round >= options.warmup) samples.get(benchCase.name)?.push(ms);
    }
  }
  await suite.teardown?.();
  const cases = suite.cases.map((c) => {
    const values = samples.get(c.name) ?? [];
    return { name: c.name, samples: values, median: median(values), min: Math.min(...values), max: Math.max(...values) };
  });
  const medians = new Map(cases.map((c) => [c.name, c.median]));
  return { suite, facts, cases, derived: suite.derive?.(medians) ?? [] };
}

export function ms(value: number): string {
  return value >= 100 ? `${value.toFixed(0)} ms` : value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(2)} ms`;
}

/** A plain-text table for the terminal. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The same table as GitHub markdown. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map(line)].join('\n');
}

export const CASE_HEADER = ['case', 'median', 'min', 'max', 'runs'] as const;

export function caseRows(result: SuiteResult): string[][] {
  return result.cases.map((c) => [c.name, ms(c.median), ms(c.min), ms(c.max), String(c.samples.length)]);
}
