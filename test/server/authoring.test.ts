/**
 * Authoring features through the bundled server over stdio (run `npm run
 * build` first): record-aware completion, hover, and inlay hints with their
 * setting.
 */
import assert from 'node:assert/strict';
import { after, before, suite, test } from 'node:test';
import type { CompletionList, Hover, InlayHint, MarkupContent } from 'vscode-languageserver-types';
import { airflowRecord, pretty } from '../helpers/records';
import { startTestClient, TestClient } from '../helpers/lspClient';
import { rangeOf } from '../helpers/text';

const CAPABILITIES = {
  textDocument: {
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    publishDiagnostics: { versionSupport: true },
  },
};

/** An airflow record whose second action is being written: `"action": ""`. */
function recordWithNewAction(): string {
  const record = airflowRecord();
  record.actions_taken[1] = { action: '' };
  return pretty(record);
}

suite('authoring over stdio', () => {
  let client: TestClient;

  before(async () => {
    client = await startTestClient({ capabilities: CAPABILITIES });
  });

  after(async () => {
    await client.stop();
  });

  async function open(uri: string, text: string): Promise<void> {
    const published = client.diagnostics(uri);
    client.open(uri, 'incident-json', text);
    await published;
  }

  test('completes an action type with its parameters pre-filled from the record', async () => {
    const uri = 'file:///tmp/ws/authoring-completion.incident.json';
    const text = recordWithNewAction();
    await open(uri, text);
    const value = rangeOf(text, '""');
    const list = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: value.start.line, character: value.start.character + 1 },
    })) as CompletionList;
    const [first] = [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.equal(first.label, '"clear_dag_run"');
    assert.equal(first.insertTextFormat, 2);
    assert.deepEqual(first.textEdit && 'range' in first.textEdit ? first.textEdit.range : undefined, value);
    assert.equal(
      first.textEdit?.newText,
      '"clear_dag_run",\n      "parameters": {\n        "dag_id": "billing_nightly",\n        "dag_run_id": "scheduled__2024-03-14T02:00:00+00:00"\n      },\n      "result": "${1|success,failed,partial_success|}",\n      "timestamp": "${2:2024-03-14T05:03:10Z}"',
    );
  });

  test('hovers an action type and a duration', async () => {
    const uri = 'file:///tmp/ws/authoring-hover.incident.json';
    const text = pretty(airflowRecord());
    await open(uri, text);
    const at = rangeOf(text, '"mark_task_success"');
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: at.start.line, character: at.start.character + 4 },
    })) as Hover;
    assert.deepEqual(hover.range, at);
    assert.match((hover.contents as MarkupContent).value, /^\*\*mark_task_success\*\* · Airflow action\n\nMark task as successful/);

    const duration = rangeOf(text, '1260');
    const durationHover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: duration.start })) as Hover;
    assert.match((durationHover.contents as MarkupContent).value, /^\*\*21m 00s\*\*/);
  });

  test('shows inlay hints', async () => {
    const uri = 'file:///tmp/ws/authoring-hints.incident.json';
    const text = pretty(airflowRecord());
    await open(uri, text);
    const hints = (await client.connection.sendRequest('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } },
    })) as InlayHint[];
    assert.deepEqual(
      hints.map((h) => h.label),
      ['3h 00m 40s', '45m 00s', '21m 00s', '+7m 35s', '+12m 20s'],
    );
  });
});

suite('inlay hints setting over stdio', () => {
  let client: TestClient;

  before(async () => {
    client = await startTestClient({ capabilities: { ...CAPABILITIES, workspace: { configuration: true } } });
    client.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({ inlayHints: { enable: false } })));
  });

  after(async () => {
    await client.stop();
  });

  test('incidentRecords.inlayHints.enable: false turns them off', async () => {
    const uri = 'file:///tmp/ws/authoring-no-hints.incident.json';
    const text = pretty(airflowRecord());
    const published = client.diagnostics(uri);
    client.open(uri, 'incident-json', text);
    await published;
    const hints = await client.connection.sendRequest('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } },
    });
    assert.deepEqual(hints, []);
  });
});
