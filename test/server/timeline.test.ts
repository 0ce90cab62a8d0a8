/**
 * The timeline's LSP surface on the bundled server: the typed requests and the
 * "Open Timeline" code lens (JSON files only), honouring `incidentRecords.codeLens.enable`.
 */
import assert from 'node:assert/strict';
import { after, before, suite, test } from 'node:test';
import type { CodeLens } from 'vscode-languageserver-types';
import { ShowTimelineCommand, TimelineMarkdownRequest, TimelineRequest } from '../../common/protocol';
import type { TimelineModel } from '../../common/timeline';
import { kubernetesRecord, line, sparkRecord } from '../helpers/records';
import { startTestClient, TestClient } from '../helpers/lspClient';

suite('timeline over LSP', () => {
  let client: TestClient;
  const lensesOff = new Set<string>();

  before(async () => {
    client = await startTestClient({
      capabilities: { workspace: { configuration: true }, textDocument: { codeLens: {} } },
    });
    // Answer each configuration item for its document: lenses off for the documents in `lensesOff`.
    client.connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string }[] }) =>
      params.items.map((item) => (item.scopeUri && lensesOff.has(item.scopeUri) ? { codeLens: { enable: false } } : {})),
    );
  });

  after(async () => {
    await client.stop();
  });

  const text = [line(kubernetesRecord()), '', line(sparkRecord())].join('\n') + '\n';

  async function open(uri: string): Promise<void> {
    const opened = client.diagnostics(uri);
    client.open(uri, 'incident-jsonl', text);
    await opened;
  }

  test('incidentRecords/timeline answers the model of the record on the line, and null for a document that is not open', async () => {
    const uri = 'file:///tmp/ws/timeline.incidents.jsonl';
    await open(uri);
    const model = (await client.connection.sendRequest(TimelineRequest.method, { textDocument: { uri }, position: { line: 2, character: 5 } })) as TimelineModel;
    assert.equal(model.uri, uri);
    assert.equal(model.version, 1);
    assert.equal(model.recordIndex, 1);
    assert.equal(model.header.title, 'Daily sessionization job lost executors to OOM');
    assert.deepEqual(model.actions.map((a) => [a.type, a.result, a.offsetText]), [
      ['kill_spark_application', 'success', '+0s'],
      ['restart_spark_job', 'failed', '+25m 00s'],
    ]);
    const missing = await client.connection.sendRequest(TimelineRequest.method, { textDocument: { uri: 'file:///tmp/ws/closed.incident.json' }, position: { line: 0, character: 0 } });
    assert.equal(missing, null);
  });

  test('incidentRecords/timelineMarkdown answers the table', async () => {
    const uri = 'file:///tmp/ws/markdown.incidents.jsonl';
    await open(uri);
    const markdown = await client.connection.sendRequest(TimelineMarkdownRequest.method, { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(
      markdown,
      [
        '| Time | Offset | Action | Result | Error |',
        '| --- | --- | --- | --- | --- |',
        '| 2024-07-20T09:12:00Z | +0s | `update_resource_limits` | ✓ success |  |',
        '| 2024-07-20T09:15:00Z | +3m 00s | `restart_pod` | ✓ success |  |',
        '|  | +10m 00s | _end of resolution_ (resolution\\_time 10m 00s) |  |  |',
        '',
      ].join('\n'),
    );
  });

  test('an "Open Timeline" code lens above each record of a JSON file runs the preview command on that record', async () => {
    const uri = 'file:///tmp/ws/lenses.incident.json';
    const array = `[\n${line(kubernetesRecord())},\n${line(sparkRecord())}\n]\n`;
    const opened = client.diagnostics(uri);
    client.open(uri, 'incident-json', array);
    await opened;
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
    assert.deepEqual(lenses, [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, command: { title: 'Open Timeline', command: ShowTimelineCommand, arguments: [uri, { line: 1, character: 0 }] } },
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, command: { title: 'Open Timeline', command: ShowTimelineCommand, arguments: [uri, { line: 2, character: 0 }] } },
    ]);
  });

  test('no code lens in JSON Lines: one per line would double the file\'s height (the title bar opens the timeline)', async () => {
    const uri = 'file:///tmp/ws/lenses.incidents.jsonl';
    await open(uri);
    assert.deepEqual(await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }), []);
  });

  test('no code lens when incidentRecords.codeLens.enable is off for the document', async () => {
    const uri = 'file:///tmp/ws/no-lenses.incident.json';
    lensesOff.add(uri);
    const opened = client.diagnostics(uri);
    client.open(uri, 'incident-json', line(kubernetesRecord()));
    await opened;
    assert.deepEqual(await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }), []);
  });
});
