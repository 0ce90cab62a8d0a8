/**
 * Bugs the fuzzers (test/fuzz) found, each kept as a small readable case:
 * what the input was, and what the product must do with it.
 */
import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, SelectionRange } from 'vscode-languageserver-types';
import { lintText } from '../../server/src/cli/lint';
import { checkDocument } from '../../server/src/service/documentChecker';
import { getIncidentService } from '../../server/src/service/incidentService';
import { LineIndex } from '../../server/src/service/util/lineIndex';
import { airflowRecord, databaseRecord, diskRecord, line, pretty } from '../helpers/records';
import { incidentDocument as namedDocument } from '../helpers/text';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const service = getIncidentService({ now: () => NOW });

let documents = 0;

/** A document of its own: the service caches layouts by URI and version, as an editor's documents have. */
function incidentDocument(text: string, format: 'json' | 'jsonl' = 'json'): TextDocument {
  return namedDocument(text, format, `file:///workspace/finding-${++documents}.incident${format === 'jsonl' ? 's.jsonl' : '.json'}`);
}

function offsets(document: TextDocument, selection: SelectionRange | undefined): [number, number][] {
  const out: [number, number][] = [];
  for (let s = selection; s; s = s.parent) {
    out.push([document.offsetAt(s.range.start), document.offsetAt(s.range.end)]);
  }
  return out;
}

