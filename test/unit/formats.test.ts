/**
 * The validator's date-time check (server/src/service/schema/formats.ts)
 * accepts exactly what ajv-formats' date-time accepts, on hand-picked edge
 * cases and on generated strings built from the pieces of a date-time.
 */
import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { fullFormats } from 'ajv-formats/dist/formats';
import { dateTime, formats } from '../../server/src/service/schema/formats';

const reference = (fullFormats['date-time'] as { validate: (s: string) => boolean }).validate;

suite('date-time format', () => {
  test('agrees with ajv-formats on edge cases', () => {
    const cases = [
      '2024-03-14T02:41:17Z',
      '2024-03-14t02:41:17.123+00:00',
      '2024-03-14 02:41:17+05:30',
      '2024-03-14\n02:41:17Z',
      '2024-03-14\u00a002:41:17Z',
      '2024-02-29T23:59:60Z',
      '2023-02-29T10:00:00Z',
      '2024-03-14T02:41:17',
      '2024-03-14T24:00:00Z',
      '2024-03-14TT02:41:17Z',
      '2024-03-14T02:41:17Z ',
      '2024-03-14T02:41:17Zt',
      '2024-3-14T02:41:17Z',
      '2024-03-14',
      'T02:41:17Z',
      '',
      '2024-03-14T02:41:17.123456789012345678901234567890+00:00',
      '2024-03-14T02:' .repeat(1000),
    ];
    for (const text of cases) {
      assert.equal(dateTime(text), reference(text), JSON.stringify(text));
    }
    assert.equal((formats['date-time'] as { validate: unknown }).validate, dateTime);
  });

  test('agrees with ajv-formats on generated strings', () => {
    const piece = fc.constantFrom('2024', '-', '03', '14', '02', ':', '41', '17', '.', '123', 'T', 't', ' ', '\t', 'Z', 'z', '+', '00', '60', '29', '99', 'x', '\u2003');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        assert.equal(dateTime(text), reference(text), JSON.stringify(text));
      }),
      { seed: 3, numRuns: 20_000 },
    );
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const shaped = fc
      .tuple(fc.constantFrom('2024', '2023', '1900', '2000'), two(13), two(32), fc.constantFrom('T', 't', ' ', '\n', 'x', 'TT', ''), two(25), two(61), two(61), fc.constantFrom('', '.5', '.123'), fc.constantFrom('Z', 'z', '+00:00', '-05:30', '+0530', '+05', '', 'Zt', ' '))
      .map(([y, mo, d, sep, h, mi, se, frac, tz]) => `${y}-${mo}-${d}${sep}${h}:${mi}:${se}${frac}${tz}`);
    let accepted = 0;
    fc.assert(
      fc.property(shaped, (text) => {
        const expected = reference(text);
        accepted += expected ? 1 : 0;
        assert.equal(dateTime(text), expected, JSON.stringify(text));
      }),
      { seed: 5, numRuns: 20_000 },
    );
    assert.ok(accepted > 500, `valid date-times were generated too (${accepted})`);
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        assert.equal(dateTime(text), reference(text), JSON.stringify(text));
      }),
      { seed: 4, numRuns: 5_000 },
    );
  });
});
