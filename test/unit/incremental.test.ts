import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDocument, storeDiagnostics, toDiagnostics } from '../../server/src/service/documentChecker';
import { RecordStore, TextChange } from '../../server/src/service/incremental/recordStore';
import { airflowRecord, databaseRecord, diskRecord, kubernetesRecord, line, sparkRecord } from '../helpers/records';

const NOW = Date.parse('2025-01-01T00:00:00Z');

function fullDiagnostics(text: string, format: 'json' | 'jsonl') {
  const doc = TextDocument.create('file:///x', 'x', 0, text);
  return toDiagnostics(checkDocument(text, format, { now: NOW }), (o) => doc.positionAt(o));
}

function incrementalDiagnostics(store: RecordStore) {
  const doc = TextDocument.create('file:///x', 'x', 0, store.documentText);
  store.checkSome();
  return storeDiagnostics(store, (o) => doc.positionAt(o));
}

function datasetLines(): string[] {
  const bad = airflowRecord();
  bad.incident.severity = 'hgh';
  const duplicate = kubernetesRecord();
  return [line(airflowRecord()), line(databaseRecord()), line(bad), '', line(sparkRecord()), line(kubernetesRecord()), line(duplicate), line(diskRecord())];
}

/** A random edit of `text`: an insertion, deletion or replacement, biased towards JSON-significant characters. */
const editArbitrary = (length: number) =>
  fc.record({
    at: fc.nat({ max: Math.max(0, length) }),
    remove: fc.oneof(fc.constant(0), fc.nat({ max: 12 }), fc.nat({ max: 400 })),
    insert: fc.oneof(
      fc.constant(''),
      fc.constantFrom('"', ',', '{', '}', '[', ']', '\n', ':', 'x', '\r\n', ' ', '"severity": "low", '),
      fc.string({ maxLength: 6 }),
      fc.constant('\n' + line(databaseRecord()) + '\n'),
    ),
  });

function applyEdit(text: string, edit: { at: number; remove: number; insert: string }): { change: TextChange; text: string } {
  const start = Math.min(edit.at, text.length);
  const end = Math.min(text.length, start + edit.remove);
  return { change: { start, end, text: edit.insert }, text: text.slice(0, start) + edit.insert + text.slice(end) };
}

suite('incremental checking', () => {
  test('JSON Lines: an edit re-checks only the lines it touched', () => {
    const text = datasetLines().join('\n') + '\n';
    const store = new RecordStore('jsonl', text, { now: () => NOW });
    store.checkSome();
    const at = text.indexOf('"title":"') + 9;
    const next = text.slice(0, at) + 'x' + text.slice(at);
    store.applyChange({ start: at, end: at, text: 'x' }, next);
    assert.equal(store.lastTouched, 1);
    assert.equal(store.pending, 1);
    assert.deepEqual(incrementalDiagnostics(store), fullDiagnostics(next, 'jsonl'));
  });

  test('JSON array: an edit inside an item re-checks that item only', () => {
    const text = JSON.stringify([airflowRecord(), databaseRecord(), sparkRecord()], null, 2);
    const store = new RecordStore('json', text, { now: () => NOW });
    store.checkSome();
    const at = text.indexOf('"severity": "critical"') + '"severity": "'.length;
    const next = text.slice(0, at) + 'x' + text.slice(at);
    store.applyChange({ start: at, end: at, text: 'x' }, next);
    assert.equal(store.lastTouched, 1);
    assert.equal(store.pending, 1);
    const diagnostics = incrementalDiagnostics(store);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['IR004'],
    );
    assert.deepEqual(diagnostics, fullDiagnostics(next, 'json'));
  });

  test('JSON Lines: an edit at offset 0 of a document that starts with a blank line', () => {
    const text = '\n' + line(airflowRecord()) + '\n';
    const store = new RecordStore('jsonl', text, { now: () => NOW });
    store.checkSome();
    const inserted = '{"incident": 1}\n';
    const next = inserted + text;
    store.applyChange({ start: 0, end: 0, text: inserted }, next);
    assert.deepEqual(incrementalDiagnostics(store), fullDiagnostics(next, 'jsonl'));
    assert.equal(store.size, 2);
  });

  test('progressive checking publishes what is done and resumes', () => {
    const text = datasetLines().join('\n');
    const store = new RecordStore('jsonl', text, { now: () => NOW });
    let calls = 0;
    assert.equal(store.checkSome(() => ++calls >= 3), false);
    assert.equal(store.pending, store.size - 3);
    assert.equal(store.checkSome(), true);
    assert.deepEqual(incrementalDiagnostics(store), fullDiagnostics(text, 'jsonl'));
  });

  test('an edit between progressive slices keeps the results of untouched records', () => {
    const text = datasetLines().join('\n');
    const store = new RecordStore('jsonl', text, { now: () => NOW });
    let calls = 0;
    store.checkSome(() => ++calls >= 4);
    const at = text.lastIndexOf('"title":"') + 9;
    const next = text.slice(0, at) + 'y' + text.slice(at);
    store.applyChange({ start: at, end: at, text: 'y' }, next);
    assert.deepEqual(incrementalDiagnostics(store), fullDiagnostics(next, 'jsonl'));
  });

  for (const format of ['jsonl', 'json'] as const) {
    test(`${format}: incremental results equal a full re-check after random edit sequences`, () => {
      const initial =
        format === 'jsonl' ? datasetLines().join('\n') + '\n' : JSON.stringify([airflowRecord(), databaseRecord(), kubernetesRecord(), diskRecord()], null, 2);
      fc.assert(
        fc.property(fc.array(editArbitrary(initial.length), { minLength: 1, maxLength: 8 }), (edits) => {
          const store = new RecordStore(format, initial, { now: () => NOW });
          store.checkSome();
          let text = initial;
          for (const edit of edits) {
            const applied = applyEdit(text, edit);
            text = applied.text;
            store.applyChange(applied.change, text);
            // Sometimes check between edits, sometimes let edits pile up.
            if (edit.remove % 2 === 0) {
              store.checkSome();
            }
          }
          assert.deepEqual(incrementalDiagnostics(store), fullDiagnostics(text, format));
        }),
        { seed: 20261125, numRuns: 150 },
      );
    });
  }
});
