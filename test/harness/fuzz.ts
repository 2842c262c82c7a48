import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { analyzeText, type AnalysisResult } from '../../server/src/engine/analyze';
import { applyEdits } from '../../server/src/engine/apply';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/engine/config';
import { parseConfigText } from '../../server/src/engine/config-file';
import { fixAll, fixKeepsSyntax } from '../../server/src/engine/fix-all';
import { RULES } from '../../server/src/engine/rules';

const repo = path.resolve(__dirname, '..', '..', '..');
export const SHARED_CORPUS = path.resolve(repo, '..', 'shared', 'corpus');

/** Every manifest we can seed mutations from: examples, test fixtures, rule docs, and the shared corpus when present. */
export function seedManifests(): string[] {
  const seeds = RULES.flatMap((rule) => [rule.meta.docs.bad, rule.meta.docs.good]);
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ya?ml|json)$/i.test(entry.name) && fs.statSync(full).size < 200_000) seeds.push(fs.readFileSync(full, 'utf8'));
    }
  };
  walk(path.join(repo, 'examples'));
  walk(path.join(repo, 'test', 'fixtures'));
  walk(SHARED_CORPUS);
  return seeds;
}

const YAML_ALPHABET = [':', ' ', '  ', '\n', '\r\n', '\r', '\t', '-', '- ', '#', '{', '}', '[', ']', ',', '&a', '*a', '!', '!!str', '|', '>', "'", '"', '%', '@', '`', '?', '<<: *a', '---', '...', '\0', '\uFEFF', 'true', 'yes', '0755', 'null', '~', '{{ .Values.x }}', 'apiVersion: v1', 'kind: Pod', 'securityContext:', 'privileged: true', 'containers:', 'x', '\u00e9', '\ud83d\ude00', '\ud800'];

/** A random edit of a seed: the mutations that turn real files into the broken ones users type. */
export function mutated(seeds: readonly string[]): fc.Arbitrary<string> {
  const token = fc.constantFrom(...YAML_ALPHABET);
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.array(token, { minLength: 1, maxLength: 6 }).map((t) => t.join('')) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
    fc.record({ kind: fc.constant('crlf' as const) }),
  );
  return fc.record({ seed: fc.constantFrom(...seeds), steps: fc.array(mutation, { minLength: 1, maxLength: 5 }) }).map(({ seed, steps }) => {
    let text = seed;
    for (const step of steps) {
      const at = text.length === 0 ? 0 : ('at' in step ? step.at % (text.length + 1) : 0);
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      const lineEnd = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at) + 1;
      switch (step.kind) {
        case 'insert': text = text.slice(0, at) + step.text + text.slice(at); break;
        case 'delete': text = text.slice(0, at) + text.slice(at + step.length); break;
        case 'truncate': text = text.slice(0, at); break;
        case 'duplicate-line': text = text.slice(0, lineEnd) + text.slice(lineStart, lineEnd) + text.slice(lineEnd); break;
        case 'indent': text = step.by >= 0 ? text.slice(0, lineStart) + ' '.repeat(step.by) + text.slice(lineStart) : text.slice(0, lineStart) + text.slice(lineStart).replace(new RegExp(`^ {0,${-step.by}}`), ''); break;
        case 'crlf': text = text.replace(/\r?\n/g, '\r\n'); break;
      }
    }
    return text;
  });
}

/** Random text over YAML's special characters and Kubernetes keywords. */
export const yamlNoise: fc.Arbitrary<string> = fc.array(fc.constantFrom(...YAML_ALPHABET), { maxLength: 80 }).map((t) => t.join(''));

/** Inputs built to stress the parser: nesting, size, aliases. */
export const pathological: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: 5000 }).map((n) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: ${'['.repeat(n)}${']'.repeat(n)}\n`),
  fc.integer({ min: 1, max: 500 }).map((n) => `apiVersion: v1\nkind: ConfigMap\ndata:\n${Array.from({ length: n }, (_, i) => `${' '.repeat(2 * i + 2)}k${i}:`).join('\n')} v\n`),
  fc.integer({ min: 1, max: 12 }).map((depth) => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < depth; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: bomb\n  annotations:\n${lines.map((l) => `    ${l}`).join('\n')}\nspec:\n  containers: *a${depth - 1}\n`;
  }),
  fc.integer({ min: 1, max: 200_000 }).map((n) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  k: ${'x'.repeat(n)}\n`),
);

export interface InvariantOptions {
  readonly settings?: Settings;
  readonly checkFixes?: boolean;
}

function parses(text: string): boolean {
  return parseAllDocuments(text, { version: '1.1' }).every((doc) => doc.errors.length === 0);
}

/**
 * The engine's contract on any input: no exception, spans inside the text, and every fix on a
 * parseable document yields parseable YAML, touches only its own document, and converges.
 */
export function checkEngineInvariants(text: string, options: InvariantOptions = {}): AnalysisResult {
  const settings = options.settings ?? { ...DEFAULT_SETTINGS, profile: 'all' as const };
  const result = analyzeText(text, { settings });
  for (const finding of [...result.findings, ...result.suppressed]) {
    if (!(finding.span.start >= 0 && finding.span.start <= finding.span.end && finding.span.end <= text.length)) {
      throw new Error(`finding ${finding.ruleId} has span ${JSON.stringify(finding.span)} outside a text of ${text.length}`);
    }
  }
  if (result.failures.length > 0) throw new Error(`rule ${result.failures[0]?.ruleId} threw: ${result.failures[0]?.error}`);
  if (options.checkFixes !== false && parses(text)) {
    for (const finding of result.findings) {
      if (!finding.fix) continue;
      for (const edit of finding.fix.edits) {
        if (edit.start < 0 || edit.end > text.length || edit.start > edit.end) throw new Error(`fix of ${finding.ruleId} edits outside the text`);
      }
      const fixed = applyEdits(text, finding.fix.edits);
      // A fix reaches users only through fixKeepsSyntax (quick fixes) or fix-all (checked below),
      // so the contract is that no fix the guard lets through breaks the YAML. On text yaml reads
      // strangely (a lone CR inside a value, a comment splitting a plain scalar, an anchor on an
      // empty value) a fix cannot always be written around it; fuzzing found such cases, and the
      // ones the fixer could avoid are fixed and covered in test/engine/fixer.test.ts.
      const tolerated = !fixKeepsSyntax(text, finding.fix.edits);
      if (!parses(fixed) && !tolerated) throw new Error(`fix "${finding.fix.title}" of ${finding.ruleId} breaks the YAML:\n${fixed}`);
      if (tolerated) continue;
      const before = parseAllDocuments(text, { version: '1.1' }).length;
      const after = parseAllDocuments(fixed, { version: '1.1' }).length;
      if (before !== after) throw new Error(`fix of ${finding.ruleId} changed the number of documents`);
    }
    const all = fixAll(text, { settings, unsafe: true });
    if (!parses(all.text)) throw new Error(`fix-all breaks the YAML:\n${all.text}`);
    if (fixAll(all.text, { settings, unsafe: true }).text !== all.text && all.passes < 10) throw new Error('fix-all does not converge');
  }
  return result;
}

/** The config loader's contract: no exception on any text, problems inside the text. */
export function checkConfigInvariants(text: string): void {
  const { problems } = parseConfigText(text);
  for (const problem of problems) {
    if (problem.span.start < 0 || problem.span.end > text.length || problem.span.start > problem.span.end) {
      throw new Error(`config problem span ${JSON.stringify(problem.span)} outside a text of ${text.length}`);
    }
  }
}
