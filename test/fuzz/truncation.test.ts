/**
 * Half-typed records: one record of each service cut at every offset, as a
 * pretty JSON file and as the last line of a JSON Lines dataset. Exhaustive,
 * not sampled: each prefix is checked (diagnostics inside the document, no
 * long echo), and the editor features a user typing there would trigger —
 * completion and hover at the cut, the outline, the timeline, inlay hints
 * and the quick fixes of every diagnostic — run without an exception and
 * return ranges inside the text.
 */
import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { RECORDS, line } from '../helpers/records';
import { LONG_RUN, NOW, RangeChecker, assertNoPollution, assertStillParses, prototypeSnapshot, report } from './fuzzKit';
import { checkedDiagnostics, documentOf, exercisePositions, service } from './exercise';
import { SERVICE_NAMES } from './generators';
import { checkDocument } from '../../server/src/service/documentChecker';

/** Every prefix of `text` after `head` (the rest of the document, kept whole). */
function* prefixes(head: string, text: string): Generator<string> {
  for (let cut = 0; cut <= text.length; cut++) {
    yield head + text.slice(0, cut);
  }
}

suite('fuzz: records truncated at every offset', () => {
  for (const name of SERVICE_NAMES) {
    test(`${name}: every prefix of the pretty record and of its JSON Lines line`, async (t) => {
      const snapshot = prototypeSnapshot();
      const started = Date.now();
      const record = RECORDS[name]();
      const pretty = JSON.stringify(record, null, 2);
      const forms = [
        { format: 'json' as const, head: '', text: pretty },
        { format: 'jsonl' as const, head: line(RECORDS.disk()) + '\n', text: line(record) },
      ];
      let cases = 0;
      for (const { format, head, text } of forms) {
        for (const prefix of prefixes(head, text)) {
          const recipe = `${name} ${format} cut at ${prefix.length - head.length}`;
          const document = documentOf({ text: prefix, format });
          const diagnostics = checkedDiagnostics(document, recipe);
          cases++;
          if (format === 'jsonl' && !LONG_RUN && (prefix.length - head.length) % 8 !== 0) {
            continue; // a default run checks every cut of the line, and runs the features at every eighth
          }
          const end = document.positionAt(prefix.length);
          await exercisePositions(document, [end], recipe);
          const ranges = new RangeChecker(prefix);
          for (const symbol of service.documentSymbols(document)) {
            ranges.range(symbol.range, `${recipe}: symbol`);
          }
          for (const hint of service.inlayHints(document, { start: { line: 0, character: 0 }, end })) {
            ranges.position(hint.position, `${recipe}: inlay hint`);
          }
          for (const action of service.getCodeActions(document, diagnostics, {})) {
            const edits = action.edit!.changes![document.uri];
            edits.forEach((e) => ranges.range(e.range, `${recipe}: "${action.title}"`));
            const after = [...edits]
              .sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start))
              .reduce((s, e) => s.slice(0, document.offsetAt(e.range.start)) + e.newText + s.slice(document.offsetAt(e.range.end)), prefix);
            assertStillParses(prefix, after, format, `${recipe}: "${action.title}"`);
          }
        }
      }
      assertNoPollution(snapshot, name);
      // The whole record (the last prefix) is clean: the cuts before it are what was reported.
      assert.deepEqual(checkDocument(pretty, 'json', { now: NOW }).records[0].problems, []);
      report(t, `${name} truncated at every offset`, cases, started);
    });
  }
});
