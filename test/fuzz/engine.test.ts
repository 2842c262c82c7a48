import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkConfigInvariants, checkEngineInvariants, mutated, pathological, seedManifests, yamlNoise } from '../harness/fuzz';

// A bounded pass for every test run; `npm run fuzz` runs the same properties far longer.
// FUZZ_SEED reproduces a failure; fast-check prints it with the shrunk counterexample.
const runs = Number(process.env['FUZZ_RUNS'] ?? 150);
const seed = process.env['FUZZ_SEED'] ? Number(process.env['FUZZ_SEED']) : 20261128;
const parameters = { numRuns: runs, seed, endOnFailure: true };
const seeds = seedManifests();

describe('engine fuzzing', () => {
  it('mutated manifests keep the engine and fixer contracts', () => {
    fc.assert(fc.property(mutated(seeds), (text) => void checkEngineInvariants(text)), parameters);
  });

  it('random YAML-like noise never breaks analysis', () => {
    fc.assert(fc.property(yamlNoise, (text) => void checkEngineInvariants(text)), parameters);
  });

  it('deep nesting, huge scalars and alias bombs stay bounded', () => {
    fc.assert(fc.property(pathological, (text) => void checkEngineInvariants(text, { checkFixes: false })), { ...parameters, numRuns: Math.max(10, Math.floor(runs / 10)) });
  });

  it('the config loader accepts any text', () => {
    fc.assert(fc.property(fc.oneof(mutated(seeds), yamlNoise), (text) => checkConfigInvariants(text)), parameters);
  });
});
