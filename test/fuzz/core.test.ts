/**
 * The checking core on fuzzed documents: `checkDocument` and `toDiagnostics`
 * (every problem inside its record, every range inside the document), the
 * incremental `RecordStore` under random edit sequences (equal to a full
 * re-check after each sequence), and the CLI's two paths — the streaming
 * JSON Lines linter and `lintText` — agreeing with the editor, down to each
 * finding's identity (record identity, location, content hash): a baseline
 * the CLI writes marks exactly every diagnostic the editor publishes.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintText } from '../../server/src/cli/lint';
import type { ReportDiagnostic } from '../../server/src/cli/report';
import { lintJsonLinesStream } from '../../server/src/cli/streamLint';
import { checkDocument, defaultSeverities, storeDiagnostics, toDiagnostics } from '../../server/src/service/documentChecker';
import { RecordStore, TextChange } from '../../server/src/service/incremental/recordStore';
import { ChunkedText } from '../../server/src/service/text/chunkedText';
import { NOW, RangeChecker, assertNoLongEcho, messageText, assertNoPollution, fuzz, fuzzAsync, prototypeSnapshot } from './fuzzKit';
import { FuzzDocument, Spot, documentArbitrary, insertTextArbitrary, resolveSpot, spotArbitrary } from './generators';
import { documentOf } from './exercise';
import { baselineMarker } from '../../server/src/baselines';
import { BaselineCollector, parseBaseline } from '../../server/src/service/baseline/baseline';

function editorDiagnostics(doc: { text: string; format: 'json' | 'jsonl' }) {
  const document = documentOf(doc);
  return toDiagnostics(checkDocument(doc.text, doc.format, { now: NOW }), (o) => document.positionAt(o));
}

/** The check of a document: problems inside their records, diagnostics inside the document, data naming the record. */
function assertCheck(doc: FuzzDocument): void {
  const check = checkDocument(doc.text, doc.format, { now: NOW });
  assert.equal(check.records.length, check.layout.spans.length, `${doc.recipe}: one result per record`);
  check.records.forEach((record, i) => {
    const span = check.layout.spans[i];
    assert.ok(span.start >= 0 && span.start <= span.end && span.end <= doc.text.length, `${doc.recipe}: span ${i} inside the text`);
    for (const p of record.problems) {
      assert.ok(p.start >= 0 && p.start <= p.end && p.end <= span.end - span.start, `${doc.recipe}: ${p.code} [${p.start}, ${p.end}) inside record ${i} of length ${span.end - span.start}`);
      assert.equal(p.data.recordIndex, record.index, `${doc.recipe}: ${p.code} names its record`);
    }
  });
  for (const p of check.documentProblems) {
    assert.ok(p.start >= 0 && p.start <= p.end && p.end <= doc.text.length, `${doc.recipe}: document problem ${p.code} inside the text`);
  }
  const ranges = new RangeChecker(doc.text);
  const diagnostics = editorDiagnostics(doc);
  diagnostics.forEach((d) => ranges.range(d.range, `${doc.recipe}: ${d.code}`));
  assertNoLongEcho(
    diagnostics.map(messageText),
    doc.text,
    doc.recipe,
  );
}

function simplify(d: { code?: unknown; message: string | { value: string }; range: unknown }) {
  return { code: String(d.code), message: messageText(d), range: d.range };
}

async function streamedReport(text: string, chunkSize: number): Promise<ReportDiagnostic[]> {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) {
    chunks.push(bytes.subarray(i, i + chunkSize));
  }
  const out: ReportDiagnostic[] = [];
  await lintJsonLinesStream(Readable.from(chunks), { severityOf: defaultSeverities, now: NOW, contentHash: true, onDiagnostic: (d) => out.push(d) });
  return out;
}

async function streamed(text: string, chunkSize: number): Promise<ReturnType<typeof simplify>[]> {
  return (await streamedReport(text, chunkSize)).map(simplify);
}

/** Whether a baseline written from the CLI's findings marks every diagnostic the editor publishes (as `incidentRecords.baseline` does). */
function editorMarksAll(doc: { text: string; format: 'json' | 'jsonl' }, cli: readonly ReportDiagnostic[]): boolean {
  const collector = new BaselineCollector();
  for (const d of cli) {
    collector.add('data', { record: d.finding!.identity, code: d.code, at: d.finding!.at });
  }
  const document = documentOf(doc);
  const store = new RecordStore(doc.format, doc.text, { now: () => NOW });
  store.checkSome();
  const marked = storeDiagnostics(store, (o) => document.positionAt(o), defaultSeverities, baselineMarker(parseBaseline(collector.toText()), '/ws/baseline.json', '/ws/data', store));
  return marked.length === cli.length && marked.every((d) => d.severity === 4);
}

