import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { markdownCell, timelineMarkdown, timelineModel } from '../../../server/src/service/timeline';
import { spacersFor } from '../../../server/src/service/timeline/timelineAxis';
import { clockOf } from '../../../server/src/service/timeline/timelineFields';
import { airflowRecord, pretty } from '../../helpers/records';
import { incidentDocument, readRepoFile } from '../../helpers/text';

suite('timeline Markdown export', () => {
  test('the airflow example as a postmortem table', () => {
    const m = timelineModel(incidentDocument(readRepoFile('examples', 'airflow.incident.json')), { line: 0, character: 0 })!;
    assert.equal(
      timelineMarkdown(m),
      [
        '| Time | Offset | Action | Result | Error |',
        '| --- | --- | --- | --- | --- |',
        '| 2024-03-15T03:52:40Z | +0s | `kill_process` | ✕ failed | Process 48211 (dbt run --select marts.finance) ignored SIGTERM for 30 s and still holds 11.2 GiB RSS |',
        '| 2024-03-15T03:53:35Z | +55s | `kill_process` | ✓ success |  |',
        '| 2024-03-15T03:54:10Z | +1m 30s | `clear_dag_run` | ✓ success |  |',
        '|  | +41m 00s | _end of resolution_ (resolution\\_time 41m 00s) |  |  |',
        '',
      ].join('\n'),
    );
  });

  test('record text cannot break the table or become HTML', () => {
    assert.equal(markdownCell('a | b\nc <img src=x onerror=alert(1)> *d* [e](f) & `g`'), 'a \\| b c \\<img src=x onerror=alert(1)\\> \\*d\\* \\[e\\](f) &amp; \\`g\\`');
    const record = airflowRecord();
    record.actions_taken[0].action = 'clear|dag';
    delete record.actions_taken[1].timestamp;
    const m = timelineModel(incidentDocument(pretty(record)), { line: 0, character: 0 })!;
    const rows = timelineMarkdown(m).split('\n');
    assert.equal(rows[2], '| 2024-03-14T05:02:10Z | +0s | clear\\|dag | ✕ failed | Task instance load\\_invoices is still marked running by a dead worker |');
    assert.equal(rows[3], '| — | — | `mark_task_success` | ✓ success |  |');
  });
});

suite('timeline axis', () => {
  test('a gap longer than 3 × the median and than a minute is compressed to 2 × the median', () => {
    assert.deepEqual(
      spacersFor([120, 90, 7200, 150, -30]).map((s) => [s.seconds, s.drawnSeconds, s.compressed, s.text]),
      [
        [120, 120, false, '2m 00s'],
        [90, 90, false, '1m 30s'],
        [7200, 270, true, '2h 00m 00s'],
        [150, 150, false, '2m 30s'],
        [0, 0, false, '0s'],
      ],
    );
  });

  test('short gaps and single gaps are never compressed', () => {
    assert.deepEqual(spacersFor([2, 2, 50]).map((s) => s.compressed), [false, false, false]);
    assert.deepEqual(spacersFor([86400]).map((s) => s.compressed), [false]);
  });

  test('clock times show the date and zone only when they differ from the start', () => {
    assert.equal(clockOf('2024-03-15T03:52:40Z', '2024-03-15T03:50:00Z'), '03:52:40');
    assert.equal(clockOf('2024-03-16T00:10:00Z', '2024-03-15T23:50:00Z'), '2024-03-16 00:10:00');
    assert.equal(clockOf('2024-03-15T04:52:40+01:00', '2024-03-15T03:50:00Z'), '04:52:40+01:00');
    assert.equal(clockOf('2024-03-15T03:52:40.250Z', '2024-03-15T03:50:00z'), '03:52:40');
  });
});
