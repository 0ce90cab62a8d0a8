/**
 * The record store hands out unchecked records for checking elsewhere (a
 * worker) and keeps a result only while its text is the one checked: after
 * any change, a result computed before it is refused, so a stale result can
 * never be published.
 */
import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { RecordStore } from '../../server/src/service/incremental/recordStore';
import { checkRecord } from '../../server/src/service/recordChecker';
import { diskRecord, line } from '../helpers/records';

const NOW = Date.parse('2025-01-01T00:00:00Z');

function dataset(n: number): string {
  return Array.from({ length: n }, (_, i) => {
    const r = diskRecord();
    r.incident.title = `disk ${i}`;
    return line(r);
  }).join('\n');
}

suite('record store batches', () => {
  test('takeUnchecked hands out unchecked records in order, within its limits, from an index on', () => {
    const store = new RecordStore('jsonl', dataset(10), { now: () => NOW });
    const first = store.takeUnchecked(0, 4, Infinity);
    assert.deepEqual(first.indices, [0, 1, 2, 3]);
    assert.equal(first.texts[2], line({ ...diskRecord(), incident: { ...diskRecord().incident, title: 'disk 2' } }));
    assert.deepEqual(store.takeUnchecked(4, 100, Infinity).indices, [4, 5, 6, 7, 8, 9]);
    assert.deepEqual(store.takeUnchecked(0, 100, 1).indices, [0], 'at least one record, then the character limit');
  });

  test('a result is kept for the epoch it was computed in, refused after a change', () => {
    const store = new RecordStore('jsonl', dataset(3), { now: () => NOW });
    const epoch = store.epoch;
    const { indices, texts } = store.takeUnchecked(0, 10, Infinity);
    const results = texts.map((t, i) => checkRecord(t, indices[i], { inDataset: true, now: NOW }));
    assert.equal(store.accept(epoch, 0, results[0]), true);
    assert.equal(store.accept(epoch, 0, results[0]), false, 'a record is answered once');
    const text = store.documentText;
    store.applyChange({ start: 0, end: 0, text: ' ' }, ' ' + text);
    assert.notEqual(store.epoch, epoch);
    assert.equal(store.accept(epoch, 1, results[1]), false, 'computed for the text before the change');
    assert.equal(store.result(1), undefined);
    assert.equal(store.pending, 3, 'the edited record 0, and 1 and 2 whose results were refused or never given, are still to check');
    assert.ok(store.checkSome());
  });
});
