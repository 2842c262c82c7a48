import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closestName, editDistance } from '../../server/src/engine/schema/suggest';

describe('did you mean', () => {
  it('counts a transposition as one edit', () => {
    assert.equal(editDistance('runAsUesr', 'runAsUser'), 1);
    assert.equal(editDistance('abc', 'abc'), 0);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });

  it('prefers case and separator differences, which are certain', () => {
    assert.deepEqual(closestName('runAsNonroot', ['runAsNonRoot', 'runAsUser', 'runAsGroup']), { name: 'runAsNonRoot', exact: true, distance: 0 });
    assert.equal(closestName('read_only_root_filesystem', ['readOnlyRootFilesystem'])?.name, 'readOnlyRootFilesystem');
  });

  it('allows about one edit per four characters, at most two', () => {
    assert.equal(closestName('allowPrivilegeEscalaton', ['allowPrivilegeEscalation', 'privileged'])?.name, 'allowPrivilegeEscalation');
    assert.equal(closestName('imag', ['image', 'imagePullPolicy'])?.name, 'image');
    assert.equal(closestName('foo', ['bar', 'baz']), undefined);
    assert.equal(closestName('privilegedMode', ['privileged']), undefined);
  });

  it('gives no suggestion on a tie', () => {
    assert.equal(closestName('nam', ['name', 'nat']), undefined);
  });
});
