import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TimelineModel } from '../../../common/timeline';
import { timelineModel } from '../../../server/src/service/timeline';
import { getIncidentService } from '../../../server/src/service/incidentService';
import { airflowRecord, databaseRecord, kubernetesRecord, line, pretty, sparkRecord } from '../../helpers/records';
import { incidentDocument, rangeOf, readRepoFile } from '../../helpers/text';

const START = { line: 0, character: 0 };

function model(text: string, format: 'json' | 'jsonl' = 'json', position = START): TimelineModel {
  const result = timelineModel(incidentDocument(text, format), position);
  assert.ok(result, 'expected a timeline');
  return result;
}

/** The action's range holds exactly that action's JSON. */
function assertRangeHoldsAction(document: TextDocument, m: TimelineModel, index: number, expected: unknown): void {
  assert.deepEqual(JSON.parse(document.getText(m.actions[index].range)), expected);
}

suite('timeline model', () => {
  test('the airflow example tells its story: header, offsets, gaps, error, parameters and a compressed wait until resolution', () => {
    const text = readRepoFile('examples', 'airflow.incident.json');
    const document = incidentDocument(text);
    const m = timelineModel(document, START)!;
    assert.deepEqual(m.header, {
      title: 'orders_daily_etl: load_orders_to_warehouse SIGKILLed on airflow-worker-3, retries exhausted',
      service: 'airflow',
      severity: 'high',
      outcome: 'resolved',
      success: true,
      resolutionSeconds: 2460,
      resolutionText: '41m 00s',
      start: '2024-03-15T03:52:40Z',
      spanSeconds: 90,
      spanText: '1m 30s',
      counts: { success: 2, failed: 1, partial_success: 0, unknown: 0 },
    });
    assert.deepEqual(
      m.actions.map((a) => [a.index, a.type, a.result, a.clock, a.offsetText, a.gap?.text, a.spacer?.seconds]),
      [
        [0, 'kill_process', 'failed', '03:52:40', '+0s', undefined, undefined],
        [1, 'kill_process', 'success', '03:53:35', '+55s', '+55s', 55],
        [2, 'clear_dag_run', 'success', '03:54:10', '+1m 30s', '+35s', 35],
      ],
    );
    assert.equal(m.actions[0].error, 'Process 48211 (dbt run --select marts.finance) ignored SIGTERM for 30 s and still holds 11.2 GiB RSS');
    assert.deepEqual(m.actions[0].parameters, [
      { name: 'server_hostname', value: 'airflow-worker-3.data.internal' },
      { name: 'process_name', value: 'dbt' },
      { name: 'signal', value: 'SIGTERM' },
    ]);
    assert.deepEqual(m.actions[1].details, [{ name: 'freed_memory_gb', value: '11.2' }]);
    assert.deepEqual(m.end, {
      offsetSeconds: 2460,
      offsetText: '+41m 00s',
      // 39m 30s is far above 3 × the median gap (55 s): drawn as 2 × 55 s behind a break marker.
      spacer: { seconds: 2370, drawnSeconds: 110, compressed: true, text: '39m 30s' },
    });
    assert.deepEqual(m.warnings, []);
    assert.equal(m.recordIndex, 0);
    assert.equal(m.recordCount, 1);
    assert.equal(m.version, document.version);
    assert.equal(m.uri, document.uri);
    assert.deepEqual(m.recordRange, { start: START, end: document.positionAt(text.trimEnd().length) });
    const record = JSON.parse(text);
    record.actions_taken.forEach((action: unknown, index: number) => assertRangeHoldsAction(document, m, index, action));
    assert.deepEqual(m.actions[0].range.start, { line: rangeOf(text, '"action": "kill_process"').start.line - 1, character: 4 });
  });

  for (const example of ['airflow', 'database', 'spark', 'kubernetes', 'disk']) {
    test(`examples/${example}.incident.json tells its story in order, without warnings`, () => {
      const text = readRepoFile('examples', `${example}.incident.json`);
      const record = JSON.parse(text);
      const m = model(text);
      assert.equal(m.header.title, record.incident.title);
      assert.equal(m.header.service, example);
      assert.equal(m.header.success, record.success);
      assert.deepEqual(
        m.actions.map((a) => [a.type, a.result, a.timestamp, a.error]),
        record.actions_taken.map((a: Record<string, string>) => [a.action, a.result, a.timestamp, a.error]),
      );
      const offsets = m.actions.map((a) => a.offsetSeconds!);
      assert.deepEqual(offsets, [...offsets].sort((a, b) => a - b));
      assert.equal(offsets[0], 0);
      assert.equal(m.end?.offsetSeconds, record.resolution_time);
      assert.deepEqual(m.warnings, []);
    });
  }

  test('out-of-order timestamps: offsets count from the earliest action, the backwards gap is negative and warned about', () => {
    const record = kubernetesRecord();
    record.actions_taken[1].timestamp = '2024-07-20T09:07:30Z';
    const m = model(pretty(record));
    assert.equal(m.header.start, '2024-07-20T09:07:30Z');
    assert.deepEqual(
      m.actions.map((a) => [a.offsetText, a.gap, a.spacer]),
      [
        ['+4m 30s', undefined, undefined],
        ['+0s', { seconds: -270, text: '-4m 30s', fromIndex: 0 }, { seconds: 0, drawnSeconds: 0, compressed: false, text: '0s' }],
      ],
    );
    assert.deepEqual(m.warnings, [
      {
        kind: 'outOfOrder',
        actionIndex: 1,
        message: "Action 2 (restart_pod) ran 4m 30s before action 1 (update_resource_limits) but is listed after it; the timeline keeps the record's order. Sort actions_taken by timestamp.",
      },
    ]);
    // The end is 10m 00s after the start, 5m 30s after the latest action (whatever its place in the list).
    assert.deepEqual(m.end, { offsetSeconds: 600, offsetText: '+10m 00s', spacer: { seconds: 330, drawnSeconds: 330, compressed: false, text: '5m 30s' } });
  });

  test('a missing timestamp: the action has no place on the axis and the next gap is measured from the last timed action', () => {
    const record = databaseRecord();
    delete record.actions_taken[1].timestamp;
    const m = model(pretty(record));
    assert.deepEqual(
      m.actions.map((a) => [a.offsetText, a.clock, a.gap?.text, a.gap?.fromIndex, a.spacer?.seconds]),
      [
        ['+0s', '14:16:00', undefined, undefined, undefined],
        [undefined, undefined, undefined, undefined, undefined],
        ['+8m 00s', '14:24:00', '+8m 00s', 0, 480],
      ],
    );
    assert.deepEqual(m.warnings, [
      {
        kind: 'missingTimestamp',
        actionIndex: 1,
        message: 'Action 2 (scale_connection_pool) has no timestamp, so it has no place on the time axis: add when it ran, e.g. "2024-03-15T03:52:40Z".',
      },
    ]);
  });

  test('a timestamp without a time zone is not placed on the axis, and says how to write it', () => {
    const record = databaseRecord();
    record.actions_taken[2].timestamp = '2024-05-02 14:24:00';
    const m = model(pretty(record));
    assert.equal(m.actions[2].timestamp, '2024-05-02 14:24:00');
    assert.equal(m.actions[2].offsetSeconds, undefined);
    assert.deepEqual(m.warnings.map((w) => [w.kind, w.actionIndex]), [['invalidTimestamp', 2]]);
    assert.match(m.warnings[0].message, /^Action 3 \(verify_database_connectivity\) has a timestamp that is not an ISO 8601 date-time with a time zone/);
  });

  test('equal timestamps: a zero gap with no space and no warning', () => {
    const record = kubernetesRecord();
    record.actions_taken[1].timestamp = record.actions_taken[0].timestamp;
    const m = model(pretty(record));
    assert.deepEqual(m.actions[1].gap, { seconds: 0, text: '+0s', fromIndex: 0 });
    assert.deepEqual(m.actions[1].spacer, { seconds: 0, drawnSeconds: 0, compressed: false, text: '0s' });
    assert.equal(m.header.spanText, '0s');
    assert.deepEqual(m.end?.spacer, { seconds: 600, drawnSeconds: 600, compressed: false, text: '10m 00s' });
    assert.deepEqual(m.warnings, []);
  });

  test('a failed action carries its error, nested parameters read as compact JSON, and an unsuccessful record reads as such', () => {
    const m = model(pretty(sparkRecord()));
    assert.equal(m.header.success, false);
    assert.equal(m.header.outcome, 'escalated to the data platform team');
    assert.deepEqual(m.header.counts, { success: 1, failed: 1, partial_success: 0, unknown: 0 });
    const failed = m.actions[1];
    assert.equal(failed.result, 'failed');
    assert.equal(failed.error, 'Executor 3 lost: OutOfMemoryError in stage 14 again');
    assert.deepEqual(failed.parameters, [
      { name: 'application_name', value: 'sessionize-daily' },
      { name: 'config', value: '{"spark.executor.memory":"12g"}' },
    ]);
    assert.equal(m.actions[0].error, undefined);
  });

  test('a result outside the schema is drawn as unknown and keeps its text', () => {
    const record = kubernetesRecord();
    record.actions_taken[0].result = 'succeeded';
    const m = model(pretty(record));
    assert.equal(m.actions[0].result, 'unknown');
    assert.equal(m.actions[0].resultText, 'succeeded');
    assert.deepEqual(m.header.counts, { success: 1, failed: 0, partial_success: 0, unknown: 1 });
  });

  test('resolution_time shorter than the span of the actions is warned about, and the end gets no space', () => {
    const record = databaseRecord();
    record.resolution_time = 300;
    const m = model(pretty(record));
    assert.deepEqual(m.end, { offsetSeconds: 300, offsetText: '+5m 00s', spacer: undefined });
    assert.deepEqual(m.warnings, [
      {
        kind: 'resolutionShorterThanSpan',
        message: 'resolution_time (5m 00s) is shorter than the 8m 00s from the first to the last action: check resolution_time and the action timestamps.',
      },
    ]);
  });

  test('JSON Lines: the record on the cursor line, with ranges in document coordinates', () => {
    const records = [kubernetesRecord(), sparkRecord(), databaseRecord()];
    const text = records.map(line).join('\n') + '\n';
    const document = incidentDocument(text, 'jsonl');
    const m = timelineModel(document, { line: 1, character: 17 })!;
    assert.equal(m.format, 'jsonl');
    assert.equal(m.recordIndex, 1);
    assert.equal(m.recordCount, 3);
    assert.equal(m.header.title, 'Daily sessionization job lost executors to OOM');
    assert.deepEqual(m.recordRange, { start: { line: 1, character: 0 }, end: { line: 1, character: line(records[1]).length } });
    const second = line(records[1].actions_taken[1]);
    assert.deepEqual(m.actions[1].range, rangeOf(text, second));
    assertRangeHoldsAction(document, m, 1, records[1].actions_taken[1]);
  });

  test('JSON Lines: a cursor on a blank line shows the record before it, and at the top the first record', () => {
    const text = `\n${line(kubernetesRecord())}\n\n${line(sparkRecord())}\n`;
    assert.equal(model(text, 'jsonl', { line: 2, character: 0 }).recordIndex, 0);
    assert.equal(model(text, 'jsonl', { line: 4, character: 0 }).recordIndex, 1);
    assert.equal(model(text, 'jsonl', { line: 0, character: 0 }).recordIndex, 0);
  });

  test('a JSON array: the item under the cursor', () => {
    const text = pretty([kubernetesRecord(), sparkRecord()]);
    const position = rangeOf(text, '"Daily sessionization job lost executors to OOM"').start;
    const m = model(text, 'json', position);
    assert.equal(m.recordIndex, 1);
    assert.equal(m.recordCount, 2);
    assert.equal(m.actions[0].type, 'kill_spark_application');
  });

  test('a record mid-edit still shows what can be read, with a syntax warning', () => {
    const text = pretty(kubernetesRecord()).replace('"result": "success",\n      "timestamp": "2024-07-20T09:15:00Z"', '"result": "success",\n      "timestamp": ');
    const m = model(text);
    assert.deepEqual(m.actions.map((a) => a.type), ['update_resource_limits', 'restart_pod']);
    assert.deepEqual(m.warnings.map((w) => w.kind), ['syntax', 'missingTimestamp']);
  });

  test('a record without actions, and a line that is not an object', () => {
    const record = kubernetesRecord();
    delete record.actions_taken;
    assert.deepEqual(model(pretty(record)).warnings.map((w) => w.kind), ['noActions']);
    const m = model('[1, 2]\n', 'jsonl');
    assert.deepEqual(m.warnings.map((w) => w.kind), ['notAnObject']);
    assert.deepEqual(m.actions, []);
  });

  test('credentials in parameters, details and errors are masked: the timeline is what reviewers share', () => {
    const record = databaseRecord();
    record.actions_taken[0].parameters.connection_string = 'Server=orders-db;Database=orders;User Id=app;Password=Tr0ub4dor&3;';
    record.actions_taken[0].parameters.password = 'Summer2024!';
    record.actions_taken[0].error = 'psql "postgresql://app:S3cr3tPass@orders-db:5432/orders" timed out';
    record.actions_taken[1].output = 'export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Lk2Vt';
    const m = model(pretty(record));
    assert.deepEqual(m.actions[0].parameters.slice(2), [
      { name: 'connection_string', value: 'Server=orders-db;Database=orders;User Id=app;Password=***;' },
      { name: 'password', value: '***' },
    ]);
    assert.equal(m.actions[0].error, 'psql "postgresql://app:***@orders-db:5432/orders" timed out');
    assert.deepEqual(m.actions[1].details, [{ name: 'output', value: 'export AWS_SECRET_ACCESS_KEY=***' }]);
  });

  test('hostile text is kept verbatim in the model (the renderer shows it as text)', () => {
    const record = airflowRecord();
    record.incident.title = '<img src=x onerror=alert(1)>';
    assert.equal(model(pretty(record)).header.title, '<img src=x onerror=alert(1)>');
  });

  test('a document without records has no timeline', () => {
    assert.equal(timelineModel(incidentDocument('\n\n', 'jsonl'), START), null);
  });

  test('the service facade answers for the record at a position, and lists where each record starts', () => {
    const service = getIncidentService();
    const text = [kubernetesRecord(), sparkRecord()].map(line).join('\n\n');
    const document = incidentDocument(text, 'jsonl');
    assert.equal(service.timeline(document, { line: 2, character: 3 })?.recordIndex, 1);
    assert.deepEqual(service.recordStarts(document), [START, { line: 2, character: 0 }]);
  });
});
