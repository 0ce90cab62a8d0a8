import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { chronologicalOrder, instantOf, listAnd } from '../../../server/src/service/rules/ruleHelpers';
import type { RuleContext } from '../../../server/src/service/rules/ruleTypes';
import { builtInCatalog } from '../../../server/src/service/catalog';

function context(record: Record<string, unknown>, schemaPointers: string[] = []): RuleContext {
  return { record, service: undefined, catalog: builtInCatalog(), now: Date.parse('2025-01-01T00:00:00Z'), schemaPointers: new Set(schemaPointers), report: () => undefined };
}

suite('rule helpers', () => {
  test('instantOf reads every ISO 8601 form the schema accepts as the same instant', () => {
    const expected = Date.UTC(2024, 2, 14, 8, 0, 0);
    for (const text of [
      '2024-03-14T08:00:00Z',
      '2024-03-14t08:00:00z',
      '2024-03-14 08:00:00Z',
      '2024-03-14T10:00:00+02:00',
      '2024-03-14T10:00:00+0200',
      '2024-03-14T10:00:00+02',
      '2024-03-14T03:30:00-04:30',
      '2024-03-14T08:00:00.000000+00:00',
    ]) {
      assert.equal(instantOf(text), expected, text);
    }
    assert.equal(instantOf('2024-03-14T08:00:00.123456Z'), expected + 123.456);
  });

  test('instantOf rejects text without a zone, impossible dates and non-strings', () => {
    for (const value of ['2024-03-14T08:00:00', '2024-02-30T08:00:00Z', '2024-13-01T00:00:00Z', '2024-03-14T24:00:00Z', '2024-03-14', 'yesterday', 1710403200000, null]) {
      assert.equal(instantOf(value), undefined, String(value));
    }
  });

  test('chronologicalOrder is a stable sort by instant; an action without a usable timestamp stays after its predecessor', () => {
    const record = {
      actions_taken: [
        { timestamp: '2024-03-14T05:10:00Z' },
        { timestamp: 'soon' },
        { timestamp: '2024-03-14T05:00:00Z' },
        { timestamp: '2024-03-14T07:00:00+02:00' },
        { timestamp: '2024-03-14T05:10:00Z' },
      ],
    };
    assert.deepEqual(chronologicalOrder(context(record)), [2, 3, 0, 1, 4]);
    // A timestamp the schema rejected is not used either, nor one in the future (IR209's).
    assert.deepEqual(chronologicalOrder(context(record, ['/actions_taken/2/timestamp'])), [3, 0, 1, 2, 4]);
    const future = { actions_taken: [{ timestamp: '2024-03-14T05:10:00Z' }, { timestamp: '2204-03-14T05:00:00Z' }, { timestamp: '2024-03-14T05:00:00Z' }] };
    assert.deepEqual(chronologicalOrder(context(future)), [2, 0, 1]);
  });

  test('listAnd joins names for messages', () => {
    assert.equal(listAnd(['a']), 'a');
    assert.equal(listAnd(['a', 'b']), 'a and b');
    assert.equal(listAnd(['a', 'b', 'c']), 'a, b and c');
  });
});
