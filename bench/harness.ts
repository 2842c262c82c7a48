/**
 * A small benchmark harness. Cases of one suite run interleaved (A B C, B C A, ...) so that
 * drift in machine load — these are shared 2-core machines — hits every case alike, and the
 * median of the rounds is reported rather than the mean, which one slow round would skew.
 * Process CPU time is recorded beside wall time: on a busy machine wall time mostly measures
 * the wait for a core, while CPU time stays close to what the work costs.
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
  /** Gets the medians of wall time and of CPU time, by case name. */
  derive?(medians: ReadonlyMap<string, number>, cpuMedians: ReadonlyMap<string, number>): readonly Derived[];
  teardown?(): Promise<void> | void;
}

export interface CaseResult {
  readonly name: string;
  /** Wall-clock milliseconds per run. */
  readonly samples: readonly number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Process CPU milliseconds (user + system, all threads) per run. */
  readonly cpuSamples: readonly number[];
  readonly cpuMedian: number;
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

async function time(benchCase: BenchCase): Promise<{ wall: number; cpu: number }> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = benchCase.run();
  if (result instanceof Promise) await result;
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/** Runs a suite: `warmup` untimed rounds, then `rounds` timed ones, each starting at the next case. */
export async function runSuite(suite: Suite, options: { rounds: number; warmup: number }): Promise<SuiteResult> {
  const facts = (await suite.setup?.()) ?? {};
  const samples = new Map<string, number[]>(suite.cases.map((c) => [c.name, []]));
  const cpuSamples = new Map<string, number[]>(suite.cases.map((c) => [c.name, []]));
  const count = suite.cases.length;
  for (let round = 0; round < options.warmup + options.rounds; round++) {
    for (let i = 0; i < count; i++) {
      const benchCase = suite.cases[(round + i) % count] as BenchCase;
      const measured = await time(benchCase);
      if (round >= options.warmup) {
        samples.get(benchCase.name)?.push(measured.wall);
        cpuSamples.get(benchCase.name)?.push(measured.cpu);
      }
    }
  }
  await suite.teardown?.();
  const cases = suite.cases.map((c) => {
    const values = samples.get(c.name) ?? [];
    const cpu = cpuSamples.get(c.name) ?? [];
    return { name: c.name, samples: values, median: median(values), min: Math.min(...values), max: Math.max(...values), cpuSamples: cpu, cpuMedian: median(cpu) };
  });
  const medians = new Map(cases.map((c) => [c.name, c.median]));
  const cpuMedians = new Map(cases.map((c) => [c.name, c.cpuMedian]));
  return { suite, facts, cases, derived: suite.derive?.(medians, cpuMedians) ?? [] };
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

export const CASE_HEADER = ['case', 'median (wall)', 'min', 'max', 'median (CPU)', 'runs'] as const;

export function caseRows(result: SuiteResult): string[][] {
  return result.cases.map((c) => [c.name, ms(c.median), ms(c.min), ms(c.max), ms(c.cpuMedian), String(c.samples.length)]);
}

/** `a / b` of two medians as `1.23×`, for wall and CPU time. */
export function ratio(name: string, numerator: string, denominator: string, medians: ReadonlyMap<string, number>, cpuMedians: ReadonlyMap<string, number>): Derived[] {
  const of = (m: ReadonlyMap<string, number>) => ((m.get(numerator) ?? NaN) / (m.get(denominator) ?? NaN)).toFixed(2);
  return [{ name, value: `${of(medians)}× wall, ${of(cpuMedians)}× CPU` }];
}
