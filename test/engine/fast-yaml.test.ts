import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Document as YamlDocument, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml';
import { analyzeText, type AnalysisResult } from '../../server/src/engine/analyze';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/engine/config';
import { parseFast, setFastYaml } from '../../server/src/engine/fast-yaml';
import { MAY_NOT_BE_STRING } from '../../server/src/engine/fast-yaml/parser';
import { CHUNK_OPTIONS, splitDocuments } from '../../server/src/engine/parse';
import { RULES } from '../../server/src/engine/rules';
import { mutated, SHARED_CORPUS, yamlNoise } from '../harness/fuzz';

const repo = path.resolve(__dirname, '..', '..', '..');
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 3000);

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(full));
    else if (/\.ya?ml$/i.test(entry.name) && fs.statSync(full).size < 2_000_000) out.push(full);
  }
  return out.sort();
}

/** The first difference between two nodes as `yaml` and the fast path built them, or undefined. */
function nodeDiff(fast: unknown, slow: unknown, at: string): string | undefined {
  if (fast === null || slow === null) return fast === slow ? undefined : `${at}: one side null`;
  // The fast path's nodes sit one prototype below yaml's classes (see markedPrototype).
  const kind = (node: unknown) => [(node as object).constructor, (node as Record<symbol, unknown>)[Symbol.for('yaml.node.type')]];
  const [fastKind, slowKind] = [kind(fast), kind(slow)];
  if (fastKind[0] !== slowKind[0] || fastKind[1] !== slowKind[1]) return `${at}: class ${(fast as object).constructor.name} vs ${(slow as object).constructor.name}`;
  if (isPair(fast) && isPair(slow)) return nodeDiff(fast.key, slow.key, `${at}.key`) ?? nodeDiff(fast.value, slow.value, `${at}.value`);
  const a = fast as Record<string, unknown>;
  const b = slow as Record<string, unknown>;
  if (JSON.stringify(a['range']) !== JSON.stringify(b['range'])) return `${at}: range ${JSON.stringify(a['range'])} vs ${JSON.stringify(b['range'])}`;
  for (const prop of ['type', 'flow', 'source', 'format', 'tag', 'anchor', 'minFractionDigits']) {
    if (a[prop] !== b[prop]) return `${at}: ${prop} ${String(a[prop])} vs ${String(b[prop])}`;
  }
  if ((fast as { schema?: unknown }).schema === undefined && (isMap(fast) || isSeq(fast))) return `${at}: collection without schema`;
  if (isScalar(fast) && isScalar(slow)) {
    const [x, y] = [fast.value, slow.value];
    const same = x instanceof Date && y instanceof Date ? x.getTime() === y.getTime() : Object.is(x, y);
    return same ? undefined : `${at}: value ${String(x)} (${typeof x}) vs ${String(y)} (${typeof y})`;
  }
  if ((isMap(fast) && isMap(slow)) || (isSeq(fast) && isSeq(slow))) {
    const [x, y] = [fast.items as unknown[], slow.items as unknown[]];
    if (x.length !== y.length) return `${at}: ${x.length} items vs ${y.length}`;
    for (let i = 0; i < x.length; i++) {
      const diff = nodeDiff(x[i], y[i], `${at}[${i}]`);
      if (diff) return diff;
    }
    return undefined;
  }
  return `${at}: unexpected node`;
}

function docDiff(fast: Document.Parsed, slow: Document.Parsed): string | undefined {
  if (slow.errors.length > 0 || slow.warnings.length > 0) return `yaml reports ${[...slow.errors, ...slow.warnings].map((e) => e.code).join(', ')}`;
  if (fast.errors.length > 0 || fast.warnings.length > 0) return 'fast path reports errors';
  if (JSON.stringify(fast.range) !== JSON.stringify(slow.range)) return `doc range ${JSON.stringify(fast.range)} vs ${JSON.stringify(slow.range)}`;
  if (fast.directives?.docStart !== slow.directives?.docStart) return 'docStart';
  if (JSON.stringify(fast.directives) !== JSON.stringify(slow.directives)) return 'directives';
  const { _directives: _a, ...fastOptions } = fast.options as Record<string, unknown>;
  const { _directives: _b, ...slowOptions } = slow.options as Record<string, unknown>;
  try {
    assert.deepStrictEqual(fastOptions, slowOptions);
    assert.deepStrictEqual(fast.toJS({ mapAsMap: true }), slow.toJS({ mapAsMap: true }));
    assert.deepStrictEqual(fast.toJS(), slow.toJS());
  } catch (error) {
    return String(error);
  }
  return nodeDiff(fast.contents, slow.contents, 'contents');
}

const stats = { chunks: 0, accepted: 0 };

