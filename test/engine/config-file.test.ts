import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findConfigFile, globToRegExp, loadConfigFile, matchesAny, parseConfigText, settingsForFile } from '../../server/src/engine/config-file';
import { normalizeSettings } from '../../server/src/engine/config';
import { RULE_IDS } from '../../server/src/engine/rules';

const spanText = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

describe('parseConfigText', () => {
  it('accepts a full, valid file and reads off as the string "off"', () => {
    const text = [
      'profile: baseline',
      'podSecurity: {version: v1.30}',
      'rules:',
      '  privileged: off',
      '  low-uid: info',
      'exclude: ["charts/**"]',
      'ignores:',
      '  - rules: [run-as-non-root]',
      '    kind: DaemonSet',
      '    reason: node agent',
      '    expires: 2027-01-31',
      'overrides:',
      '  - files: ["dev/**"]',
      '    profile: all',
      '',
    ].join('\n');
    const { raw, problems } = parseConfigText(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(raw['rules'], { privileged: 'off', 'low-uid': 'info' });
    const settings = normalizeSettings(raw, RULE_IDS);
    assert.equal(settings.profile, 'baseline');
    assert.equal(settings.pssVersion.minor, 30);
    assert.equal(settings.ignores[0]?.expires, '2027-01-31');
  });

  it('locates an unknown setting on its key and keeps the rest', () => {
    const text = 'profile: baseline\nprofle: all\n';
    const { raw, problems } = parseConfigText(text);
    assert.equal(problems.length, 1);
    assert.equal(spanText(text, problems[0]!.span), 'profle');
    assert.match(problems[0]!.message, /"profle" is not a Kubeward setting/);
    assert.deepEqual(raw, { profile: 'baseline' });
  });

  it('locates a bad value on the value', () => {
    const text = 'rules:\n  privileged: loud\n';
    const { problems } = parseConfigText(text);
    assert.equal(spanText(text, problems[0]!.span), 'loud');
    assert.match(problems[0]!.message, /rules\.privileged must be one of: off, error, warning, info, hint\./);
  });

  it('requires a reason on ignores and a YYYY-MM-DD expiry', () => {
    const text = 'ignores:\n  - rules: privileged\n    expires: next week\n';
    const messages = parseConfigText(text).problems.map((p) => p.message);
    assert.ok(messages.some((m) => /needs "reason"/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /YYYY-MM-DD/.test(m)), messages.join('\n'));
  });

  it('reports a syntax error with its position', () => {
    const { problems } = parseConfigText('rules: {privileged: off\n');
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /cannot be parsed/);
  });

  it('treats an empty file as no settings', () => {
    assert.deepEqual(parseConfigText(''), { raw: {}, problems: [] });
    assert.deepEqual(parseConfigText('# only a comment\n'), { raw: {}, problems: [] });
  });

  it('rejects a file that is not a mapping', () => {
    assert.equal(parseConfigText('- a\n').problems.length, 1);
  });
});

describe('config file lookup and merging', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-config-'));
  fs.mkdirSync(path.join(root, 'apps', 'dev'), { recursive: true });
  fs.writeFileSync(path.join(root, '.kubeward.yaml'), 'profile: restricted\nrules: {low-uid: info}\noverrides:\n  - files: ["apps/dev/**"]\n    profile: baseline\n    rules: {privileged: warning}\n');

  it('finds the nearest file above a manifest', () => {
    assert.equal(findConfigFile(path.join(root, 'apps', 'dev')), path.join(root, '.kubeward.yaml'));
    assert.equal(findConfigFile(path.join(root, 'apps'), path.join(root, 'apps')), undefined, 'stops at the boundary');
  });

  it('lets the file win over own settings, and overrides win for their paths', () => {
    const config = loadConfigFile(path.join(root, '.kubeward.yaml'));
    const own = { profile: 'all', rules: { 'image-digest': 'off' } };
    assert.deepEqual(settingsForFile(config, path.join(root, 'apps', 'web.yaml'), own), { profile: 'restricted', rules: { 'image-digest': 'off', 'low-uid': 'info' } });
    assert.deepEqual(settingsForFile(config, path.join(root, 'apps', 'dev', 'x.yaml'), own), {
      profile: 'baseline',
      rules: { 'image-digest': 'off', 'low-uid': 'info', privileged: 'warning' },
    });
  });

  it('turns an unreadable file into a problem', () => {
    const config = loadConfigFile(path.join(root, 'missing.yaml'));
    assert.match(config.problems[0]?.message ?? '', /cannot be read/);
  });
});

describe('globs', () => {
  const table: [string, string, boolean][] = [
    ['charts/**', 'charts/a/b.yaml', true],
    ['charts/**', 'other/charts/a.yaml', false],
    ['*.yaml', 'deep/dir/x.yaml', true],
    ['*.yaml', 'x.yml', false],
    ['**/test/**', 'a/test/b/c.yaml', true],
    ['fixtures', 'a/fixtures/x.yaml', true],
    ['dev/*.yaml', 'dev/a.yaml', true],
    ['dev/*.yaml', 'dev/sub/a.yaml', false],
    ['a?.yaml', 'ab.yaml', true],
    ['build/', 'build/out.yaml', true],
  ];
  for (const [glob, file, expected] of table) {
    it(`${glob} ${expected ? 'matches' : 'does not match'} ${file}`, () => assert.equal(globToRegExp(glob).test(file), expected));
  }
  it('never matches outside the base', () => assert.equal(matchesAny(['**'], '/repo/a', '/repo/b/x.yaml'), false));
});

describe('hostile config text', () => {
  it('reports an unresolved alias instead of throwing', () => {
    const { problems } = parseConfigText('rules: *nowhere\n');
    assert.match(problems[0]?.message ?? '', /cannot be/);
  });
  it('bounds alias expansion', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const { problems } = parseConfigText(`${lines.join('\n')}\n`);
    assert.ok(problems.length > 0);
  });
});
