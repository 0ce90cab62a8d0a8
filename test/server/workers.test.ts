/**
 * The language server checks a large dataset in worker threads: while the
 * first check runs, edits arrive; the diagnostics it ends with are those of
 * a full check of the final text (nothing stale is published), and the
 * client is shown the check's progress.
 */
import assert from 'node:assert/strict';
import { after, before, suite, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { checkDocument, toDiagnostics } from '../../server/src/service/documentChecker';
import { airflowRecord, databaseRecord, diskRecord, kubernetesRecord, line } from '../helpers/records';
import { startTestClient, TestClient } from '../helpers/lspClient';

suite('worker threads in the language server', () => {
  let client: TestClient;
  const progress: { token: unknown; value: { kind: string; message?: string; title?: string } }[] = [];

  before(async () => {
    client = await startTestClient({
      capabilities: { window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    client.connection.onRequest('window/workDoneProgress/create', () => null);
    client.connection.onNotification('$/progress', (p: { token: unknown; value: { kind: string; message?: string; title?: string } }) => {
      progress.push(p);
    });
  });

  after(async () => {
    await client.stop();
  });

  test('edits during the first check of 3,000 records end with the diagnostics of a full check', async () => {
    const uri = 'file:///tmp/ws/workers.incidents.jsonl';
    const makers = [airflowRecord, databaseRecord, kubernetesRecord, diskRecord];
    const lines = Array.from({ length: 3000 }, (_, i) => {
      const record = makers[i % makers.length]();
      record.incident.title = `Incident number ${i}`;
      if (i % 50 === 0) {
        record.incident.severity = 'SEV-2';
      }
      return line(record);
    });
    const mirror = TextDocument.create(uri, 'incident-jsonl', 1, lines.join('\n') + '\n');
    client.open(uri, 'incident-jsonl', mirror.getText());
    // Edits at once, while the workers are still checking: at the start, the middle and the end.
    for (const [version, lineNo, text] of [
      [2, 5, '{ broken'],
      [3, 1500, lines[7]],
      [4, 2990, ''],
      [5, 0, lines[2990]],
    ] as const) {
      const change: TextDocumentContentChangeEvent = { range: { start: { line: lineNo, character: 0 }, end: { line: lineNo, character: mirror.getText().split('\n')[lineNo].length } }, text };
      TextDocument.update(mirror, [change], version);
      client.change(uri, version, [change]);
    }
    const expected = toDiagnostics(checkDocument(mirror.getText(), 'jsonl', { now: Date.now() }), (o) => mirror.positionAt(o));
    const codes = expected.map((d) => String(d.code));
    assert.ok(codes.includes('IR001') && codes.includes('IR402') && codes.filter((c) => c === 'IR004').length === 58, codes.join(' '));
    const final = await client.diagnostics(uri, (p) => p.version === 5 && JSON.stringify(p.diagnostics) === JSON.stringify(expected));
    assert.equal(final.diagnostics.length, expected.length);
  });

  test('a large first check reports its progress, records checked of total, and ends it', async () => {
    const uri = 'file:///tmp/ws/progress.incidents.jsonl';
    const text = Array.from({ length: 4000 }, (_, i) => {
      const record = diskRecord();
      record.incident.title = `Disk ${i}`;
      return line(record);
    }).join('\n');
    const published = client.diagnostics(uri, (p) => p.version === 1);
    client.open(uri, 'incident-jsonl', text);
    await published;
    const title = 'Incident Records: Checking 4,000 records';
    const ofThis = () => {
      const begin = progress.find((p) => p.value.kind === 'begin' && p.value.title === title);
      return begin ? progress.filter((p) => p.token === begin.token).map((p) => p.value) : [];
    };
    await new Promise<void>((resolve) => {
      const done = () => (ofThis().some((p) => p.kind === 'end') ? resolve() : setTimeout(done, 20));
      done();
    });
    const values = ofThis();
    assert.equal(values[0].kind, 'begin');
    assert.ok(values.some((p) => p.kind === 'report' && /of 4,000 records/.test(p.message ?? '')), JSON.stringify(values));
    assert.equal(values[values.length - 1].kind, 'end');
  });
});
