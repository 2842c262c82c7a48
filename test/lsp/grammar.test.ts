import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { REPO_ROOT } from '../harness/lsp-client';

/**
 * The injection grammar, checked without VS Code: the JSON is valid, package.json contributes it,
 * and its regexes — written in the subset Oniguruma and JavaScript share (fixed-length lookbehind,
 * no \G, \h or possessive quantifiers) — tokenize sample comment lines as intended.
 */

interface Rule {
  readonly match?: string;
  readonly begin?: string;
  readonly end?: string;
  readonly name?: string;
  readonly captures?: Record<string, { name: string }>;
  readonly beginCaptures?: Record<string, { name: string }>;
  readonly patterns?: readonly { include: string }[];
}

interface Grammar {
  readonly scopeName: string;
  readonly injectionSelector: string;
  readonly patterns: readonly { include: string }[];
  readonly repository: Record<string, Rule>;
}

const GRAMMAR_FILE = path.join(REPO_ROOT, 'syntaxes', 'kubeward-directives.injection.json');
const grammar = JSON.parse(fs.readFileSync(GRAMMAR_FILE, 'utf8')) as Grammar;
const rule = (include: string) => grammar.repository[include.replace(/^#/, '')] as Rule;

/** Scope → text of each token, for the comment line `line` (which holds the `#`). */
function tokenize(line: string): [string, string][] {
  const tokens: [string, string][] = [];
  const directive = rule('#directive');
  const begin = new RegExp(directive.begin as string, 'd').exec(line);
  if (!begin) return tokens;
  const keyword = begin.indices?.[1] as [number, number];
  tokens.push([directive.beginCaptures?.['1']?.name as string, line.slice(...keyword)]);
  let at = begin.index + begin[0].length;
  const inner = (directive.patterns ?? []).map((p) => rule(p.include));
  while (at < line.length) {
    // TextMate takes the earliest match; on a tie, the first pattern listed.
    let best: { rule: Rule; match: RegExpExecArray } | undefined;
    for (const candidate of inner) {
      const regex = new RegExp(candidate.match as string, 'gd');
      regex.lastIndex = at;
      const match = regex.exec(line);
      if (match && (!best || match.index < best.match.index)) best = { rule: candidate, match };
    }
    if (!best) break;
    const { rule: found, match } = best;
    if (found.name) tokens.push([found.name, match[0]]);
    for (const [group, capture] of Object.entries(found.captures ?? {})) {
      const span = match.indices?.[Number(group)];
      if (span) tokens.push([capture.name, line.slice(...span)]);
    }
    at = match.index + Math.max(1, match[0].length);
  }
  return tokens;
}

describe('TextMate injection grammar for directives', () => {
  test('is valid, injects into YAML line comments, and is contributed with injectTo source.yaml', () => {
    assert.equal(grammar.scopeName, 'kubeward.directives.injection');
    assert.equal(grammar.injectionSelector, 'L:comment.line.number-sign.yaml');
    for (const include of grammar.patterns.map((p) => p.include)) assert.ok(rule(include), include);
    for (const [name, value] of Object.entries(grammar.repository)) {
      for (const source of [value.match, value.begin, value.end]) {
        if (source === undefined) continue;
        assert.doesNotThrow(() => new RegExp(source), name);
        assert.ok(!/\\[GhHAzZ]|\(\?>|[*+?]\+/.test(source), `${name} uses a construct JavaScript does not share with Oniguruma`);
      }
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { grammars: { scopeName: string; path: string; injectTo: string[] }[] } };
    const contributed = pkg.contributes.grammars.find((g) => g.scopeName === grammar.scopeName);
    assert.ok(contributed);
    assert.deepEqual(contributed.injectTo, ['source.yaml']);
    assert.equal(path.resolve(REPO_ROOT, contributed.path), GRAMMAR_FILE);
  });

  test('highlights the keyword, each rule id and the reason', () => {
    assert.deepEqual(tokenize('      # kubeward-disable-next-line privileged, host-namespaces -- GPU driver needs it'), [
      ['keyword.control.directive.kubeward', 'kubeward-disable-next-line'],
      ['entity.name.type.rule-id.kubeward', 'privileged'],
      ['punctuation.separator.comma.kubeward', ','],
      ['entity.name.type.rule-id.kubeward', 'host-namespaces'],
      ['punctuation.separator.reason.kubeward', '--'],
      ['string.unquoted.reason.kubeward', 'GPU driver needs it'],
    ]);
    assert.deepEqual(tokenize('    privileged: true #kubeward-disable-line privileged'), [
      ['keyword.control.directive.kubeward', 'kubeward-disable-line'],
      ['entity.name.type.rule-id.kubeward', 'privileged'],
    ]);
    assert.deepEqual(tokenize('# kubeward-disable *'), [
      ['keyword.control.directive.kubeward', 'kubeward-disable'],
      ['entity.name.type.rule-id.kubeward', '*'],
    ]);
    assert.deepEqual(tokenize('# kubeward-disable-next-line -- '), [
      ['keyword.control.directive.kubeward', 'kubeward-disable-next-line'],
      ['punctuation.separator.reason.kubeward', '--'],
    ]);
  });

  test('leaves other comments alone', () => {
    assert.deepEqual(tokenize('# see kubeward-disable in the docs'), []);
    assert.deepEqual(tokenize('# kubeward-disabled privileged'), []);
    assert.deepEqual(tokenize('key: value'), []);
  });
});
