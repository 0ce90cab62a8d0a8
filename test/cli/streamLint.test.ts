import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintJsonLinesStream } from '../../server/src/cli/streamLint';
import type { ReportDiagnostic } from '../../server/src/cli/report';
import { defaultSeverities, toDiagnostics, checkDocument } from '../../server/src/service/documentChecker';
import { airflowRecord, databaseRecord, kubernetesRecord, line } from '../helpers/records';

const NOW = Date.parse('2025-01-01T00:00:00Z');

/** What the editor reports for the same text (whole-document check, LSP positions). */
function editorDiagnostics(text: string) {
  const doc = TextDocument.create('file:///x.incidents.jsonl', 'incident-jsonl', 1, text);
  return toDiagnostics(checkDocument(text, 'jsonl', { now: NOW }), (o) => doc.positionAt(o)).map((d) => ({
    code: String(d.code),
    message: d.message,
    range: d.range,
  }));
}

async function streamed(text: string, chunkSize: number) {
  const chunks: Buffer[] = [];
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += chunkSize) {
    chunks.push(bytes.subarray(i, i + chunkSize));
  }
  const out: ReportDiagnostic[] = [];
  await lintJsonLinesStream(Readable.from(chunks), { severityOf: defaultSeverities, now: NOW, onDiagnostic: (d) => out.push(d) });
  return out.map((d) => ({ code: d.code, message: d.message, range: d.range }));
}

function sampleLines(): string[] {
  const bad = airflowRecord();
  bad.incident.severity = 'hgh';
  bad.incident.title = 'Nightly billing DAG — stuck on load_invoices ✓';
  return [line(airflowRecord()), line(bad), '{"incident": {"title": "broken', line(databaseRecord()), '[1, 2]', line(kubernetesRecord()), line(airflowRecord())];
}

suite('streaming JSON Lines lint', () => {
  test('reports exactly what the editor reports, chunk boundaries anywhere', async () => {
    const text = sampleLines().join('\n') + '\n';
    const expected = editorDiagnostics(text);
    assert.ok(expected.some((d) => d.code === 'IR402'));
    for (const size of [1, 7, 64, 4096, 1 << 20]) {
      assert.deepEqual(await streamed(text, size), expected, `chunk size ${size}`);
    }
  });

  test('CRLF, a BOM, blank lines, lone CRs and a last line without newline map to the same positions', async () => {
    const lines = sampleLines();
    const text = '\uFEFF' + lines[0] + '\r\n\r\n' + lines[1].replace('"outcome"', '\r "outcome"') + '\r\n' + lines[2] + '\n  ' + lines[4] + '\n' + lines[6];
    assert.deepEqual(await streamed(text, 13), editorDiagnostics(text));
  });

  test('any arrangement of lines: stream and editor agree', async () => {
    const pool = [...sampleLines(), '', '   ', '{}', 'null', '{"a":1,"a":2}'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...pool), { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.integer({ min: 1, max: 300 }), async (picked, eol, chunk) => {
        const text = picked.join(eol);
        assert.deepEqual(await streamed(text, chunk), editorDiagnostics(text));
      }),
      { seed: 7, numRuns: 60 },
    );
  });
});
