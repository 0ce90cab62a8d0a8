import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { airflowRecord, databaseRecord, diskRecord, kubernetesRecord, sparkRecord } from '../../helpers/records';
import { Severity, check, dataOf, meta, only, single, valueRange } from './ruleTestKit';

suite('IR206 action-service-mismatch', () => {
  test('a Kubernetes action in an airflow record is a warning on the action type', () => {
    const record = airflowRecord();
    record.actions_taken[1] = {
      action: 'restart_pod',
      parameters: { namespace: 'airflow', pod_name: 'airflow-worker-3' },
      result: 'success',
      timestamp: '2024-03-14T05:09:45Z',
    };
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR206');
    assert.equal(d.severity, Severity.Warning);
    assert.deepEqual(d.range, valueRange(text, 'action', '"restart_pod"'));
    assert.deepEqual(d.data, { pointer: '/actions_taken/1/action', family: 'kubernetes', service: 'airflow', allowedFamilies: ['airflow', 'system'], recordIndex: 0 });
    assert.match(d.message, /^restart_pod is a Kubernetes action, but this is an airflow incident: airflow records use Airflow and System actions\./);
  });

  test('disk records use System actions only', () => {
    const record = diskRecord();
    record.actions_taken[0].action = 'kill_idle_connections';
    record.actions_taken[0].parameters = { database_host: 'web-17.prod.internal' };
    assert.match(single(check(record).diagnostics, 'IR206').message, /kill_idle_connections is a Database action, but this is a disk incident: disk records use System actions/);
  });

  test('System actions fit every service; unknown actions (IR009) and unknown services (IR008) are skipped', () => {
    const record = kubernetesRecord();
    record.actions_taken[0] = { action: 'restart_service', parameters: { service_name: 'kubelet', server_hostname: 'ip-10-42-3-17' }, result: 'success', timestamp: '2024-07-20T09:12:00Z' };
    assert.deepEqual(check(record).diagnostics, []);
    const unknownAction = kubernetesRecord();
    unknownAction.actions_taken[0].action = 'restart_pods';
    assert.deepEqual(check(unknownAction).diagnostics.map((d) => d.code), ['IR009']);
    const unknownService = kubernetesRecord();
    unknownService.incident.service = 'k8s';
    assert.deepEqual(check(unknownService).diagnostics.map((d) => d.code), ['IR008']);
  });
});

