import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { databaseRecord, diskRecord, kubernetesRecord } from '../../helpers/records';
import { rangeOf } from '../../helpers/text';
import { Severity, check, dataOf, meta, only, single } from './ruleTestKit';

interface MissingData {
  pointer: string;
  missing: { pointer: string; empty?: boolean }[];
}

suite('kubernetes and disk guideline rules (IR131, IR132, IR141, IR142)', () => {
  test('IR131: a missing pod_name is an error on metadata', () => {
    const record = kubernetesRecord();
    delete meta(record).pod_name;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR131');
    assert.equal(d.severity, Severity.Error);
    assert.deepEqual(d.range, rangeOf(text, '"metadata"'));
    assert.deepEqual(dataOf<MissingData>(d).missing, [{ pointer: '/incident/metadata/pod_name' }]);
    assert.match(d.message, /^Kubernetes record lacks pod_name: add it so the agent can target the exact pod/);
  });

  test('IR131 does not fire on the default namespace', () => {
    const record = kubernetesRecord();
    meta(record).namespace = 'default';
    assert.deepEqual(check(record).diagnostics, []);
  });

  test('IR132: an empty resource_limits and a missing current_usage are one warning on error_details', () => {
    const record = kubernetesRecord();
    meta(record).error_details.resource_limits = {};
    delete meta(record).error_details.current_usage;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR132');
    assert.equal(d.severity, Severity.Warning);
    assert.deepEqual(d.range, rangeOf(text, '"error_details"'));
    assert.deepEqual(dataOf<MissingData>(d).missing, [
      { pointer: '/incident/metadata/error_details/resource_limits', empty: true },
      { pointer: '/incident/metadata/error_details/current_usage' },
    ]);
  });

  test('IR132 does not fire when only memory is given', () => {
    const record = kubernetesRecord();
    const details = meta(record).error_details;
    details.resource_limits = { memory: '512Mi' };
    details.resource_requests = { memory: '256Mi' };
    details.current_usage = { memory: '509Mi' };
    assert.deepEqual(check(record).diagnostics, []);
  });

  test('IR141: a missing available size is a warning on metadata', () => {
    const record = diskRecord();
    delete meta(record).available_size_gb;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR141');
    assert.equal(d.severity, Severity.Warning);
    assert.deepEqual(d.range, rangeOf(text, '"metadata"'));
    assert.deepEqual(dataOf<MissingData>(d).missing, [{ pointer: '/incident/metadata/available_size_gb' }]);
    assert.deepEqual(diagnostics.map((x) => x.code), ['IR141'], 'the remaining numbers still agree (no IR208)');
  });

  test('IR141 does not fire for an empty disk (0 GB used)', () => {
    const record = diskRecord();
    Object.assign(meta(record), { used_size_gb: 0, available_size_gb: 500, usage_percentage: 0 });
    assert.deepEqual(check(record).diagnostics, []);
  });

  test('IR142: an empty largest_directories is information, with the growth rate missing too', () => {
    const record = diskRecord();
    meta(record).error_details.largest_directories = [];
    delete meta(record).error_details.disk_growth_rate_gb_per_hour;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR142');
    assert.equal(d.severity, Severity.Information);
    assert.deepEqual(d.range, rangeOf(text, '"error_details"'));
    assert.deepEqual(dataOf<MissingData>(d).missing, [
      { pointer: '/incident/metadata/error_details/disk_growth_rate_gb_per_hour' },
      { pointer: '/incident/metadata/error_details/largest_directories', empty: true },
    ]);
  });

  test('IR142 does not fire for a shrinking disk (negative growth rate)', () => {
    const record = diskRecord();
    meta(record).error_details.disk_growth_rate_gb_per_hour = -2.5;
    assert.deepEqual(check(record).diagnostics, []);
  });
});

suite('IR151 error-context (every service)', () => {
  test('a missing error_details is a warning on metadata, alongside the service rules that need its fields', () => {
    const record = kubernetesRecord();
    delete meta(record).error_details;
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR151');
    assert.equal(d.severity, Severity.Warning);
    assert.deepEqual(d.range, rangeOf(text, '"metadata"'));
    assert.deepEqual(dataOf<MissingData>(d), { pointer: '/incident/metadata', recordIndex: 0, missing: [{ pointer: '/incident/metadata/error_details' }] });
    assert.match(d.message, /^The record has no error_details: add the error/);
    assert.deepEqual(diagnostics.map((x) => x.code), ['IR132', 'IR151']);
  });

  test('an empty error_details is reported on its own key', () => {
    const record = databaseRecord();
    meta(record).error_details = {};
    const { text, diagnostics } = check(record);
    const d = single(diagnostics, 'IR151');
    assert.deepEqual(d.range, rangeOf(text, '"error_details"'));
    assert.deepEqual(dataOf<MissingData>(d).missing, [{ pointer: '/incident/metadata/error_details', empty: true }]);
    assert.match(d.message, /^error_details is empty/);
  });

  test('it checks records of an unknown service too, and stays silent without metadata', () => {
    const record = kubernetesRecord();
    record.incident.service = 'vault';
    delete meta(record).error_details;
    const { diagnostics } = check(record);
    assert.deepEqual(diagnostics.map((d) => d.code), ['IR008', 'IR151']);
    const noMetadata = kubernetesRecord();
    delete noMetadata.incident.metadata;
    assert.deepEqual(only(check(noMetadata).diagnostics, 'IR151'), []);
  });

  test('an error_details with only the growth fields is enough', () => {
    const record = diskRecord();
    meta(record).error_details = { disk_growth_rate_gb_per_hour: 18, estimated_time_to_full: '1h 6m', largest_directories: [{ '/var/log/nginx': '402G' }] };
    assert.deepEqual(check(record).diagnostics, []);
  });
});
