import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { airflowRecord, pretty } from '../../helpers/records';
import { rangeOf } from '../../helpers/text';
import { Severity, check, dataOf, meta, only, single, valueRange } from './ruleTestKit';

interface MissingData {
  pointer: string;
  missing: { pointer: string; empty?: boolean }[];
  suggestedRunId?: string;
}

suite('airflow guideline rules (IR101–IR104)', () => {
  test('IR101: a missing dag_run_id is an error on metadata, with the run id derived from execution_date', () => {
    const record = airflowRecord();
    delete meta(record).dag_run_id;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR101');
    assert.equal(d.severity, Severity.Error);
    assert.deepEqual(d.range, rangeOf(text, '"metadata"'));
    assert.deepEqual(dataOf<MissingData>(d), {
      pointer: '/incident/metadata',
      recordIndex: 0,
      missing: [{ pointer: '/incident/metadata/dag_run_id' }],
      suggestedRunId: 'scheduled__2024-03-14T02:00:00+00:00',
    });
    assert.match(d.message, /^Airflow record lacks dag_run_id: add it so the agent can target the exact DAG run/);
    assert.match(d.message, /guideline: always include dag_id and dag_run_id/);
    assert.deepEqual(diagnostics.map((x) => x.code), ['IR101'], 'nothing else fires');
  });

  test('IR101: dag_id and dag_run_id both missing give one diagnostic listing both; no run id without a valid execution_date', () => {
    const record = airflowRecord();
    delete meta(record).dag_id;
    delete meta(record).dag_run_id;
    meta(record).execution_date = '2024-03-14 02:00';
    const { diagnostics } = check(record);
    const d = single(diagnostics, 'IR101');
    const data = dataOf<MissingData>(d);
    assert.deepEqual(data.missing, [{ pointer: '/incident/metadata/dag_id' }, { pointer: '/incident/metadata/dag_run_id' }]);
    assert.equal(data.suggestedRunId, undefined, 'a malformed execution_date (IR005) yields no suggestion');
    assert.match(d.message, /lacks dag_id and dag_run_id: add them/);
    assert.equal(only(diagnostics, 'IR005').length, 1);
  });

  test('IR101 stays silent when the schema already reports the field (wrong type)', () => {
    const wrongType = airflowRecord();
    meta(wrongType).dag_id = 42;
    assert.deepEqual(check(wrongType).diagnostics.map((d) => d.code), ['IR003']);
  });

  test('IR101: an empty dag_run_id is reported on the empty value, and null means absent', () => {
    const empty = airflowRecord();
    meta(empty).dag_run_id = '';
    const text = pretty(empty);
    const [diagnostic, ...rest] = check(empty).diagnostics;
    assert.deepEqual(rest, []);
    assert.equal(diagnostic.code, 'IR101');
    assert.match(diagnostic.message, /lacks dag_run_id \(empty\)/);
    assert.deepEqual(diagnostic.range, valueRange(text, 'dag_run_id', '""'), 'a rule about a value that is present points at that value');
    const nulled = airflowRecord();
    meta(nulled).dag_run_id = null;
    const [onNull, ...none] = check(nulled).diagnostics;
    assert.deepEqual(none, [], 'no IR003 for null: null means absent');
    assert.equal(onNull.code, 'IR101');
    assert.match(onNull.message, /lacks dag_run_id:/);
  });

  test('guideline rules stay silent when incident.metadata is missing (the schema reports it) or the service is unknown', () => {
    const noMetadata = airflowRecord();
    delete noMetadata.incident.metadata;
    assert.deepEqual(check(noMetadata).diagnostics.map((d) => d.code), ['IR002']);
    const unknown = airflowRecord();
    unknown.incident.service = 'airflw';
    delete meta(unknown).dag_run_id;
    delete meta(unknown).task_id;
    assert.deepEqual(check(unknown).diagnostics.map((d) => d.code), ['IR008']);
  });

  test('IR102: a missing task_dependencies is a warning on error_details, the object that should hold it', () => {
    const record = airflowRecord();
    delete meta(record).error_details.task_dependencies;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR102');
    assert.equal(d.severity, Severity.Warning);
    assert.deepEqual(d.range, rangeOf(text, '"error_details"'));
    assert.deepEqual(dataOf<MissingData>(d).missing, [{ pointer: '/incident/metadata/error_details/task_dependencies' }]);
    assert.equal(dataOf<MissingData>(d).pointer, '/incident/metadata/error_details');
    assert.match(d.message, /lacks error_details\.task_dependencies: add it/);
  });

  test('IR102: without task_id and error_details, one diagnostic on metadata lists all three fields', () => {
    const record = airflowRecord();
    delete meta(record).task_id;
    delete meta(record).error_details;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR102');
    assert.deepEqual(d.range, rangeOf(text, '"metadata"'));
    assert.deepEqual(dataOf<MissingData>(d).missing.map((m) => m.pointer), [
      '/incident/metadata/task_id',
      '/incident/metadata/error_details/task_dependencies',
      '/incident/metadata/error_details/downstream_tasks_affected',
    ]);
    assert.match(d.message, /lacks task_id and error_details \(task_dependencies, downstream_tasks_affected\): add them/);
  });

  test('IR102: an empty dependency list is an answer (a root task), not a missing field', () => {
    const record = airflowRecord();
    meta(record).error_details.task_dependencies = [];
    meta(record).error_details.downstream_tasks_affected = [];
    assert.deepEqual(check(record).diagnostics, []);
  });

  test('IR103: a missing expected_duration_seconds is a warning on metadata', () => {
    const record = airflowRecord();
    delete meta(record).expected_duration_seconds;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR103');
    assert.equal(d.severity, Severity.Warning);
    assert.deepEqual(d.range, rangeOf(text, '"metadata"'));
    assert.deepEqual(dataOf<MissingData>(d).missing, [{ pointer: '/incident/metadata/expected_duration_seconds' }]);
    assert.match(d.message, /guideline: record timing information for performance pattern analysis/);
  });

  test('IR103: a duration of zero is present; a quoted number is only the schema\'s IR003', () => {
    const zero = airflowRecord();
    meta(zero).duration_seconds = 0;
    assert.deepEqual(only(check(zero).diagnostics, 'IR103'), []);
    const quoted = airflowRecord();
    meta(quoted).duration_seconds = '10840';
    assert.deepEqual(check(quoted).diagnostics.map((d) => d.code), ['IR003']);
  });

  test('IR104: an empty airflow_instance and a missing last_heartbeat are information, flagged empty/missing', () => {
    const record = airflowRecord();
    meta(record).airflow_instance = '';
    delete meta(record).error_details.last_heartbeat;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR104');
    assert.equal(d.severity, Severity.Information);
    assert.deepEqual(d.range, rangeOf(text, '"metadata"'));
    assert.deepEqual(dataOf<MissingData>(d).missing, [
      { pointer: '/incident/metadata/airflow_instance', empty: true },
      { pointer: '/incident/metadata/error_details/last_heartbeat' },
    ]);
    assert.match(d.message, /lacks airflow_instance \(empty\) and error_details\.last_heartbeat: add them/);
  });

  test('IR104 does not fire when the worker information is there', () => {
    const record = airflowRecord();
    meta(record).error_details.worker_log_excerpt = 'Task exited with return code Negsignal.SIGKILL';
    assert.deepEqual(check(record).diagnostics, []);
  });
});
