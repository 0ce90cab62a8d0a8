/**
 * Every editor feature of the core on fuzzed documents (realistic records
 * of every service, mutated; see generators.ts) at fuzzed positions: no
 * exception, every range inside the document, no long echo of the input in
 * messages, no prototype polluted. The invariants are in exercise.ts.
 */
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { assertNoPollution, fuzzAsync, prototypeSnapshot } from './fuzzKit';
import { documentArbitrary, spotsArbitrary } from './generators';
import { exerciseEditorFeatures } from './exercise';

suite('fuzz: editor features on any text', () => {
  test('diagnostics, symbols, folding, inlay hints, formatting, completion, hover, selection and timeline', async (t) => {
    const snapshot = prototypeSnapshot();
    await fuzzAsync(
      t,
      'editor features',
      fc.tuple(documentArbitrary, spotsArbitrary),
      async ([doc, spots]) => {
        await exerciseEditorFeatures(doc, spots);
        assertNoPollution(snapshot, doc.recipe);
      },
      { runs: 300, seconds: 15, seed: 901 },
    );
  });
});
