import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { sparkRecord } from '../../helpers/records';
import { rangeOf } from '../../helpers/text';
import { Severity, check, dataOf, meta, only, single } from './ruleTestKit';

interface MissingData {
  pointer: string;
  missing: { pointer: string; empty?: boolean }[];
}

/** A driver-side failure: no executor evidence anywhere. */
function driverFailure() {
  const record = sparkRecord();
  record.incident.title = 'sessionize-daily failed to resolve its input table';
  meta(record).error_details = {
    exception_class: 'org.apache.spark.sql.AnalysisException',
    exception_message: 'Table or view not found: events_raw',
    gc_time_percentage: 1.2,
    partition_size_mb: 0,
  };
  delete meta(record).executor_id;
  return record;
}

suite('spark guideline rules (IR121–IR124)', () => {
  test('IR121: a missing application_id is an error on metadata', () => {
    const record = sparkRecord();
    delete meta(record).application_id;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR121');
    assert.equal(d.severity, Severity.Error);
    assert.deepEqual(d.range, rangeOf(text, '"metadata"'));
    assert.deepEqual(dataOf<MissingData>(d).missing, [{ pointer: '/incident/metadata/application_id' }]);
    assert.match(d.message, /guideline: include application and executor IDs for precise targeting/);
  });

  test('IR121: executor_id is required when the title names an executor', () => {
    const record = sparkRecord();
    delete meta(record).executor_id;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR121');
    assert.deepEqual(d.range, rangeOf(text, '"metadata"'));
    assert.deepEqual(dataOf<MissingData>(d).missing, [{ pointer: '/incident/metadata/executor_id' }]);
    assert.match(d.message, /lacks executor_id although the failure is executor-side \(the title mentions an executor\)/);
    assert.match(d.message, /"driver"/);
  });

  test('IR121: the heap figures the seed lists for every Spark record do not make a failure executor-side; null means absent', () => {
    const record = driverFailure();
    meta(record).error_details.executor_max_heap = '3.6g';
    meta(record).error_details.heap_usage_before_oom = '3.5g';
    meta(record).executor_id = null;
    assert.deepEqual(only(check(record).diagnostics, 'IR121'), [], 'executor heap figures alone say nothing about where the failure was');
    assert.deepEqual(only(check(record).diagnostics, 'IR003'), [], 'null for an optional field is no type error');
  });

  test('IR121: an ExecutorLostFailure or an unattributed OOM is executor-side', () => {
    const lost = driverFailure();
    meta(lost).error_details.exception_class = 'org.apache.spark.scheduler.ExecutorLostFailure';
    assert.match(single(check(lost).diagnostics, 'IR121').message, /the exception mentions an executor/);

    const oom = driverFailure();
    meta(oom).error_details.exception_class = 'java.lang.OutOfMemoryError';
    meta(oom).error_details.exception_message = 'GC overhead limit exceeded';
    assert.match(single(check(oom).diagnostics, 'IR121').message, /out-of-memory error and the driver is not named/);
  });

  test('IR121: a driver-side failure needs no executor_id, nor does an OOM in the driver', () => {
    assert.deepEqual(only(check(driverFailure()).diagnostics, 'IR121'), []);
    const driverOom = driverFailure();
    meta(driverOom).error_details.exception_class = 'java.lang.OutOfMemoryError';
    meta(driverOom).error_details.exception_message = 'Java heap space (driver collecting 4.1 GB of results)';
    assert.deepEqual(only(check(driverOom).diagnostics, 'IR121'), []);
    const marked = sparkRecord();
    meta(marked).executor_id = 'driver';
    assert.deepEqual(check(marked).diagnostics, []);
  });

  test('IR122: without resource_config, one warning lists its four fields', () => {
    const record = sparkRecord();
    delete meta(record).resource_config;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR122');
    assert.equal(d.severity, Severity.Warning);
    assert.deepEqual(d.range, rangeOf(text, '"metadata"'));
    assert.deepEqual(dataOf<MissingData>(d).missing.map((m) => m.pointer), [
      '/incident/metadata/resource_config/executor_memory',
      '/incident/metadata/resource_config/executor_cores',
      '/incident/metadata/resource_config/num_executors',
      '/incident/metadata/resource_config/driver_memory',
    ]);
    assert.match(d.message, /lacks resource_config \(executor_memory, executor_cores, num_executors, driver_memory\)/);
  });

  test('IR122: an incomplete resource_config is reported on resource_config; a malformed memory is only IR005', () => {
    const record = sparkRecord();
    delete meta(record).resource_config.driver_memory;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR122');
    assert.deepEqual(d.range, rangeOf(text, '"resource_config"'));
    assert.deepEqual(dataOf<MissingData>(d).missing, [{ pointer: '/incident/metadata/resource_config/driver_memory' }]);

    const malformed = sparkRecord();
    meta(malformed).resource_config.driver_memory = '4 GB';
    assert.deepEqual(check(malformed).diagnostics.map((x) => x.code), ['IR005']);
  });

  test('IR123: an incomplete data_processed is a warning on data_processed', () => {
    const record = sparkRecord();
    delete meta(record).data_processed.failed_at_record;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR123');
    assert.equal(d.severity, Severity.Warning);
    assert.deepEqual(d.range, rangeOf(text, '"data_processed"'));
    assert.deepEqual(dataOf<MissingData>(d).missing, [{ pointer: '/incident/metadata/data_processed/failed_at_record' }]);
    assert.match(d.message, /checkpoint recovery/);
  });

  test('IR123 does not fire for zero processed records', () => {
    const record = sparkRecord();
    meta(record).data_processed.processed_records = 0;
    meta(record).data_processed.failed_at_record = 1;
    assert.deepEqual(check(record).diagnostics, []);
  });

  test('IR124: missing performance metrics are information on error_details', () => {
    const record = sparkRecord();
    delete meta(record).error_details.gc_time_percentage;
    delete meta(record).error_details.partition_size_mb;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR124');
    assert.equal(d.severity, Severity.Information);
    assert.deepEqual(d.range, rangeOf(text, '"error_details"'));
    assert.deepEqual(dataOf<MissingData>(d).missing.map((m) => m.pointer), [
      '/incident/metadata/error_details/gc_time_percentage',
      '/incident/metadata/error_details/partition_size_mb',
    ]);
  });

  test('IR124 does not fire for a GC time of zero', () => {
    const record = sparkRecord();
    meta(record).error_details.gc_time_percentage = 0;
    assert.deepEqual(check(record).diagnostics, []);
  });
});
