import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { actionTypes } from '../../../server/src/service/catalog';
import { airflowRecord, databaseRecord, diskRecord, kubernetesRecord, sparkRecord } from '../../helpers/records';
import { rangeOf } from '../../helpers/text';
import { Severity, check, dataOf, only, single, valueRange } from './ruleTestKit';

suite('outcome consistency (IR201–IR203, IR207, IR210)', () => {
  test('IR201: success false without a failure analysis is an error on learning_feedback', () => {
    const record = sparkRecord();
    delete record.learning_feedback.failure_analysis;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR201');
    assert.equal(d.severity, Severity.Error);
    assert.deepEqual(d.range, rangeOf(text, '"learning_feedback"'));
    assert.deepEqual(d.data, { pointer: '/learning_feedback', recordIndex: 0 });
    assert.match(d.message, /^success is false, but learning_feedback has no failure_analysis: add one/);
    assert.deepEqual(diagnostics.map((x) => x.code), ['IR201']);
  });

  test('IR201 stays silent when learning_feedback itself is missing (IR002) and when success is not a boolean (IR003)', () => {
    const noFeedback = sparkRecord();
    delete noFeedback.learning_feedback;
    assert.deepEqual(check(noFeedback).diagnostics.map((d) => d.code), ['IR002']);
    const quoted = sparkRecord();
    quoted.success = 'false';
    delete quoted.learning_feedback.failure_analysis;
    assert.deepEqual(check(quoted).diagnostics.map((d) => d.code), ['IR003']);
  });

  test('IR202: success true with a failure analysis is a warning on the failure_analysis key', () => {
    const record = airflowRecord();
    record.learning_feedback.failure_analysis = { root_cause: 'Worker OOM', recommended_escalation: 'data-platform on-call' };
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR202');
    assert.equal(d.severity, Severity.Warning);
    assert.deepEqual(d.range, rangeOf(text, '"failure_analysis"'));
    assert.deepEqual(d.data, { pointer: '/learning_feedback/failure_analysis', recordIndex: 0 });
    assert.match(d.message, /remove it, or set success to false/);
  });

  test('IR202 does not fire for a failed resolution with its analysis', () => {
    assert.deepEqual(check(sparkRecord()).diagnostics, []);
  });

  test('IR203: a failed action without error is a warning on its result', () => {
    const record = airflowRecord();
    delete record.actions_taken[0].error;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR203');
    assert.equal(d.severity, Severity.Warning);
    assert.deepEqual(d.range, valueRange(text, 'result', '"failed"'));
    assert.deepEqual(d.data, { pointer: '/actions_taken/0', recordIndex: 0 });
    assert.match(d.message, /^actions_taken\[0\] \(clear_dag_run\) failed but has no error: add "error"/);
  });

  test('IR203: a partial success with a blank error is flagged empty', () => {
    const record = databaseRecord();
    record.actions_taken[0].error = '  ';
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR203');
    assert.deepEqual(d.range, valueRange(text, 'result', '"partial_success"'));
    assert.deepEqual(d.data, { pointer: '/actions_taken/0', recordIndex: 0, empty: true });
    assert.match(d.message, /only partly succeeded but its error is empty/);
  });

  test('IR203 does not fire on successful actions without error, nor on an invalid result (IR004)', () => {
    assert.deepEqual(check(kubernetesRecord()).diagnostics, []);
    const record = airflowRecord();
    record.actions_taken[0].result = 'fail';
    delete record.actions_taken[0].error;
    assert.deepEqual(check(record).diagnostics.map((d) => d.code), ['IR004']);
  });

  test('IR207: success true while the last action failed is a warning on success', () => {
    const record = diskRecord();
    record.actions_taken[1].result = 'failed';
    record.actions_taken[1].error = 'Permission denied on /var/log/nginx/access.log.1';
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR207');
    assert.equal(d.severity, Severity.Warning);
    assert.deepEqual(d.range, valueRange(text, 'success', 'true'));
    assert.deepEqual(d.data, { pointer: '/success', recordIndex: 0 });
    assert.match(d.message, /^success is true, but the last action, actions_taken\[1\] \(clean_disk_space\), failed/);
  });

  test('IR207: "last" is by time, not by position in the list', () => {
    const record = diskRecord();
    // The failed rotate_logs is listed first but ran last.
    record.actions_taken[0].result = 'failed';
    record.actions_taken[0].error = 'logrotate: error reading state file';
    record.actions_taken[0].timestamp = '2024-08-03T12:25:00Z';
    const { diagnostics } = check(record);
    assert.match(single(diagnostics, 'IR207').message, /actions_taken\[0\] \(rotate_logs\), failed/);
    assert.equal(only(diagnostics, 'IR204').length, 1);
  });

  test('IR207: success false although every action succeeded', () => {
    const record = sparkRecord();
    record.actions_taken[1].result = 'success';
    delete record.actions_taken[1].error;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR207');
    assert.deepEqual(d.range, valueRange(text, 'success', 'false'));
    assert.match(d.message, /^success is false, but all 2 actions succeeded/);
  });

  test('IR207 does not fire when an earlier action failed and the last one resolved it, or the last only partly succeeded', () => {
    assert.deepEqual(check(airflowRecord()).diagnostics, []);
    const partial = databaseRecord();
    partial.actions_taken[2].result = 'partial_success';
    partial.actions_taken[2].error = 'Replica still lagging by 40 s';
    assert.deepEqual(check(partial).diagnostics, []);
  });

  test('IR210: new patterns while knowledge_base_updated is false is a warning on that value', () => {
    const record = kubernetesRecord();
    record.learning_feedback.new_patterns_learned = ['memory_leak_after_release', 'oomkill_loop'];
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR210');
    assert.equal(d.severity, Severity.Warning);
    assert.deepEqual(d.range, valueRange(text, 'knowledge_base_updated', 'false'));
    assert.equal(dataOf(d).pointer, '/learning_feedback/knowledge_base_updated');
    assert.match(d.message, /lists 2 new patterns: set it to true/);
  });

  test('IR210: an unknown action in improved_action_sequence is reported on the entry with a suggestion', () => {
    const record = sparkRecord();
    record.learning_feedback.failure_analysis.improved_action_sequence = ['kill_spark_application', 'adjust_spark_conf', 'restart_spark_job'];
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR210');
    assert.deepEqual(d.range, rangeOf(text, '"adjust_spark_conf"'));
    const data = dataOf<{ pointer: string; suggestions: string[]; allowed: string[] }>(d);
    assert.equal(data.pointer, '/learning_feedback/failure_analysis/improved_action_sequence/1');
    assert.deepEqual(data.suggestions[0], 'adjust_spark_config');
    assert.deepEqual(data.allowed, actionTypes());
    assert.match(d.message, /Did you mean "adjust_spark_config"\?/);
  });

  test('IR210 does not fire for an empty pattern list with no KB update, nor for catalogue actions', () => {
    const record = databaseRecord();
    assert.deepEqual(record.learning_feedback.new_patterns_learned, []);
    assert.deepEqual(check(record).diagnostics, []);
    assert.deepEqual(check(sparkRecord()).diagnostics, []);
  });
});
