/**
 * `incidentRecords/fixAll` over stdio: every safe fix of a dataset as one
 * versioned edit, with work-done progress, and the count per code; nothing
 * for a version the client no longer has.
 */
import assert from 'node:assert/strict';
import { after, before, suite, test } from 'node:test';
import { FixAllRequest, FixAllResult, fixSummary } from '../../common/protocol';
import { diskRecord, line } from '../helpers/records';
import { startTestClient, TestClient } from '../helpers/lspClient';

suite('fix all over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestClient();
  });
  after(async () => {
    await client.stop();
  });

  test('one edit for the whole dataset, progress while it runs, the count per code', async () => {
    const uri = 'file:///tmp/ws/fix-all.incidents.jsonl';
    const records = Array.from({ length: 600 }, (_, i) => {
      const record = diskRecord();
      record.incident.title = `disk full ${i}`;
      record.incident.severity = i % 3 === 0 ? 'SEV-2' : 'high';
      record.actions_taken[0].parameters = { host: 'web-prod-03.internal', path: '/var/log' };
      return line(record);
    });
    const published = client.diagnostics(uri);
    client.open(uri, 'incident-jsonl', records.join('\n') + '\n');
    await published;
    const reports: { kind: string; percentage?: number; message?: string }[] = [];
    const listening = client.connection.onNotification('$/progress', (params: { token: string; value: { kind: string; percentage?: number; message?: string } }) => {
      if (params.token === 'fix-1') {
        reports.push(params.value);
      }
    });
    const result = (await client.connection.sendRequest(FixAllRequest.method, { textDocument: { uri, version: 1 }, workDoneToken: 'fix-1' })) as FixAllResult;
    listening.dispose();
    assert.deepEqual(result.byCode, { IR004: 200, IR162: 1200 });
    assert.equal(result.applied, 1400);
    assert.equal(fixSummary(result), 'Fixed 1,400 problems: IR004 × 200, IR162 × 1,200. Undo takes them all back.');
    const change = result.edit?.documentChanges?.[0] as { textDocument: { uri: string; version: number }; edits: unknown[] };
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    assert.equal(change.edits.length, 1400);
    assert.equal(reports[0]?.kind, 'begin');
    assert.equal(reports[reports.length - 1]?.kind, 'end');
    assert.ok(reports.some((r) => r.kind === 'report' && /of 600 records/.test(r.message ?? '')), JSON.stringify(reports.slice(0, 4)));
    assert.equal(await client.connection.sendRequest(FixAllRequest.method, { textDocument: { uri, version: 7 } }), null, 'a version the server does not have');
  });
});
