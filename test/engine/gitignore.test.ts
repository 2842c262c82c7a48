import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandBraces, filesExcludeMatcher, GitignoreMatcher } from '../../server/src/engine/gitignore';

function matcher(files: Record<string, string>): GitignoreMatcher {
  return new GitignoreMatcher('/repo', (file) => files[file.replace(/\\/g, '/').replace(/^.*?\/repo\//, '')]);
}

describe('.gitignore matching', () => {
  const m = matcher({
    '.gitignore': '# build output\nbuild/\n/out\n*.log\n!keep.log\nsecrets/*.yaml\n**/tmp/**\ndocs/**/draft-?.yaml\n\\#hash.yaml\ntrailing.yaml   \n[ab]-*.yaml\n',
    'charts/.gitignore': 'rendered.yaml\n!build/\n',
  });
  const cases: [string, boolean, boolean][] = [
    ['build', true, true],
    ['build', false, false],
    ['src/build', true, true],
    ['out', true, true],
    ['src/out', true, false],
    ['app.log', false, true],
    ['deep/keep.log', false, false],
    ['secrets/db.yaml', false, true],
    ['nested/secrets/db.yaml', false, false],
    ['a/tmp/b/c.yaml', false, true],
    ['docs/x/y/draft-1.yaml', false, true],
    ['docs/draft-12.yaml', false, false],
    ['#hash.yaml', false, true],
    ['trailing.yaml', false, true],
    ['a-1.yaml', false, true],
    ['c-1.yaml', false, false],
    ['charts/rendered.yaml', false, true],
    ['rendered.yaml', false, false],
    ['charts/build', true, false],
  ];
  for (const [relative, isDirectory, expected] of cases) {
    it(`${relative}${isDirectory ? '/' : ''} → ${expected ? 'ignored' : 'kept'}`, () => assert.equal(m.ignores(relative, isDirectory), expected));
  }
  it('a file below an ignored folder is ignored', () => assert.equal(m.ignoresPathOrParent('build/x/pod.yaml', false), true));
});

describe('files.exclude', () => {
  const excluded = filesExcludeMatcher({ '**/.git': true, out: true, '**/*.{tmp,bak}.yaml': true, 'gen/': true, off: false, cond: { when: '$(basename).ts' } });
  const cases: [string, boolean][] = [
    ['.git', true],
    ['a/.git', true],
    ['out', true],
    ['a/out', false],
    ['x.tmp.yaml', true],
    ['a/b/x.bak.yaml', true],
    ['gen', true],
    ['off', false],
    ['cond', false],
  ];
  for (const [relative, expected] of cases) it(`${relative} → ${expected}`, () => assert.equal(excluded(relative), expected));
  it('expands nested braces', () => assert.deepEqual(expandBraces('a{b,c{d,e}}f'), ['abf', 'acdf', 'acef']));
  it('tolerates a missing or malformed setting', () => assert.equal(filesExcludeMatcher(undefined)('x'), false));
});
