import assert from 'node:assert/strict';
import { after, before, suite, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, SnippetTextEdit, TextDocumentEdit, TextEdit } from 'vscode-languageserver-types';
import { airflowRecord, line, pretty, sparkRecord } from '../helpers/records';
import { codes, startTestClient, TestClient } from '../helpers/lspClient';
import { rangeOf } from '../helpers/text';

const CAPABILITIES = {
  textDocument: {
    publishDiagnostics: { versionSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
      isPreferredSupport: true,
    },
  },
  workspace: { workspaceEdit: { documentChanges: true, snippetEditSupport: true } },
};

function onlyChange(action: CodeAction): TextDocumentEdit {
  const changes = action.edit?.documentChanges ?? [];
  assert.equal(changes.length, 1, 'one document change');
  return changes[0] as TextDocumentEdit;
}

suite('code actions over stdio', () => {
  let client: TestClient;

  before(async () => {
    client = await startTestClient({ capabilities: CAPABILITIES });
  });

  after(async () => {
    await client.stop();
  });

  async function open(uri: string, languageId: string, text: string): Promise<Diagnostic[]> {
    const published = client.diagnostics(uri, (p) => p.version === 1);
    client.open(uri, languageId, text);
    return (await published).diagnostics;
  }

  function request(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } }) as Promise<CodeAction[]>;
  }

  test('a quick fix carries its diagnostic, isPreferred, and a versioned edit of the exact node', async () => {
    const uri = 'file:///tmp/ws/fix-enum.incident.json';
    const record = airflowRecord();
    record.incident.severity = 'hgh';
    const text = pretty(record);
    const diagnostics = await open(uri, 'incident-json', text);
    assert.deepEqual(codes(diagnostics), ['IR004']);
    const [action, ...rest] = await request(uri, diagnostics);
    assert.deepEqual(rest, []);
    assert.equal(action.title, 'Change to "high"');
    assert.equal(action.kind, 'quickfix');
    assert.equal(action.isPreferred, true);
    assert.deepEqual(action.diagnostics, diagnostics);
    const change = onlyChange(action);
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    assert.deepEqual(change.edits, [{ range: rangeOf(text, '"hgh"'), newText: '"high"' }]);
  });

  test('a placeholder fix is a snippet edit with tab stops for a client that applies them', async () => {
    const uri = 'file:///tmp/ws/fix-snippet.incidents.jsonl';
    const record = sparkRecord();
    delete record.actions_taken[1].error;
    const text = line(record) + '\n';
    const diagnostics = await open(uri, 'incident-jsonl', text);
    assert.deepEqual(codes(diagnostics), ['IR203']);
    const [action] = await request(uri, diagnostics);
    const [edit] = onlyChange(action).edits as SnippetTextEdit[];
    assert.deepEqual(edit.snippet, { kind: 'snippet', value: ',"error":"$1"' });
    const at = text.indexOf('"result":"failed"') + '"result":"failed"'.length;
    assert.deepEqual(edit.range, { start: { line: 0, character: at }, end: { line: 0, character: at } });
  });

  test('source.fixAll.incident-records returns one versioned edit that fixes every safe problem', async () => {
    const uri = 'file:///tmp/ws/fix-all.incident.json';
    const record = airflowRecord();
    record.incident.severity = 'hgh';
    record.resolution_time = '1260';
    delete record.incident.metadata.dag_run_id;
    delete record.actions_taken[0].error;
    const text = pretty(record);
    const diagnostics = await open(uri, 'incident-json', text);
    assert.deepEqual(codes(diagnostics).sort(), ['IR003', 'IR004', 'IR101', 'IR203']);
    const actions = await request(uri, [], ['source.fixAll']);
    assert.equal(actions.length, 1);
    const [action] = actions;
    assert.equal(action.kind, 'source.fixAll.incident-records');
    const change = onlyChange(action);
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'incident-json', 1, text), change.edits as TextEdit[]);
    const republished = client.diagnostics(uri, (p) => p.version === 2);
    client.change(uri, 2, [{ text: fixed }]);
    assert.deepEqual(codes((await republished).diagnostics), ['IR203']);
    assert.deepEqual(await request(uri, [], ['source.fixAll.incident-records']), [], 'nothing left to fix automatically');
  });
});
