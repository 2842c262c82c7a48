/**
 * The in-process engine suites (whole-file analysis and a one-line edit against the bare `yaml`
 * parse). `npm run bench` (bench/main.ts) runs this script and embeds its report; on its own:
 * `node out/bench/run.js [--rounds N] [--warmup N] [--only <suite-id>] [--out FILE]`, which
 * writes bench/results/engine.md (not committed) unless `--out` says otherwise.
 * To add an in-process measurement, write a Suite in bench/suites/ and list it in SUITES.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { caseRows, CASE_HEADER, markdownTable, runSuite, textTable, type Suite, type SuiteResult } from './harness';
import { oneLineEdit, sinkValue, wholeFile } from './suites/analyze';

const SUITES: readonly Suite[] = [wholeFile, oneLineEdit];

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at !== -1 && process.argv[at + 1] ? (process.argv[at + 1] as string) : fallback;
}

function environment(): Record<string, string> {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpu: `${cpus[0]?.model.trim() ?? 'unknown'} × ${cpus.length}`,
    'load average (1 min) at start': os.loadavg()[0]?.toFixed(2) ?? '?',
    date: new Date().toISOString().slice(0, 10),
  };
}

function markdown(results: readonly SuiteResult[], env: Record<string, string>, rounds: number, warmup: number): string {
  let out = '# Engine benchmark results\n\nWritten by bench/run.ts; medians of interleaved rounds.\n\n';
  out += `${Object.entries(env).map(([k, v]) => `- ${k}: ${v}`).join('\n')}\n- rounds: ${rounds} timed, ${warmup} warm-up\n`;
  const load = os.loadavg()[0] ?? 0;
  if (load > os.cpus().length) {
    out += `\nThe machine was busy (load ${load.toFixed(1)} on ${os.cpus().length} cores at the end): wall times include waiting for a core, so the CPU column is the better measure of the work.\n`;
  }
  for (const result of results) {
    out += `\n## ${result.suite.title}\n\n${result.suite.description}\n\n`;
    const facts = Object.entries(result.facts);
    if (facts.length > 0) out += `Input: ${facts.map(([k, v]) => `${k} ${typeof v === 'number' ? v.toLocaleString('en-US') : v}`).join(', ')}.\n\n`;
    out += `${markdownTable(CASE_HEADER, caseRows(result))}\n`;
    for (const d of result.derived) out += `\n**${d.name}: ${d.value}**\n`;
  }
  return out;
}

async function main(): Promise<void> {
  const rounds = Math.max(1, Number(option('--rounds', '5')));
  const warmup = Math.max(0, Number(option('--warmup', '1')));
  const only = option('--only', '');
  const env = environment();
  console.log(Object.entries(env).map(([k, v]) => `${k}: ${v}`).join('\n'));
  const results: SuiteResult[] = [];
  for (const suite of SUITES.filter((s) => !only || s.id === only)) {
    console.log(`\n${suite.title}`);
    const result = await runSuite(suite, { rounds, warmup });
    const facts = Object.entries(result.facts);
    if (facts.length > 0) console.log(facts.map(([k, v]) => `${k}: ${v}`).join(', '));
    console.log(textTable(CASE_HEADER, caseRows(result)));
    for (const d of result.derived) console.log(`${d.name}: ${d.value}`);
    results.push(result);
  }
  // out/bench/run.js → the repository's bench/results/ folder.
  const target = path.resolve(option('--out', path.resolve(__dirname, '..', '..', 'bench', 'results', 'engine.md')));
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, markdown(results, env, rounds, warmup));
  console.log(`\nWrote ${path.relative(process.cwd(), target)} (checksum ${sinkValue()}).`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
