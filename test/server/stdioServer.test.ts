import assert from 'node:assert/strict';
import { after, before, suite, test } from 'node:test';
import type { CompletionList, Hover, MarkupContent } from 'vscode-languageserver-types';
import { airflowRecord, kubernetesRecord, line, pretty } from '../helpers/records';
import { codes, startTestClient, TestClient } from '../helpers/lspClient';

suite('language server over stdio', () => {
  let client: TestClient;

  before(async () => {
    client = await startTestClient();
  });

  after(async () => {
    await client.stop();
  });

  test('publishes diagnostics on open and clears them when a change fixes the problem', async () => {
    const uri = 'file:///tmp/ws/billing.incident.json';
    const record = airflowRecord();
    (record.incident as Record<string, unknown>).severity = 'hgh';
    const text = pretty(record);
    const opened = client.diagnostics(uri);
    client.open(uri, 'incident-json', text);
    const first = await opened;
    assert.deepEqual(codes(first.diagnostics), ['IR004']);
    assert.equal(first.version, 1);

    const range = first.diagnostics[0].range;
    const fixed = client.diagnostics(uri, (p) => p.version === 2);
    client.change(uri, 2, [{ range, text: '"high"' }]);
    const second = await fixed;
    assert.deepEqual(second.diagnostics, []);
  });

  test('checks each line of a JSON Lines document', async () => {
    const uri = 'file:///tmp/ws/dataset.incidents.jsonl';
    const bad = kubernetesRecord();
    (bad.actions_taken as Record<string, unknown>[])[0].action = 'restart_pods';
    const opened = client.diagnostics(uri);
    client.open(uri, 'incident-jsonl', [line(airflowRecord()), '{ broken', line(bad)].join('\n'));
    const params = await opened;
    assert.deepEqual(
      params.diagnostics.map((d) => [d.code, d.range.start.line]),
      [
        ['IR001', 1],
        ['IR009', 2],
      ],
    );
  });

  test('answers completion and hover from the schema', async () => {
    const uri = 'file:///tmp/ws/hover.incident.json';
    const text = pretty(airflowRecord());
    const opened = client.diagnostics(uri);
    client.open(uri, 'incident-json', text);
    await opened;
    const lines = text.split('\n');
    const severityLine = lines.findIndex((l) => l.includes('"severity"'));
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: severityLine, character: lines[severityLine].indexOf('"severity"') + 3 },
    })) as Hover;
    assert.ok(hover, 'hover answered');
    const contents = hover.contents as MarkupContent | string | { value: string }[];
    const textOf = typeof contents === 'string' ? contents : Array.isArray(contents) ? contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n') : contents.value;
    assert.match(textOf, /severity/i);

    const valueColumn = lines[severityLine].indexOf('"high"') + 1;
    const completion = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: severityLine, character: valueColumn },
    })) as CompletionList;
    const labels = completion.items.map((i) => i.label);
    for (const value of ['"low"', '"medium"', '"high"', '"critical"']) {
      assert.ok(labels.includes(value), `completion offers ${value}: ${labels.join(', ')}`);
    }
  });

  test('keeps serving after a request for an unknown document', async () => {
    const result = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nope.incident.json' }, position: { line: 0, character: 0 } });
    assert.equal(result, null);
    const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///tmp/ws/hover.incident.json' } });
    assert.ok(Array.isArray(symbols) && symbols.length === 1);
  });
});