suite('IR208 metric-inconsistent', () => {
  test('usage_percentage is the odd one out when used + available = total: data.expected recomputes it', () => {
    const record = diskRecord();
    meta(record).usage_percentage = 86;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR208');
    assert.equal(d.severity, Severity.Warning);
    assert.deepEqual(d.range, valueRange(text, 'usage_percentage', '86'));
    assert.deepEqual(d.data, { pointer: '/incident/metadata/usage_percentage', metric: 'usage_percentage', expected: 96, recordIndex: 0 });
    assert.equal(d.message, 'usage_percentage is 86, but used_size_gb / total_size_gb is 96 % (480 GB of 500 GB): off by 10 points. Set it to 96.');
  });

  test('expected is rounded to one decimal', () => {
    const record = diskRecord();
    Object.assign(meta(record), { total_size_gb: 300, used_size_gb: 200, available_size_gb: 100, usage_percentage: 60 });
    assert.equal(dataOf(single(check(record).diagnostics, 'IR208')).expected, 66.7);
  });

  test('available_size_gb is the odd one out when the percentage agrees with used / total', () => {
    const record = diskRecord();
    meta(record).available_size_gb = 35;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR208');
    assert.deepEqual(d.range, valueRange(text, 'available_size_gb', '35'));
    assert.deepEqual(dataOf(d).metric, 'available_size_gb');
    assert.match(d.message, /^available_size_gb is 35 GB, but total_size_gb − used_size_gb is 20 GB: off by 15 GB\./);
  });

  test('total_size_gb is the odd one out when the percentage agrees with used / (used + available)', () => {
    const record = diskRecord();
    meta(record).total_size_gb = 550;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR208');
    assert.deepEqual(d.range, valueRange(text, 'total_size_gb', '550'));
    assert.equal(dataOf(d).metric, 'total_size_gb');
    assert.match(d.message, /^total_size_gb is 550 GB, but used_size_gb \+ available_size_gb is 500 GB \(off by 50 GB\)/);
  });

  test('used_size_gb is the odd one out when the percentage agrees with total − available', () => {
    const record = diskRecord();
    meta(record).used_size_gb = 400;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR208');
    assert.deepEqual(d.range, valueRange(text, 'used_size_gb', '400'));
    assert.equal(dataOf(d).metric, 'used_size_gb');
  });

  test('when no single disk figure is the odd one out, one diagnostic on total_size_gb names both disagreements', () => {
    const record = diskRecord();
    Object.assign(meta(record), { used_size_gb: 400, usage_percentage: 50 });
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR208');
    assert.deepEqual(d.range, valueRange(text, 'total_size_gb', '500'));
    assert.equal(dataOf(d).metric, 'disk_sizes');
    assert.match(d.message, /used_size_gb \+ available_size_gb is 420 GB, not total_size_gb \(500 GB\), and usage_percentage \(50\) is not used \/ total \(80 %\)/);
  });

  test('disk figures within the tolerances are consistent (rounding in df output)', () => {
    const record = diskRecord();
    // 0.5 % of 500 GB is 2.5 GB of slack on the sum; ±0.5 points on the percentage.
    Object.assign(meta(record), { total_size_gb: 500, used_size_gb: 480.4, available_size_gb: 21.9, usage_percentage: 96.4 });
    assert.deepEqual(check(record).diagnostics, []);
  });

  test('active + idle above max_connections is reported on max_connections', () => {
    const record = databaseRecord();
    meta(record).pool_config.current_idle = 12;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR208');
    assert.deepEqual(d.range, valueRange(text, 'max_connections', '100'));
    assert.deepEqual(d.data, { pointer: '/incident/metadata/pool_config/max_connections', metric: 'pool_connections', recordIndex: 0 });
    assert.match(d.message, /^max_connections is 100, but current_active \(100\) \+ current_idle \(12\) = 112 open connections, 12 more than the pool allows/);
  });

  test('retry_count above max_retries is reported on retry_count', () => {
    const record = airflowRecord();
    meta(record).error_details.retry_count = 5;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR208');
    assert.deepEqual(d.range, valueRange(text, 'retry_count', '5'));
    assert.equal(dataOf(d).metric, 'retry_count');
    assert.match(d.message, /retry_count is 5, but max_retries is 3: the task cannot have retried 2 more times than configured/);
  });

  test('processed and failed-at records beyond the input are reported on each value', () => {
    const record = sparkRecord();
    meta(record).data_processed.processed_records = 190000000;
    meta(record).data_processed.failed_at_record = 182000001;
    const { text, diagnostics } = check(record);
    const found = only(diagnostics, 'IR208');
    assert.deepEqual(found.map((d) => dataOf(d).metric), ['processed_records', 'failed_at_record']);
    assert.deepEqual(found[0].range, valueRange(text, 'processed_records', '190000000'));
    assert.deepEqual(found[1].range, valueRange(text, 'failed_at_record', '182000001'));
    assert.match(found[0].message, /exceeds input_records \(182000000\) by 8000000/);
    assert.match(found[1].message, /is 1 past input_records/);
  });

  test('OOMKilled with an exit code other than 137 is reported on exit_code', () => {
    const record = kubernetesRecord();
    meta(record).error_details.exit_code = 1;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR208');
    assert.deepEqual(d.range, valueRange(text, 'exit_code', '1'));
    assert.equal(dataOf(d).metric, 'exit_code');
    assert.match(d.message, /exits with 137 \(128 \+ SIGKILL\)/);
  });

  test('close but consistent: retries equal to the maximum, a full pool, the last record failing, other reasons', () => {
    const airflow = airflowRecord();
    meta(airflow).error_details.retry_count = 3;
    const database = databaseRecord();
    Object.assign(meta(database).pool_config, { current_active: 60, current_idle: 40 });
    const spark = sparkRecord();
    Object.assign(meta(spark).data_processed, { processed_records: 181999999, failed_at_record: 182000000 });
    const kubernetes = kubernetesRecord();
    Object.assign(meta(kubernetes).error_details, { reason: 'CrashLoopBackOff', exit_code: 1 });
    for (const record of [airflow, database, spark, kubernetes]) {
      assert.deepEqual(check(record).diagnostics, []);
    }
  });

  test('values the schema rejected are not compared again', () => {
    const record = diskRecord();
    meta(record).usage_percentage = 196;
    assert.deepEqual(check(record).diagnostics.map((d) => d.code), ['IR006']);
  });
});