/** Checks one chunk both ways; returns whether the fast path took it. */
function checkChunk(text: string): boolean {
  const fast = parseFast(text, CHUNK_OPTIONS);
  stats.chunks++;
  if (!fast) return false;
  stats.accepted++;
  const slow = parseAllDocuments(text, CHUNK_OPTIONS) as Document.Parsed[];
  if (fast.length !== slow.length) assert.fail(`fast path gives ${fast.length} documents, yaml ${slow.length}, for:\n${text}`);
  for (let i = 0; i < fast.length; i++) {
    const diff = docDiff(fast[i] as Document.Parsed, slow[i] as Document.Parsed);
    if (diff) assert.fail(`fast path differs from yaml (${diff}) for:\n${JSON.stringify(text)}`);
  }
  return true;
}

function checkText(text: string): number {
  let accepted = 0;
  for (const chunk of splitDocuments(text)) if (checkChunk(chunk.text)) accepted++;
  return accepted;
}

/** What an analysis reports, without the syntax trees (their comments are not rebuilt). */
function reported(result: AnalysisResult): unknown {
  return {
    findings: result.findings,
    suppressed: result.suppressed,
    notices: result.notices,
    failures: result.failures,
    objects: result.objects.map(({ object, offset }) => ({ offset, id: object.id, label: object.label, anchor: object.anchorSpan, root: object.root.span })),
    isKubernetes: result.isKubernetes,
  };
}

const SETTINGS: Settings = { ...DEFAULT_SETTINGS, profile: 'all', today: '2025-01-01' };

function analyzeBothWays(text: string, settings: Settings = SETTINGS): void {
  setFastYaml(false);
  let slow: unknown;
  try {
    slow = reported(analyzeText(text, { settings }));
  } finally {
    setFastYaml(true);
  }
  const fast = reported(analyzeText(text, { settings }));
  assert.deepStrictEqual(fast, slow, `analysis differs with the fast path for:\n${text}`);
}

function seedTexts(): { name: string; text: string }[] {
  const files = [...yamlFiles(path.join(repo, 'examples')), ...yamlFiles(path.join(repo, 'test', 'fixtures'))];
  const texts = files.map((file) => ({ name: path.relative(repo, file), text: fs.readFileSync(file, 'utf8') }));
  for (const rule of RULES) {
    texts.push({ name: `${rule.meta.id} docs.bad`, text: rule.meta.docs.bad }, { name: `${rule.meta.id} docs.good`, text: rule.meta.docs.good });
  }
  return texts;
}