/** An edit as the editor sends it: at a spot of the current text, removing some and inserting some. */
const editArbitrary = fc.record({ at: spotArbitrary, remove: fc.oneof(fc.constant(0), fc.nat({ max: 8 }), fc.nat({ max: 600 })), insert: fc.oneof(fc.constant(''), insertTextArbitrary) });

function change(text: string, edit: { at: Spot; remove: number; insert: string }): TextChange {
  const start = resolveSpot(text, edit.at);
  return { start, end: Math.min(text.length, start + edit.remove), text: edit.insert };
}

suite('fuzz: checking core and CLI', () => {
  test('checkDocument: problems inside their records, diagnostics inside the document, no long echo', (t) => {
    const snapshot = prototypeSnapshot();
    fuzz(
      t,
      'checkDocument',
      documentArbitrary,
      (doc) => {
        assertCheck(doc);
        assertNoPollution(snapshot, doc.recipe);
      },
      { runs: 500, seconds: 8, seed: 904 },
    );
  });

  test('RecordStore: after any edit sequence, incremental results equal a full re-check', (t) => {
    fuzz(
      t,
      'incremental store',
      // Chunk size 0: the store gets each new text as a string; otherwise it shares a chunked text (as in the server) cut that small.
      fc.tuple(documentArbitrary, fc.array(fc.tuple(editArbitrary, fc.nat({ max: 3 })), { minLength: 1, maxLength: 8 }), fc.constantFrom(0, 3, 16, 256)),
      ([doc, edits, chunkSize]) => {
        const shared = chunkSize > 0 ? new ChunkedText(doc.text, chunkSize) : undefined;
        const store = new RecordStore(doc.format, shared ?? doc.text, { now: () => NOW });
        store.checkSome();
        let text = doc.text;
        for (const [edit, checkNow] of edits) {
          const c = change(text, edit);
          text = text.slice(0, c.start) + c.text + text.slice(c.end);
          if (shared) {
            shared.replace(c.start, c.end, c.text);
            store.applyChange(c, shared);
          } else {
            store.applyChange(c, text);
          }
          if (checkNow > 0) {
            // Progressive checking: a slice of `checkNow` records, as the scheduler does between edits.
            let done = 0;
            store.checkSome(() => ++done >= checkNow);
          }
        }
        assert.equal(store.documentText, text, `${doc.recipe}: the store's text`);
        store.checkSome();
        const document = TextDocument.create('file:///x', 'x', 1, text);
        const incremental = storeDiagnostics(store, (o) => document.positionAt(o));
        assert.deepEqual(incremental, editorDiagnostics({ text, format: doc.format }), `${doc.recipe}: incremental = full after ${edits.length} edits`);
        const ranges = new RangeChecker(text);
        incremental.forEach((d) => ranges.range(d.range, `${doc.recipe}: ${d.code} after edits`));
      },
      { runs: 300, seconds: 10, seed: 905 },
    );
  });

  test('CLI: the streaming JSON Lines linter and lintText report what the editor reports', async (t) => {
    await fuzzAsync(
      t,
      'CLI agrees with the editor',
      fc.tuple(documentArbitrary, fc.oneof(fc.integer({ min: 1, max: 64 }), fc.constant(65536))),
      async ([doc, chunk]) => {
        const editor = editorDiagnostics(doc).map(simplify);
        const path = doc.format === 'jsonl' ? 'data.incidents.jsonl' : 'record.incident.json';
        const cli = lintText(doc.text, path, doc.format, undefined, NOW).map(simplify);
        assert.deepEqual(cli, editor, `${doc.recipe}: lintText`);
        if (doc.format === 'jsonl') {
          assert.deepEqual(await streamed(doc.text, chunk), editor, `${doc.recipe}: streamed in chunks of ${chunk} bytes`);
        }
        // Findings' identities, on the text as the CLI reads it from a file and the editor gets it from
        // VS Code: decoded from UTF-8, so without lone surrogates (which the fuzzer plants).
        const decoded = { text: Buffer.from(doc.text, 'utf8').toString('utf8'), format: doc.format };
        const report = lintText(decoded.text, path, doc.format, undefined, NOW, { contentHash: true });
        assert.ok(editorMarksAll(decoded, report), `${doc.recipe}: the editor keys every finding as the CLI does`);
        if (doc.format === 'jsonl') {
          assert.deepEqual(
            (await streamedReport(decoded.text, chunk)).map((d) => d.finding),
            report.map((d) => d.finding),
            `${doc.recipe}: the same findings (identity, location, content hash) streamed and whole`,
          );
        }
      },
      { runs: 300, seconds: 8, seed: 906 },
    );
  });
});
