import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { databaseRecord } from '../../helpers/records';
import { rangeOf } from '../../helpers/text';
import { Severity, check, dataOf, meta, only, single } from './ruleTestKit';
import { valueRange } from './ruleTestKit';

interface MissingData {
  pointer: string;
  missing: { pointer: string; empty?: boolean }[];
}

const POOL_FIELDS = ['max_connections', 'current_active', 'current_idle', 'wait_queue_size', 'connection_timeout'];

suite('database guideline rules (IR111, IR113–IR115)', () => {
  test('IR111: without pool_config, one warning on metadata lists every pool field', () => {
    const record = databaseRecord();
    delete meta(record).pool_config;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR111');
    assert.equal(d.severity, Severity.Warning);
    assert.deepEqual(d.range, rangeOf(text, '"metadata"'));
    assert.deepEqual(
      dataOf<MissingData>(d).missing.map((m) => m.pointer),
      POOL_FIELDS.map((f) => `/incident/metadata/pool_config/${f}`),
    );
    assert.match(d.message, /^Database record lacks pool_config \(max_connections, current_active, current_idle, wait_queue_size, connection_timeout\): add them/);
    assert.match(d.message, /guideline: specify exact connection details including pool configuration/);
    assert.deepEqual(diagnostics.map((x) => x.code), ['IR111']);
  });

  test('IR111: a missing pool name and one missing pool field are reported together, on metadata', () => {
    const record = databaseRecord();
    delete meta(record).connection_pool_name;
    delete meta(record).pool_config.wait_queue_size;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR111');
    assert.deepEqual(d.range, rangeOf(text, '"metadata"'));
    assert.deepEqual(dataOf<MissingData>(d).missing, [
      { pointer: '/incident/metadata/connection_pool_name' },
      { pointer: '/incident/metadata/pool_config/wait_queue_size' },
    ]);
  });

  test('IR111: only a pool field missing points at pool_config', () => {
    const record = databaseRecord();
    delete meta(record).pool_config.current_idle;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR111');
    assert.deepEqual(d.range, rangeOf(text, '"pool_config"'));
    assert.equal(dataOf<MissingData>(d).pointer, '/incident/metadata/pool_config');
  });

  test('IR111: a pool_config of the wrong type is the schema\'s problem only', () => {
    const record = databaseRecord();
    meta(record).pool_config = 'max=100';
    assert.deepEqual(check(record).diagnostics.map((d) => d.code), ['IR003']);
  });

  test('IR113: a missing connection_string is a warning on error_details', () => {
    const record = databaseRecord();
    delete meta(record).error_details.connection_string;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR113');
    assert.equal(d.severity, Severity.Warning);
    assert.deepEqual(d.range, rangeOf(text, '"error_details"'));
    assert.deepEqual(dataOf<MissingData>(d).missing, [{ pointer: '/incident/metadata/error_details/connection_string' }]);
    assert.match(d.message, /without the password/);
  });

  test('IR113 does not fire for a sanitized connection string in key=value form', () => {
    const record = databaseRecord();
    meta(record).error_details.connection_string = 'host=orders-db-primary.prod.internal port=5432 dbname=orders user=orders_api sslmode=require';
    assert.deepEqual(only(check(record).diagnostics, 'IR113'), []);
  });

  test('IR114: an empty affected_services is reported like a missing one, on the empty array', () => {
    const record = databaseRecord();
    meta(record).affected_services = [];
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR114');
    assert.equal(d.severity, Severity.Warning);
    assert.deepEqual(d.range, valueRange(text, 'affected_services', '[]'), 'a rule about a value that is present points at that value');
    assert.deepEqual(dataOf<MissingData>(d).missing, [{ pointer: '/incident/metadata/affected_services', empty: true }]);
    assert.match(d.message, /which services were affected/);

    const absent = databaseRecord();
    delete meta(absent).affected_services;
    assert.deepEqual(dataOf<MissingData>(single(check(absent).diagnostics, 'IR114')).missing, [{ pointer: '/incident/metadata/affected_services' }]);
  });

  test('IR114 does not fire for a single affected service', () => {
    const record = databaseRecord();
    meta(record).affected_services = ['orders-api'];
    assert.deepEqual(check(record).diagnostics, []);
  });

  test('IR115: missing timing fields are one warning on error_details', () => {
    const record = databaseRecord();
    delete meta(record).error_details.last_successful_connection;
    delete meta(record).error_details.failed_attempts_count;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR115');
    assert.equal(d.severity, Severity.Warning);
    assert.deepEqual(d.range, rangeOf(text, '"error_details"'));
    assert.deepEqual(dataOf<MissingData>(d).missing.map((m) => m.pointer), [
      '/incident/metadata/error_details/last_successful_connection',
      '/incident/metadata/error_details/failed_attempts_count',
    ]);
    assert.match(d.message, /guideline: capture timing patterns for load correlation/);
  });

  test('IR115: zero failed attempts and a malformed timestamp are not "missing"', () => {
    const record = databaseRecord();
    meta(record).error_details.failed_attempts_count = 0;
    meta(record).error_details.last_successful_connection = '2024-05-02 14:11';
    assert.deepEqual(check(record).diagnostics.map((d) => d.code), ['IR005']);
  });
});