// Manifest-shaped YAML inside (and at the edges of) the subset the fast path takes.
const plainWord = fc.constantFrom(
  'web', 'nginx:1.25', 'true', 'yes', 'No', 'ON', 'off', 'y', 'n', '~', 'null', 'Null', '', '0755', '0o17', '0x1F', '-12', '+3', '1_000',
  '1:30', '.5', '1e3', '1.0', '.inf', '-.Inf', '.NaN', '2024-01-01', '2001-12-14t21:59:43.10-05:00', 'a b', 'a#b', 'x:y', 'http://x/y',
  '100m', '128Mi', 'e1', 'E5x', '-x', '?x', ':x', 'é', '😀', 'a  b', '0b101', '0.', '1.', '190:20:30.15', '685_230.15', 'TRUE', 'False', '<<', '-', 'a {b}', '[x]',
);
const quoted = fc.oneof(
  fc.string({ maxLength: 8 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('"a\\tb"', '"\\u00e9\\x41\\U0001F600"', '"\\q"', '"\\"x\\""', '"\\/"', "'it''s'", "''", '""', "'a\"b'", '"a \\\n b"'),
  fc.string({ maxLength: 6 }).map((s) => `'${s.replace(/'/g, "''")}'`),
);
const scalarText = fc.oneof(plainWord, quoted);
function flowArb(tame: boolean): fc.Arbitrary<string> {
  return fc.letrec<{ flow: string }>((tie) => ({
    flow: fc.oneof(
      { depthSize: 'small' },
      fc.array(fc.oneof(scalarText, tie('flow')), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
      fc.array(fc.tuple(fc.oneof(plainWord, quoted), fc.oneof(scalarText, tie('flow'))), { maxLength: 3 }).map((pairs) => `{${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
      tame
        ? fc.constantFrom('[ ]', '{ }', '[a , b ]', '{a: 1 , b: [x] }', '[ {x: y}, [z] ]')
        : fc.constantFrom('[ ]', '{ }', '[a , b ]', '[a,b]', '{a: 1 , b: [x] }', '[a, ]', '{a: }', '{a:b}', '[a: b]', '[ {x: y}, [z] ]', '[a,\n  b]'),
    ),
  })).flow;
}
type Line = { indent: number; text: string };
const keyText = fc.oneof({ weight: 5, arbitrary: fc.constantFrom('name', 'image', 'a', 'app.kubernetes.io/name', 'y', '1', 'true', 'k-1') }, { weight: 1, arbitrary: fc.oneof(quoted, plainWord) });

function linesArb(tame: boolean): fc.Arbitrary<Line[]> {
  const comment = tame ? fc.constantFrom('', '', ' # note', '  #x') : fc.constantFrom('', '', '', ' # note', '  #x', '#x');
  const blockScalar = tame
    ? fc.tuple(fc.constantFrom('|', '|-', '>', '>-', '| # c'), fc.array(fc.constantFrom('line', 'a b', '', '# not a comment', 'x: y'), { minLength: 1, maxLength: 4 }))
    : fc.tuple(fc.constantFrom('|', '|-', '>', '>-', '|+', '|2', '>- # c'), fc.array(fc.constantFrom('line', 'a b', '', '  more', '# not a comment', '   '), { maxLength: 4 }));
  const flowText = flowArb(tame);
  return fc.letrec<{ map: Line[]; seq: Line[]; value: { inline?: string; block?: Line[] } }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.tuple(scalarText, comment).map(([v, c]) => ({ inline: `${v}${c}` })),
      flowText.map((f) => ({ inline: f })),
      blockScalar.map(([header, lines]) => ({ inline: header, block: lines.map((text) => ({ indent: 2, text })) })),
      tie('map').map((block) => ({ block })),
      tie('seq').map((block) => ({ block })),
      fc.constant({ inline: '' }),
    ),
    map: fc.array(fc.tuple(keyText, tie('value'), fc.constantFrom(0, 0, 0, 1)), { minLength: 1, maxLength: 4 }).map((entries) =>
      entries.flatMap(([key, value, extra]) => {
        const head: Line = { indent: 0, text: `${key}:${value.inline !== undefined && value.inline !== '' ? ` ${value.inline}` : ''}` };
        const body = (value.block ?? []).map((l) => ({ indent: l.indent + 2, text: l.text }));
        const spacer: Line[] = extra ? [{ indent: 0, text: '' }] : [];
        return [head, ...body, ...spacer];
      }),
    ),
    seq: fc.array(tie('value'), { minLength: 1, maxLength: 3 }).map((items) =>
      items.flatMap((value) => {
        if (value.inline !== undefined) return [{ indent: 0, text: `- ${value.inline}` }, ...(value.block ?? []).map((l) => ({ indent: l.indent + 2, text: l.text }))];
        const [first, ...rest] = value.block ?? [];
        if (!first) return [{ indent: 0, text: '-' }];
        return [{ indent: 0, text: `- ${' '.repeat(first.indent)}${first.text}` }, ...rest.map((l) => ({ indent: l.indent + 2, text: l.text }))];
      }),
    ),
  })).map;
}

/**
 * Renders the lines with own-line comments: tame ones at the column of the line they precede
 * (the common style), wild ones anywhere, where `yaml` stretches ranges over them.
 */
function manifestArb(tame: boolean): fc.Arbitrary<string> {
  return fc
    .tuple(
      linesArb(tame),
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 8 })), { maxLength: tame ? 2 : 3 }),
      fc.constantFrom('', '---\n', '# head\n---\n', '--- # c\n', '\n# c\n'),
      tame ? fc.constantFrom('', '\n', '\n\n', '# tail\n') : fc.constantFrom('', '\n', '\n\n', '# tail\n', '  # tail\n'),
      fc.boolean(),
    )
    .map(([lines, comments, head, tail, compactSeqs]) => {
      const rendered = lines.map((line) => `${' '.repeat(line.indent)}${line.text}`);
      for (const [at, column] of comments) {
        const i = at % (rendered.length + 1);
        const indent = tame ? /^ */.exec(rendered[i] ?? '')?.[0].length ?? 0 : column;
        rendered.splice(i, 0, `${' '.repeat(indent)}# c`);
      }
      let text = head + rendered.join('\n') + (rendered.length ? '\n' : '') + tail;
      if (compactSeqs) text = text.replace(/:\n {2}(- )/g, ':\n$1');
      return text;
    });
}

const manifestText = fc.oneof({ weight: 3, arbitrary: manifestArb(true) }, { weight: 2, arbitrary: manifestArb(false) });

describe('fast YAML path: differential against yaml', () => {
  it('builds the same documents as yaml for the examples, fixtures and rule docs', () => {
    let chunks = 0;
    let accepted = 0;
    for (const { text } of seedTexts()) {
      chunks += splitDocuments(text).length;
      accepted += checkText(text);
    }
    console.log(`fast path took ${accepted} of ${chunks} chunks of the examples, fixtures and rule docs`);
    assert.ok(accepted > chunks / 2);
  });

  it('builds the same documents as yaml for the shared corpus', (t) => {
    const files = yamlFiles(SHARED_CORPUS);
    if (files.length === 0) {
      t.skip(`no shared corpus at ${SHARED_CORPUS}`);
      return;
    }
    let chunks = 0;
    let accepted = 0;
    let bytes = 0;
    let acceptedBytes = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const chunk of splitDocuments(text)) {
        chunks++;
        bytes += chunk.text.length;
        if (checkChunk(chunk.text)) {
          accepted++;
          acceptedBytes += chunk.text.length;
        }
      }
    }
    console.log(
      `fast path acceptance over the shared corpus (${files.length} files): ${accepted}/${chunks} chunks (${((100 * accepted) / chunks).toFixed(1)}%), ` +
        `${((100 * acceptedBytes) / bytes).toFixed(1)}% of the bytes`,
    );
  });

  it('matches yaml on generated manifests', () => {
    const before = stats.accepted;
    fc.assert(fc.property(manifestText, (text) => void checkText(text)), { numRuns: RUNS, seed: 42 });
    const taken = stats.accepted - before;
    console.log(`generated manifests: ${taken} chunks took the fast path`);
    assert.ok(taken > RUNS / 10, `only ${taken} generated chunks took the fast path`);
  });

  it('matches yaml on mutated seeds and YAML noise', () => {
    const seeds = seedTexts().map((s) => s.text);
    fc.assert(fc.property(mutated(seeds), (text) => void checkText(text)), { numRuns: RUNS, seed: 7 });
    fc.assert(fc.property(yamlNoise, (text) => void checkText(text)), { numRuns: RUNS, seed: 11 });
  });

  it('reuses yaml classes so that readers and toJS work unchanged', () => {
    const [doc] = parseFast('a: yes\nb: 0755\nc: [x, {d: e}]\n', CHUNK_OPTIONS) ?? [];
    assert.ok(doc && isMap(doc.contents));
    assert.deepEqual(doc.toJS(), { a: true, b: 493, c: ['x', { d: 'e' }] });
  });

  it('types as strings only plain scalars whose first character no YAML 1.1 tag accepts', () => {
    const tags = (new YamlDocument(undefined, CHUNK_OPTIONS).schema.tags as { default?: unknown; test?: RegExp }[]).filter((tag) => tag.default && tag.test);
    const suffixes = ['', 'es', 'ES', 'ull', 'ULL', 'rue', 'alse', 'ff', 'n', 'N', '1', '0', '.5', 'e3', 'x1', 'b1', 'o7', '_0', ':30', '-01-01', 'inf', 'nan', 'x', '<'];
    for (let code = 0; code < 0x3000; code++) {
      if (MAY_NOT_BE_STRING[code]) continue;
      for (const suffix of suffixes) {
        const source = String.fromCharCode(code) + suffix;
        const tag = tags.find((t) => t.test?.test(source));
        assert.equal(tag, undefined, `${JSON.stringify(source)} is not a string in YAML 1.1`);
      }
    }
  });

  it('falls back to yaml outside the subset', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', '%YAML 1.1\n---\na: 1\n', 'a: 1\na: 2\n', 'a:\tb\n', '\ufeffa: 1\n', 'a: 1\n...\n', '? a\n: b\n', 'a: b\n  c\n', 'a: "x\n  y"\n', 'a: |2\n  x\n', '<<: {a: 1}\n', 'a: 1\r\n', '']) {
      assert.equal(parseFast(text, CHUNK_OPTIONS), undefined, JSON.stringify(text));
    }
  });
});

describe('fast YAML path: analysis is unchanged', () => {
  it('reports the same findings, spans, messages and fixes for every seed', () => {
    for (const { text } of seedTexts()) analyzeBothWays(text);
  });

  it('reports the same for the shared corpus', (t) => {
    const files = yamlFiles(SHARED_CORPUS);
    if (files.length === 0) {
      t.skip(`no shared corpus at ${SHARED_CORPUS}`);
      return;
    }
    for (const file of files) analyzeBothWays(fs.readFileSync(file, 'utf8'));
  });

  it('reports the same for generated and mutated manifests', () => {
    const seeds = seedTexts().map((s) => s.text);
    const runs = Math.max(50, Math.floor(RUNS / 10));
    fc.assert(fc.property(manifestText, (text) => analyzeBothWays(text)), { numRuns: runs, seed: 5 });
    fc.assert(fc.property(mutated(seeds), (text) => analyzeBothWays(text)), { numRuns: runs, seed: 6 });
  });
});