suite('fuzz findings', () => {
  test('a position past the end of a line (a stale request) is read as the end of that line', () => {
    const text = '{"incident": {"severity": "high"}}\n';
    const document = incidentDocument(text);
    const [selection] = service.selectionRanges(document, [{ line: 1, character: 1_000_000 }]);
    assert.deepEqual(selection.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } });
    const hints = service.inlayHints(document, { start: { line: 0, character: 0 }, end: { line: 9, character: 99 } });
    assert.deepEqual(hints, []);
  });

  test('selection ranges in broken JSON grow outwards: no parent ends before its child', () => {
    // The JSON language service chains the mis-scanned token `c"}` under the property `"a": "b"`.
    const text = '{"a": "b"c"}';
    const document = incidentDocument(text);
    const [selection] = service.selectionRanges(document, [document.positionAt(10)]);
    assert.deepEqual(offsets(document, selection), [
      [9, 10],
      [9, 12],
      [0, 12],
    ]);
  });

  test('formatting a line indented exactly 200 columns returns no edit without text', () => {
    // jsonc-parser 3.3.1 returns `content: undefined` for that indentation; a client applying it crashes.
    const text = '['.repeat(101) + ']'.repeat(101);
    const edits = service.format(incidentDocument(text), undefined, { tabSize: 2, insertSpaces: true });
    assert.ok(edits.length > 150);
    assert.ok(edits.every((e) => typeof e.newText === 'string'));
    const formatted = TextDocument.applyEdits(incidentDocument(text), edits);
    assert.deepEqual(JSON.parse(formatted), JSON.parse(text));
  });

  test('nesting hidden from the depth scan (a quote in a comment) is still too deep: IR001, no stack overflow', () => {
    const text = '{"incident": /* " */ ' + '['.repeat(20_000) + '}';
    const [problem] = checkDocument(text, 'json', { now: NOW }).records[0].problems;
    assert.equal(problem.code, 'IR001');
    assert.match(problem.message, /nested 20001 levels deep/);
  });

  test('a record with a value nested 5,000 levels deep: every feature answers, none recurses into it', async () => {
    const record = airflowRecord();
    const text = pretty(record).replace('"title": "Nightly billing DAG stuck on load_invoices"', `"title": ${'['.repeat(5000)}${']'.repeat(5000)}`);
    const document = incidentDocument(text);
    const inside = document.positionAt(text.indexOf('[[[') + 2500);
    assert.deepEqual(
      service.diagnostics(document).map((d) => d.code),
      ['IR001'],
    );
    assert.deepEqual(
      service.documentSymbols(document).map((s) => [s.name, s.detail]),
      [['Record 1', 'nested too deep']],
    );
    assert.equal(await service.complete(document, inside), null);
    assert.equal(await service.hover(document, inside), null);
    assert.deepEqual(service.format(document, undefined, { tabSize: 2, insertSpaces: true }), []);
    assert.deepEqual(service.inlayHints(document, { start: { line: 0, character: 0 }, end: document.positionAt(text.length) }), []);
    assert.ok(service.timeline(document, inside));
    assert.equal(service.selectionRanges(document, [inside]).length, 1);
  });

  test('formatting a document 3,000 levels deep returns no edits (its indentation grows with the square of the depth)', () => {
    // 30,000 levels (60 KB) would take gigabytes of indentation.
    const text = '['.repeat(3_000) + ']'.repeat(3_000);
    assert.deepEqual(service.format(incidentDocument(text), undefined, { tabSize: 2, insertSpaces: true }), []);
  });

  test('outline names are never empty or multi-line: an empty key, a blank action type, a 20,000-character key', () => {
    const record = airflowRecord();
    record.incident.metadata[''] = 'empty key';
    record.incident.metadata['   '] = 'blank key';
    record.incident.metadata['k'.repeat(20_000)] = 'long key';
    record.incident.metadata['two\nlines'] = 1;
    record.actions_taken[0].action = ' ';
    const [root] = service.documentSymbols(incidentDocument(pretty(record)));
    const names: string[] = [];
    const collect = (symbols: typeof root.children) => symbols?.forEach((s) => (names.push(s.name), collect(s.children)));
    collect([root]);
    assert.ok(names.includes('""'), 'the empty key is shown quoted');
    assert.ok(names.includes('"   "'), 'the blank key is shown quoted');
    assert.ok(names.includes('two↵lines'), 'a line break in a key shows as ↵');
    assert.ok(names.includes('action 1 @ 05:02:10'), 'a blank action type falls back to its number');
    for (const name of names) {
      assert.ok(name.trim().length > 0 && name.length <= 100 && !/[\r\n]/.test(name), JSON.stringify(name.slice(0, 120)));
    }
  });

  test('hover on an enum field holding a 100 KB value: no invalid regular expression', async () => {
    const record = airflowRecord();
    record.incident.severity = 'x'.repeat(100_000);
    const text = pretty(record);
    const document = incidentDocument(text);
    const hover = await service.hover(document, document.positionAt(text.indexOf('xxxx') + 10));
    assert.ok(hover);
    const list = await service.complete(document, document.positionAt(text.indexOf('xxxx') + 10));
    assert.ok(list);
  });

  test('a diagnostic code naming an Object member ("constructor") finds no fix and throws nothing', () => {
    const document = incidentDocument(pretty(airflowRecord()));
    const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } };
    const sent: Diagnostic[] = ['constructor', 'toString', '__proto__', 'hasOwnProperty'].map((code) => ({
      range,
      message: 'sent back by a client',
      source: 'incident-records',
      code,
      data: { pointer: '/incident', recordIndex: 0 },
    }));
    assert.deepEqual(service.getCodeActions(document, sent, {}), []);
  });

  test('IR112 shows the masked connection string as an example only when it is short', () => {
    const short = databaseRecord();
    short.incident.metadata.error_details.connection_string = 'postgres://reporting:Summer2024!@db-02:5432/analytics';
    const long = databaseRecord();
    long.incident.metadata.error_details.connection_string = 'postgresql://orders_api:hunter2@orders-db-primary.prod.internal:5432/orders?sslmode=require';
    const message = (record: typeof short) => String(service.diagnostics(incidentDocument(pretty(record))).find((d) => d.code === 'IR112')!.message);
    assert.ok(message(short).includes('e.g. "postgres://reporting:***@db-02:5432/analytics"'), message(short));
    assert.ok(!message(long).includes('orders-db-primary'), message(long));
  });

  test('messages name a long or credential-like key by a short form, never in full', () => {
    const record = diskRecord();
    const long = 'd'.repeat(20_000);
    const key = 'AKIAIOSFODNN7EXAMPLE';
    record.incident.metadata.error_details.largest_directories = [{ [long]: true }, { [key]: false }];
    const messages = service.diagnostics(incidentDocument(pretty(record))).map((d) => `${d.code} ${d.message}`);
    assert.deepEqual(messages, [
      `IR003 ${'d'.repeat(39)}… must be a string or a number; found a boolean (true or false) (true).`,
      'IR003 … must be a string or a number; found a boolean (true or false) (false).',
    ]);
  });

  test('the CLI places a range ending between "\\r" and "\\n" at the end of the line, as the editor does', () => {
    const text = '{"a": "b\\\r\n}';
    assert.deepEqual(new LineIndex(text).positionAt(text.indexOf('\n')), { line: 0, character: 9 });
    const editor = service.diagnostics(incidentDocument(text)).map((d) => d.range);
    assert.deepEqual(
      lintText(text, 'x.incident.json', 'json', undefined, NOW).map((d) => d.range),
      editor,
    );
    assert.deepEqual(editor, [{ start: { line: 0, character: 6 }, end: { line: 0, character: 9 } }]);
  });

  test('a JSON Lines line with a deep value next to clean lines: only that line is reported', () => {
    const text = [line(airflowRecord()), `{"incident": ${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`, line(diskRecord())].join('\n');
    const diagnostics = service.diagnostics(incidentDocument(text, 'jsonl'));
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [['IR001', 1]],
    );
  });
});
