import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { InlayHint, Range } from 'vscode-languageserver-types';
import { getIncidentService } from '../../../server/src/service/incidentService';
import { airflowRecord, databaseRecord, diskRecord, line, pretty } from '../../helpers/records';
import { rangeOf } from '../../helpers/text';
import { freshDocument } from './editing';

const service = getIncidentService({ now: () => Date.parse('2024-09-01T00:00:00Z') });

function everything(text: string): Range {
  const lines = text.split('\n');
  return { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
}

function hintsOf(text: string, format: 'json' | 'jsonl' = 'json', range = everything(text)): InlayHint[] {
  return service.inlayHints(freshDocument(text, format), range);
}

/** Where a hint after `needle` (its `occurrence`) goes: right after it. */
function after(text: string, needle: string, occurrence = 0) {
  return rangeOf(text, needle, occurrence).end;
}

suite('authoring: inlay hints', () => {
  test('durations in human form and action offsets from the first action', () => {
    const text = pretty(airflowRecord());
    const hints = hintsOf(text);
    assert.deepEqual(
      hints.map((h) => [h.position, h.label]),
      [
        [after(text, '"duration_seconds": 10840'), '3h 00m 40s'],
        [after(text, '"expected_duration_seconds": 2700'), '45m 00s'],
        [after(text, '"resolution_time": 1260'), '21m 00s'],
        [after(text, '"2024-03-14T05:09:45Z"'), '+7m 35s'],
        [after(text, '"2024-03-14T05:14:30Z"'), '+12m 20s'],
      ],
    );
    assert.ok(hints.every((h) => h.paddingLeft === true));
    assert.equal(hints[2].tooltip, 'Resolution time: 1260 s');
    assert.equal(hints[3].tooltip, 'Time since the first action');
  });

  test('only hints inside the requested range are returned', () => {
    const text = pretty(airflowRecord());
    const range = { start: rangeOf(text, '"actions_taken"').start, end: rangeOf(text, '"learning_feedback"').start };
    assert.deepEqual(
      hintsOf(text, 'json', range).map((h) => h.label),
      ['+7m 35s', '+12m 20s'],
    );
  });

  test('short durations and records without timestamps get no hint', () => {
    const record = databaseRecord();
    record.resolution_time = 45;
    record.actions_taken[1].timestamp = 'later';
    const text = pretty(record);
    assert.deepEqual(
      hintsOf(text).map((h) => [h.position, h.label]),
      [[after(text, '"2024-05-02T14:24:00Z"'), '+8m 00s']],
    );
  });

  test('each JSON Lines record has its own origin', () => {
    const disk = diskRecord();
    disk.resolution_time = 3723;
    const text = [line(airflowRecord()), '', line(disk)].join('\n');
    const hints = hintsOf(text, 'jsonl');
    assert.deepEqual(
      hints.map((h) => [h.position.line, h.label]),
      [
        [0, '3h 00m 40s'],
        [0, '45m 00s'],
        [0, '21m 00s'],
        [0, '+7m 35s'],
        [0, '+12m 20s'],
        [2, '1h 02m 03s'],
        [2, '+15m 00s'],
      ],
    );
    assert.deepEqual(hints[6].position, after(text, '"2024-08-03T12:20:00Z"'));
  });
});
