import assert from 'node:assert/strict';
import { after, before, suite, test } from 'node:test';
import type { DatasetOverview } from '../../common/protocol';
import { airflowRecord, databaseRecord, kubernetesRecord, line } from '../helpers/records';
import { startTestClient, TestClient } from '../helpers/lspClient';

suite('dataset overview over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestClient();
  });
  after(async () => {
    await client.stop();
  });

  test('summarises records and lists the records of each problem', async () => {
    const uri = 'file:///tmp/ws/overview.incidents.jsonl';
    const bad = kubernetesRecord();
    bad.incident.severity = 'hgh';
    const failed = databaseRecord();
    failed.success = false;
    const lines = [line(airflowRecord()), line(databaseRecord()), line(bad), '{ broken', line(kubernetesRecord())];
    const opened = client.diagnostics(uri);
    client.open(uri, 'incident-jsonl', lines.join('\n'));
    await opened;
    const overview = (await client.connection.sendRequest('incidentRecords/datasetOverview', { textDocument: { uri } })) as DatasetOverview;
    assert.equal(overview.records, 5);
    assert.deepEqual({ ...overview.byService }, { airflow: 1, database: 1, kubernetes: 2, '(none)': 1 });
    assert.equal(overview.bySeverity.high, 2);
    const enumProblem = overview.problems.find((p) => p.code === 'IR004');
    assert.ok(enumProblem, JSON.stringify(overview.problems.map((p) => p.code)));
    assert.equal(enumProblem.severity, 'error');
    assert.deepEqual(
      enumProblem.records.map((r) => [r.index, r.line]),
      [[2, 2]],
    );
    assert.equal(enumProblem.records[0].range.start.line, 2);
    const syntax = overview.problems.find((p) => p.code === 'IR001');
    assert.deepEqual(syntax?.records.map((r) => r.line), [3]);
    assert.ok(overview.recordsWithProblems >= 2);
  });
});
