import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { airflowRecord, databaseRecord, diskRecord, kubernetesRecord } from '../../helpers/records';
import { rangeOf } from '../../helpers/text';
import { NOW, Severity, check, dataOf, meta, only, single, valueRange } from './ruleTestKit';

suite('time consistency (IR204, IR205, IR209)', () => {
  test('IR204: an action earlier than the one before it is a warning on its timestamp, with the stable order', () => {
    const record = airflowRecord();
    record.actions_taken[2].timestamp = '2024-03-14T05:05:00Z'; // after [0] (05:02:10), before [1] (05:09:45)
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR204');
    assert.equal(d.severity, Severity.Warning);
    assert.deepEqual(d.range, rangeOf(text, '"2024-03-14T05:05:00Z"'));
    assert.deepEqual(d.data, { pointer: '/actions_taken', order: [0, 2, 1], recordIndex: 0 });
    assert.equal(
      d.message,
      'actions_taken[2] (clear_dag_run) ran 4m 45s before actions_taken[1] (mark_task_success) but is listed after it: list the actions in the order they ran, so the timeline and the learned action sequence are right.',
    );
  });

  test('IR204: timestamps are compared as instants across time zones', () => {
    // 10:00+02:00 is 08:00Z: listed after 09:30Z, it ran 1h 30m earlier.
    const outOfOrder = kubernetesRecord();
    outOfOrder.actions_taken[0].timestamp = '2024-07-20T09:30:00Z';
    outOfOrder.actions_taken[1].timestamp = '2024-07-20T10:00:00+02:00';
    outOfOrder.resolution_time = 7200;
    const { text, diagnostics } = check(outOfOrder);
    const d = single(diagnostics, 'IR204');
    assert.deepEqual(d.range, rangeOf(text, '"2024-07-20T10:00:00+02:00"'));
    assert.deepEqual(dataOf(d).order, [1, 0]);
    assert.match(d.message, /ran 1h 30m 00s before/);

    // Reads as decreasing, but 10:00+02:00 (08:00Z) is before 09:30Z: in order.
    const inOrder = kubernetesRecord();
    inOrder.actions_taken[0].timestamp = '2024-07-20T10:00:00+02:00';
    inOrder.actions_taken[1].timestamp = '2024-07-20T09:30:00Z';
    inOrder.resolution_time = 7200;
    assert.deepEqual(check(inOrder).diagnostics, []);
  });

  test('IR204: fractional seconds count, equal instants are in order, and several inversions give one diagnostic', () => {
    const record = databaseRecord();
    record.actions_taken[0].timestamp = '2024-05-02T14:16:00.750Z';
    record.actions_taken[1].timestamp = '2024-05-02T14:16:00.250Z';
    record.actions_taken[2].timestamp = '2024-05-02T14:16:00.100Z';
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR204');
    assert.deepEqual(d.range, rangeOf(text, '"2024-05-02T14:16:00.250Z"'));
    assert.deepEqual(dataOf(d).order, [2, 1, 0]);
    assert.match(d.message, /ran 0\.5s before .* 1 more action is out of order too\.$/);

    const equal = databaseRecord();
    equal.actions_taken[1].timestamp = equal.actions_taken[0].timestamp;
    assert.deepEqual(only(check(equal).diagnostics, 'IR204'), []);
  });

  test('IR204 skips an unparseable timestamp (IR005) and compares with the nearest usable one', () => {
    const record = airflowRecord();
    record.actions_taken[1].timestamp = 'yesterday';
    const { diagnostics } = check(record);
    assert.deepEqual(diagnostics.map((d) => d.code), ['IR005']);
  });

  test('IR205: a resolution_time shorter than the actions span is a warning saying by how much', () => {
    const record = diskRecord();
    record.resolution_time = 150; // actions span 12:05 → 12:20, 15 minutes
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR205');
    assert.equal(d.severity, Severity.Warning);
    assert.deepEqual(d.range, valueRange(text, 'resolution_time', '150'));
    assert.deepEqual(d.data, { pointer: '/resolution_time', span: 900, shortBy: 750, recordIndex: 0 });
    assert.equal(
      d.message,
      'resolution_time is 150 s (2m 30s), but the actions span 15m 00s (actions_taken[0] to actions_taken[1]): it is 12m 30s too short. resolution_time runs from detection to resolution and must cover every action: correct it, or the action timestamps.',
    );
  });

  test('IR205 does not fire when resolution_time equals the span, or within a second of it', () => {
    const exact = diskRecord();
    exact.resolution_time = 900;
    assert.deepEqual(check(exact).diagnostics, []);
    const rounded = diskRecord();
    rounded.actions_taken[1].timestamp = '2024-08-03T12:20:00.600Z';
    rounded.resolution_time = 900;
    assert.deepEqual(check(rounded).diagnostics, []);
  });

  test('IR209: a timestamp in the future is a warning on that value', () => {
    const record = airflowRecord();
    meta(record).error_details.last_heartbeat = '2025-01-01T03:00:00+01:00'; // 02:00Z, two hours after now
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR209');
    assert.equal(d.severity, Severity.Warning);
    assert.deepEqual(d.range, rangeOf(text, '"2025-01-01T03:00:00+01:00"'));
    assert.deepEqual(d.data, { pointer: '/incident/metadata/error_details/last_heartbeat', recordIndex: 0 });
    assert.equal(
      d.message,
      'last_heartbeat "2025-01-01T03:00:00+01:00" is 2h 00m 00s in the future: a record describes a past incident, so check the date and the time zone.',
    );
  });

  test('IR209 checks every timestamp field, in actions, their parameters and nested lists', () => {
    const record = diskRecord();
    record.actions_taken[1].timestamp = '2204-08-03T12:20:00Z';
    meta(record).error_details.recent_large_files[0].modified = '2025-03-01T00:00:00Z';
    const { diagnostics } = check(record);
    assert.deepEqual(only(diagnostics, 'IR209').map((d) => dataOf(d).pointer), [
      '/incident/metadata/error_details/recent_large_files/0/modified',
      '/actions_taken/1/timestamp',
    ]);
    assert.match(only(diagnostics, 'IR209')[1].message, /about 180 years in the future/);

    const trigger = airflowRecord();
    trigger.actions_taken[2] = {
      action: 'trigger_dag_run',
      parameters: { dag_id: 'billing_nightly', execution_date: '2025-06-01T02:00:00+00:00' },
      result: 'success',
      timestamp: '2024-03-14T05:14:30Z',
    };
    assert.deepEqual(only(check(trigger).diagnostics, 'IR209').map((d) => dataOf(d).pointer), ['/actions_taken/2/parameters/execution_date']);
  });

  test('a mistyped year gives IR209 alone: future timestamps are left out of IR204 and IR205', () => {
    const record = diskRecord();
    record.actions_taken[0].timestamp = '2204-08-03T12:05:00Z';
    const { diagnostics } = check(record);
    assert.deepEqual(diagnostics.map((d) => d.code), ['IR209']);
  });

  test('IR209 allows five minutes of clock skew and ignores text that is not a timestamp', () => {
    const record = kubernetesRecord();
    record.actions_taken[1].timestamp = new Date(NOW + 4 * 60 * 1000).toISOString();
    record.resolution_time = 40_000_000;
    record.incident.description = 'Fixed on 2031-01-01T00:00:00Z per the plan.';
    assert.deepEqual(check(record).diagnostics, []);
  });
});
