import assert from 'node:assert/strict';
import { after, before, suite, test } from 'node:test';
import type { CompletionList, Hover, MarkupContent } from 'vscode-languageserver-types';
import { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { checkDocument, toDiagnostics } from '../../server/src/service/documentChecker';
import { airflowRecord, databaseRecord, diskRecord, kubernetesRecord, line, pretty } from '../helpers/records';
import { codes, startTestClient, TestClient } from '../helpers/lspClient';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { ProblemTotals } from '../../common/dataset';
import { ProblemTotalsNotification } from '../../common/protocol';

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

  test('a large CRLF dataset edited by several changes per notification ends with the diagnostics of a full check', async () => {
    const uri = 'file:///tmp/ws/multi.incidents.jsonl';
    const makers = [airflowRecord, databaseRecord, kubernetesRecord, diskRecord];
    const lines: string[] = [];
    for (let i = 0; i < 600; i++) {
      const record = makers[i % makers.length]();
      (record.incident as Record<string, unknown>).title = `Incident number ${i}`;
      lines.push(line(record));
    }
    // Spans many of the server's 64 KiB text chunks, so edits fall on chunk boundaries too.
    const mirror = TextDocument.create(uri, 'incident-jsonl', 1, lines.join('\r\n') + '\r\n');
    assert.ok(mirror.getText().length > 4 * 65536);
    const opened = client.diagnostics(uri, (p) => p.version === 1);
    client.open(uri, 'incident-jsonl', mirror.getText());
    assert.deepEqual((await opened).diagnostics, []);

    // A multi-cursor style notification: each change in the coordinates left by the ones before it, as LSP defines.
    const changes: TextDocumentContentChangeEvent[] = [];
    const edit = (change: TextDocumentContentChangeEvent) => {
      changes.push(change);
      TextDocument.update(mirror, [change], mirror.version + 1);
    };
    const on = (lineNo: number, needle: string) => {
      const character = mirror.getText({ start: { line: lineNo, character: 0 }, end: { line: lineNo + 1, character: 0 } }).indexOf(needle);
      assert.ok(character >= 0, `${needle} on line ${lineNo}`);
      return { start: { line: lineNo, character }, end: { line: lineNo, character: character + needle.length } };
    };
    edit({ range: on(420, '"high"'), text: '"hgh"' });
    edit({ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: '{ broken\r\n' });
    edit({ range: { start: { line: 100, character: 0 }, end: { line: 140, character: 0 } }, text: '' });
    edit({ range: { start: { line: 200, character: 5 }, end: { line: 201, character: 9 } }, text: '' });
    edit({ range: { start: { line: mirror.lineCount - 1, character: 0 }, end: { line: mirror.lineCount - 1, character: 0 } }, text: lines[3] + '\r\n' });

    // A check that takes long publishes progressively; the totals after each publish say whether records
    // were still unchecked, so the last publish of version 2 is the one after which none were.
    let latest: PublishDiagnosticsParams | undefined;
    void client.diagnostics(uri, (p) => {
      if (p.version === 2) {
        latest = p;
      }
      return false;
    });
    const updated = new Promise<PublishDiagnosticsParams>((resolve) => {
      client.connection.onNotification(ProblemTotalsNotification.method, (totals: ProblemTotals) => {
        if (totals.uri === uri && latest && !totals.unchecked) {
          resolve(latest);
        }
      });
    });
    client.change(uri, 2, changes);
    const published = (await updated).diagnostics;
    const text = mirror.getText();
    const expected = toDiagnostics(checkDocument(text, 'jsonl', { now: Date.now() }), (o) => mirror.positionAt(o));
    assert.deepEqual(published, expected);
    assert.ok(codes(published).includes('IR004') && codes(published).includes('IR001') && codes(published).includes('IR402'), codes(published).join(', '));
  });

  test('keeps serving after a request for an unknown document', async () => {
    const result = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nope.incident.json' }, position: { line: 0, character: 0 } });
    assert.equal(result, null);
    const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///tmp/ws/hover.incident.json' } });
    assert.ok(Array.isArray(symbols) && symbols.length === 1);
  });
});
