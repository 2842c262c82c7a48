import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkText, decodeManifest } from '../../server/src/engine/input';

describe('decodeManifest', () => {
  it('decodes UTF-8 and reports a BOM without keeping it in the text', () => {
    const result = decodeManifest(Buffer.from('\uFEFFkind: Pod\n', 'utf8'));
    assert.deepEqual(result, { text: 'kind: Pod\n', bom: true });
  });

  it('refuses binary files with a clear reason', () => {
    const result = decodeManifest(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]));
    assert.ok('skip' in result && result.skip.kind === 'binary');
    assert.match('skip' in result ? result.skip.message : '', /binary/);
  });

  it('refuses invalid UTF-8', () => {
    const result = decodeManifest(Uint8Array.from([0x61, 0x3a, 0x20, 0xc3, 0x28]));
    assert.ok('skip' in result && result.skip.kind === 'encoding');
  });

  it('refuses files over the size limit, naming the setting', () => {
    const result = decodeManifest(new Uint8Array(2048).fill(0x61), 1024);
    assert.ok('skip' in result && result.skip.kind === 'too-large');
    assert.match('skip' in result ? result.skip.message : '', /kubeward\.maxFileSize/);
  });
});

describe('checkText', () => {
  it('accepts ordinary text and refuses NUL characters', () => {
    assert.equal(checkText('a: b\n'), undefined);
    assert.equal(checkText('a: \0')?.kind, 'binary');
  });
});
