/**
 * Large inputs, once per run: a 50 MB JSON Lines dataset of generated records
 * (checked progressively by the `RecordStore`, then edited), the same records
 * as a 50 MB single-line JSON array, and a record whose description is a
 * 50 MB string. Each check must complete and report exactly the problems
 * planted in the data. Timings are reported on the test, never asserted.
 */
import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import type { TestContext } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDocument, storeDiagnostics, toDiagnostics } from '../../server/src/service/documentChecker';
import { RecordStore } from '../../server/src/service/incremental/recordStore';
import { RECORDS, line } from '../helpers/records';
import { NOW, messageText } from './fuzzKit';
import { SERVICE_NAMES } from './generators';

const MB = 1024 * 1024;
const TARGET = 50 * MB;

interface Dataset {
  readonly lines: string[];
  /** Line numbers (0-based) of the planted problems. */
  readonly broken: number[];
  readonly badSeverity: number[];
}

/**
 * Distinct records of every service (titles numbered, so none is a
 * duplicate), until `TARGET` characters: every 1000th line cut short (IR001),
 * every 777th with the severity `hgh` (IR004).
 */
function dataset(): Dataset {
  const lines: string[] = [];
  const broken: number[] = [];
  const badSeverity: number[] = [];
  for (let size = 0, i = 0; size < TARGET; i++) {
    const record = RECORDS[SERVICE_NAMES[i % SERVICE_NAMES.length]]();
    record.incident.title = `${record.incident.title} #${i}`;
    let text: string;
    if (i % 1000 === 999) {
      text = line(record).slice(0, -10);
      broken.push(i);
    } else {
      if (i % 777 === 776) {
        record.incident.severity = 'hgh';
        badSeverity.push(i);
      }
      text = line(record);
    }
    lines.push(text);
    size += text.length + 1;
  }
  return { lines, broken, badSeverity };
}

function timed<T>(t: TestContext, what: string, run: () => T): T {
  const started = Date.now();
  const result = run();
  t.diagnostic(`large input: ${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** Lines of the diagnostics with `code`. */
function linesOf(diagnostics: readonly { code?: unknown; range: { start: { line: number } } }[], code: string): number[] {
  return diagnostics.filter((d) => d.code === code).map((d) => d.range.start.line);
}

suite('fuzz: large inputs', () => {
  const started = Date.now();
  const data = dataset();
  const generated = ((Date.now() - started) / 1000).toFixed(1);

  test('a 50 MB JSON Lines dataset: checked progressively, the planted problems found, an edit re-checks one line', (t) => {
    const text = data.lines.join('\n') + '\n';
    assert.ok(text.length >= TARGET);
    t.diagnostic(`large input: JSON Lines, ${(text.length / MB).toFixed(1)} MB, ${data.lines.length} records (generated in ${generated} s)`);
    const store = new RecordStore('jsonl', text, { now: () => NOW });
    let slices = 0;
    timed(t, 'RecordStore.checkSome in slices of 500 records', () => {
      let done = 0;
      while (!store.checkSome(() => ++done % 500 === 0)) {
        slices++;
      }
    });
    assert.ok(slices > 10, `checked in ${slices} slices`);
    const document = TextDocument.create('file:///big.incidents.jsonl', 'incident-jsonl', 1, text);
    const diagnostics = timed(t, 'storeDiagnostics', () => storeDiagnostics(store, (o) => document.positionAt(o)));
    assert.deepEqual(linesOf(diagnostics, 'IR001'), data.broken);
    assert.deepEqual(linesOf(diagnostics, 'IR004'), data.badSeverity);
    assert.equal(diagnostics.length, data.broken.length + data.badSeverity.length, 'nothing else reported');

    // Fix one severity in the middle of the file: only that line is checked again.
    const fixedLine = data.badSeverity[Math.floor(data.badSeverity.length / 2)];
    const at = text.indexOf('"hgh"', document.offsetAt({ line: fixedLine, character: 0 }));
    const next = text.slice(0, at) + '"high"' + text.slice(at + 5);
    timed(t, 'an edit and its re-check', () => {
      store.applyChange({ start: at, end: at + 5, text: '"high"' }, next);
      store.checkSome();
    });
    assert.equal(store.lastTouched, 1);
    const edited = TextDocument.create('file:///big.incidents.jsonl', 'incident-jsonl', 2, next);
    const after = storeDiagnostics(store, (o) => edited.positionAt(o));
    assert.deepEqual(
      linesOf(after, 'IR004'),
      data.badSeverity.filter((l) => l !== fixedLine),
    );
  });

  test('the same records as one 50 MB line of JSON (an array): checked, the planted problems found', (t) => {
    const kept = data.lines.filter((_, i) => i % 1000 !== 999);
    const text = `[${kept.join(',')}]`;
    t.diagnostic(`large input: single-line JSON array, ${(text.length / MB).toFixed(1)} MB, ${kept.length} records`);
    const check = timed(t, 'checkDocument', () => checkDocument(text, 'json', { now: NOW }));
    assert.equal(check.layout.shape, 'array');
    assert.equal(check.records.length, kept.length);
    assert.deepEqual(check.documentProblems, []);
    const bad = check.records.filter((r) => r.problems.length > 0);
    assert.deepEqual(
      bad.map((r) => r.problems.map((p) => p.code)),
      data.badSeverity.map(() => ['IR004']),
    );
    const expectedIndices = data.badSeverity.map((line) => line - Math.floor(line / 1000));
    assert.deepEqual(
      bad.map((r) => r.index),
      expectedIndices,
    );
  });

  test('a record whose description is a 50 MB string: checked as JSON and as a JSON Lines line, nothing to report, nothing echoed', (t) => {
    const record = RECORDS.database();
    record.incident.description = 'Pool exhausted. '.repeat(TARGET / 16);
    const text = JSON.stringify(record);
    t.diagnostic(`large input: one record with a ${(record.incident.description.length / MB).toFixed(1)} MB description`);
    for (const format of ['json', 'jsonl'] as const) {
      const check = timed(t, `checkDocument (${format})`, () => checkDocument(text, format, { now: NOW }));
      assert.deepEqual(check.records[0].problems, [], format);
    }
    record.incident.service = 'databse';
    const typo = JSON.stringify(record);
    const document = TextDocument.create('file:///big.incident.json', 'incident-json', 1, typo);
    const diagnostics = timed(t, 'checkDocument with a typo in the service', () => toDiagnostics(checkDocument(typo, 'json', { now: NOW }), (o) => document.positionAt(o)));
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['IR008'],
    );
    assert.ok(messageText(diagnostics[0]).length < 300, 'the message does not repeat the description');
  });
});
