import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { parseInstant } from '../../server/src/service/util/instant';

suite('timestamps as instants', () => {
  test('reads every zone form the schema accepts', () => {
    assert.equal(parseInstant('2024-03-14T02:15:00Z'), Date.UTC(2024, 2, 14, 2, 15, 0));
    assert.equal(parseInstant('2024-03-14T04:15:00+02:00'), Date.UTC(2024, 2, 14, 2, 15, 0));
    assert.equal(parseInstant('2024-03-14T04:15:00+0200'), Date.UTC(2024, 2, 14, 2, 15, 0));
    assert.equal(parseInstant('2024-03-14T04:15:00+02'), Date.UTC(2024, 2, 14, 2, 15, 0));
    assert.equal(parseInstant('2024-03-13T21:15:00-05:00'), Date.UTC(2024, 2, 14, 2, 15, 0));
    assert.equal(parseInstant('2024-03-14 02:15:00.250z'), Date.UTC(2024, 2, 14, 2, 15, 0, 250));
    assert.equal(parseInstant('2024-03-14T02:15:00.123456789Z'), Date.UTC(2024, 2, 14, 2, 15, 0) + 123.456789);
    assert.equal(parseInstant('2016-12-31T23:59:60Z'), Date.UTC(2017, 0, 1, 0, 0, 0), 'a leap second');
  });

  test('rejects zone-less, impossible and malformed text', () => {
    for (const text of ['2024-03-14T02:15:00', '2024-02-30T00:00:00Z', '2024-13-01T00:00:00Z', '2024-03-14T24:00:00Z', '2024-03-14T02:15Z', '2024-03-14T02:15:00+25:00', '2024-03-14T02:15:00.Z', 'yesterday', '', '２０２４-03-14T02:15:00Z']) {
      assert.equal(parseInstant(text), undefined, text);
    }
    assert.equal(parseInstant(1710382500000), undefined);
  });

  test('the fast path agrees with Date.parse on canonical timestamps', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }), fc.integer({ min: -14 * 60, max: 14 * 60 }), fc.boolean(), (date, offset, fraction) => {
        const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, fraction ? 23 : 19);
        const sign = offset < 0 ? '-' : '+';
        const zone = offset === 0 ? 'Z' : `${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
        const text = local + zone;
        assert.equal(parseInstant(text), Date.parse(text), text);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
