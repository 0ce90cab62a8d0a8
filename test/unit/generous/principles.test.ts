/**
 * "Reading records generously" (SPEC), one principle per test, each with a
 * record that was reported before and must not be, and the real problem next
 * to it that still is.
 */
import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { fixAll } from '../../../server/src/service/fixes';
import { getIncidentService } from '../../../server/src/service/incidentService';
import { JsonRecord, airflowRecord, databaseRecord, diskRecord, kubernetesRecord, line, pretty, sparkRecord } from '../../helpers/records';
import { incidentDocument } from '../../helpers/text';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const service = getIncidentService({ now: () => NOW });

const loud = (d: Diagnostic) => d.severity === 1 || d.severity === 2;
function codes(record: JsonRecord, all = false): string[] {
  return service
    .diagnostics(incidentDocument(pretty(record)))
    .filter((d) => all || loud(d))
    .map((d) => String(d.code));
}

const meta = (record: JsonRecord) => record.incident.metadata as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

suite('reading records generously', () => {
  test('no invented constraints: a field the seed types only as a string accepts any string', () => {
    const disk = diskRecord();
    meta(disk).error_details.estimated_time_to_full = 'about 6 hours';
    meta(disk).error_details.largest_directories = [{ '/var/log/app': '210 GB' }, { path: '/var/lib/docker', size: '1.1T' }];
    meta(disk).error_details.recent_large_files[0].size = 'unknown';
    const db = databaseRecord();
    meta(db).error_details.sqlstate = 'n/a';
    meta(db).error_details.error_code = 'ORA-12519';
    const spark = sparkRecord();
    meta(spark).error_details.heap_usage_before_oom = 'n/a (container killed)';
    meta(spark).error_details.executor_max_heap = '7.2 GiB';
    for (const record of [disk, db, spark]) {
      assert.deepEqual(codes(record, true), []);
    }
    // The formats the seed and SPEC name are still checked.
    meta(spark).resource_config.executor_memory = '8 gigs';
    assert.deepEqual(codes(spark), ['IR005']);
  });

  test('null means absent: no type error; a guideline that wants the field reports it as missing', () => {
    const spark = sparkRecord();
    spark.incident.title = 'sessionize-daily: AnalysisException on events_raw';
    meta(spark).executor_id = null;
    meta(spark).error_details.exception_class = 'org.apache.spark.sql.AnalysisException';
    meta(spark).error_details.exception_message = 'Table or view not found: events_raw';
    assert.deepEqual(codes(spark, true), [], 'not executor-side: executor_id null is right');
    const succeeded = kubernetesRecord();
    assert.equal(succeeded.success, true);
    succeeded.learning_feedback.failure_analysis = null;
    succeeded.actions_taken.forEach((a: Record<string, unknown>) => (a.error = null));
    assert.deepEqual(codes(succeeded, true), [], 'a null failure analysis and null errors are none (no IR202, no IR003)');
    const airflow = airflowRecord();
    meta(airflow).dag_run_id = null;
    assert.deepEqual(codes(airflow), ['IR101']);
  });

  test('action parameters are a vocabulary: the tools’ names target, other parameters are never required', () => {
    const k8s = kubernetesRecord();
    k8s.actions_taken[0].parameters = { ns: 'checkout', pod: 'checkout-api-7d9f8b6c5-x2k4p', grace_period: '30s' };
    const disk = diskRecord();
    disk.actions_taken = [{ action: 'clean_disk_space', parameters: { host: 'web-prod-03.internal', mount_point: '/var/log', days: 7 }, result: 'success', timestamp: '2024-07-20T09:15:00Z' }];
    disk.resolution_time = 600;
    const db = databaseRecord();
    db.actions_taken = [{ action: 'scale_connection_pool', parameters: { pool: 'orders-hikari' }, result: 'success', timestamp: '2024-04-02T04:05:00Z' }];
    db.resolution_time = 600;
    for (const record of [k8s, disk, db]) {
      assert.deepEqual(codes(record), [], JSON.stringify(record.actions_taken));
      assert.ok(codes(record, true).every((c) => c === 'IR162'), 'only hints: rename to one vocabulary if you like');
    }
  });

  test('IR161: an action that names no target under any name, with what the agent could not target, and a fix from the metadata', () => {
    const record = kubernetesRecord();
    record.actions_taken[0].action = 'restart_pod';
    record.actions_taken[0].parameters = { grace_period_seconds: 30 };
    const text = pretty(record);
    const diagnostics = service.diagnostics(incidentDocument(text));
    const [d] = diagnostics.filter((x) => x.code === 'IR161');
    assert.equal(d.severity, 2);
    assert.match(String(d.message), /could not target it without pod_name \(or pod, pod_id, target_pod\), or deployment_name \(or deployment, deploy, deployment_id\), or selector/);
    const [fix] = service.getCodeActions(incidentDocument(text), [d], {});
    const fixed = JSON.parse(fixAllOf(text, fix));
    assert.equal(fixed.actions_taken[0].parameters.pod_name, meta(record).pod_name, 'filled from the metadata');
  });

  test('IR162: a hint with a rename, and fix-all gives the whole dataset one vocabulary', () => {
    const records = [diskRecord(), diskRecord()];
    records.forEach((r, i) => {
      r.incident.title = `disk full ${i}`;
      r.actions_taken[0].parameters = { host: 'web-prod-03.internal', path: '/var/log' };
    });
    const text = records.map(line).join('\n') + '\n';
    const hints = service.diagnostics(incidentDocument(text, 'jsonl')).filter((d) => d.code === 'IR162');
    assert.equal(hints.length, 4);
    assert.ok(hints.every((h) => h.severity === 4));
    const [rename] = service.getCodeActions(incidentDocument(text, 'jsonl'), [hints[0]], {});
    assert.equal(rename.title, 'Rename "host" to "server_hostname"');
    const result = fixAll(text, 'jsonl', { now: NOW });
    assert.equal(result.byCode.IR162, 4);
    for (const r of result.text.trim().split('\n').map((l) => JSON.parse(l))) {
      assert.deepEqual(Object.keys(r.actions_taken[0].parameters), ['server_hostname', 'filesystem_path']);
    }
  });

  test('values as the target system reads them: Spark settings typed, a CPU as a number, counts as 3.0 or "3"', () => {
    const spark = sparkRecord();
    const adjust = spark.actions_taken.find((a: Record<string, unknown>) => a.action === 'adjust_spark_config');
    const target = adjust ?? spark.actions_taken[0];
    target.action = 'adjust_spark_config';
    target.parameters = { application_id: meta(spark).application_id, conf: { 'spark.sql.shuffle.partitions': 400, 'spark.dynamicAllocation.enabled': true, 'spark.executor.memory': '8g' } };
    assert.deepEqual(codes(spark), []);
    const k8s = kubernetesRecord();
    meta(k8s).error_details.resource_limits = { memory: 1073741824, cpu: 2 };
    meta(k8s).error_details.restart_count = 3.0;
    k8s.actions_taken[1].action = 'scale_deployment';
    k8s.actions_taken[1].parameters = { deployment: meta(k8s).deployment_name, replicas: '8' };
    assert.deepEqual(codes(k8s), []);
    k8s.actions_taken[1].parameters = { deployment: meta(k8s).deployment_name, replicas: 'eight' };
    assert.deepEqual(codes(k8s), ['IR003'], 'no spelling kubectl reads');
  });

  test('a rule about a value that is present points at that value', () => {
    const record = databaseRecord();
    meta(record).affected_services = [];
    const text = pretty(record);
    const [d] = service.diagnostics(incidentDocument(text)).filter((x) => x.code === 'IR114');
    const offset = text.indexOf('"affected_services": []') + '"affected_services": '.length;
    assert.equal(incidentDocument(text).offsetAt(d.range.start), offset);
  });

  test('skeleton text left in a record is a defect (IR211), on each placeholder', () => {
    const record = airflowRecord();
    record.incident.title = 'Short summary of the incident';
    record.incident.description = 'What happened';
    const found = service.diagnostics(incidentDocument(pretty(record))).filter((d) => d.code === 'IR211');
    assert.equal(found.length, 2);
    assert.ok(found.every((d) => d.severity === 2));
  });
});

function fixAllOf(text: string, action: { edit?: { changes?: Record<string, { range: unknown; newText: string }[]> } }): string {
  const document = incidentDocument(text);
  const edits = Object.values(action.edit?.changes ?? {})[0] ?? [];
  return (
    edits
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      .map((e: any) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), text: e.newText as string }))
      .sort((a, b) => b.start - a.start)
      .reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text)
  );
}
