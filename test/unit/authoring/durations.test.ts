import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { formatDuration, formatOffset, parseInstant, secondsBetween } from '../../../server/src/service/util/durations';

suite('durations', () => {
  test('formatDuration pads every unit after the largest one', () => {
    assert.equal(formatDuration(0), '0s');
    assert.equal(formatDuration(45), '45s');
    assert.equal(formatDuration(252), '4m 12s');
    assert.equal(formatDuration(600), '10m 00s');
    assert.equal(formatDuration(3723), '1h 02m 03s');
    assert.equal(formatDuration(3600), '1h 00m 00s');
    assert.equal(formatDuration(2 * 86400 + 3 * 3600 + 5), '2d 03h 00m 05s');
  });

  test('formatDuration rounds to seconds but keeps sub-second spans visible', () => {
    assert.equal(formatDuration(59.6), '1m 00s');
    assert.equal(formatDuration(0.5), '0.5s');
    assert.equal(formatDuration(0.04), '0s');
    assert.equal(formatDuration(-90), '-1m 30s');
    assert.equal(formatDuration(Number.NaN), undefined);
    assert.equal(formatDuration(Number.POSITIVE_INFINITY), undefined);
  });

  test('formatOffset is always signed', () => {
    assert.equal(formatOffset(252), '+4m 12s');
    assert.equal(formatOffset(0), '+0s');
    assert.equal(formatOffset(-30), '-30s');
    assert.equal(formatOffset(-0.01), '+0s');
    assert.equal(formatOffset(Number.NaN), undefined);
  });

  test('parseInstant accepts ISO 8601 with a zone only', () => {
    assert.equal(parseInstant('2024-03-14T02:15:00Z'), Date.UTC(2024, 2, 14, 2, 15, 0));
    assert.equal(parseInstant('2024-03-14T04:15:00+02:00'), Date.UTC(2024, 2, 14, 2, 15, 0));
    assert.equal(parseInstant('2024-03-14T02:15:07.250Z'), Date.UTC(2024, 2, 14, 2, 15, 7, 250));
    assert.equal(parseInstant('2024-03-14T02:15:00'), undefined, 'a zone-less time is ambiguous');
    assert.equal(parseInstant('March 14, 2024'), undefined);
    assert.equal(parseInstant('2024-13-40T02:15:00Z'), undefined);
    assert.equal(parseInstant(1710382500), undefined);
  });

  test('secondsBetween measures from the first to the second timestamp', () => {
    assert.equal(secondsBetween('2024-03-14T02:15:00Z', '2024-03-14T02:19:12Z'), 252);
    assert.equal(secondsBetween('2024-03-14T02:19:12Z', '2024-03-14T02:15:00Z'), -252);
    assert.equal(secondsBetween('2024-03-14T02:15:00Z', 'later'), undefined);
  });
});
