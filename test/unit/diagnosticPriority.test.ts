/**
 * Which diagnostics are published when a document has more than the client
 * shows: syntax errors and secrets always, then those on and near the
 * screen, then by severity and document order; never more than the limit,
 * always the same choice for the same input, in the input's order.
 */
import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import { ALWAYS_PUBLISHED_CODES, prioritiseDiagnostics, severityCounts, visibleRangesOf } from '../../server/src/service/diagnosticPriority';

function diagnostic(line: number, code: string, severity: DiagnosticSeverity = DiagnosticSeverity.Warning): Diagnostic {
  return { range: { start: { line, character: 2 }, end: { line, character: 9 } }, severity, code, source: 'incident-records', message: `${code} on line ${line + 1}` };
}

/** Two warnings per line on `lines` lines (a noisy dataset), in document order. */
function noisy(lines: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let line = 0; line < lines; line++) {
    out.push(diagnostic(line, 'IR005', DiagnosticSeverity.Error), diagnostic(line, 'IR007'));
  }
  return out;
}

const screen = (from: number, to: number): Range => ({ start: { line: from, character: 0 }, end: { line: to, character: 0 } });
const lines = (ds: readonly Diagnostic[]) => ds.map((d) => d.range.start.line);

suite('diagnostic priority', () => {
  test('all of them, as they are, when within the limit or without one (0)', () => {
    const all = noisy(10);
    assert.deepEqual(prioritiseDiagnostics(all, 20), all);
    assert.deepEqual(prioritiseDiagnostics(all, 0), all);
  });

  test('never more than the limit, in document order', () => {
    const chosen = prioritiseDiagnostics(noisy(5000), 1000);
    assert.equal(chosen.length, 1000);
    const order = lines(chosen);
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
  });

  test('syntax errors and secrets are always in, wherever they are, however many others there are', () => {
    const all = noisy(5000);
    all.splice(9000, 0, diagnostic(4800, 'IR001', DiagnosticSeverity.Error));
    all.splice(7000, 0, diagnostic(3600, 'IR301', DiagnosticSeverity.Error));
    all.splice(5000, 0, diagnostic(2600, 'IR112', DiagnosticSeverity.Error));
    // A secret reported at hint level by the configuration is still in.
    all.push(diagnostic(4999, 'IR301', DiagnosticSeverity.Hint));
    const chosen = prioritiseDiagnostics(all, 1000, [screen(100, 140)]);
    assert.equal(chosen.length, 1000);
    for (const [line, code] of [[4800, 'IR001'], [3600, 'IR301'], [2600, 'IR112'], [4999, 'IR301']] as const) {
      assert.ok(chosen.some((d) => d.code === code && d.range.start.line === line), `${code} on line ${line + 1}`);
    }
    assert.ok(ALWAYS_PUBLISHED_CODES.has('IR000'), 'the notes on how the file was checked');
  });

  test('the visible range first, then those near it, then the rest by severity and document order', () => {
    const all = noisy(10000);
    const chosen = prioritiseDiagnostics(all, 1000, [screen(5000, 5040)]);
    const shown = new Set(lines(chosen));
    for (let line = 5000; line <= 5040; line++) {
      assert.ok(shown.has(line), `visible line ${line + 1}`);
    }
    // Near: a screen's height (40 lines) above and below the visible lines, warnings too.
    assert.ok(chosen.some((d) => d.range.start.line === 4961 && d.code === 'IR007'));
    assert.ok(chosen.some((d) => d.range.start.line === 5079 && d.code === 'IR007'));
    assert.ok(!chosen.some((d) => d.range.start.line === 5090), 'beyond near is not before the errors elsewhere');
    // The rest: errors from the top of the document, before any far warning.
    const far = chosen.filter((d) => Math.abs(d.range.start.line - 5020) > 100);
    assert.ok(far.length > 0);
    assert.ok(far.every((d) => d.severity === DiagnosticSeverity.Error));
    assert.equal(far[0].range.start.line, 0);
    assert.deepEqual(lines(far), [...Array(far.length).keys()]);
  });

  test('several visible ranges (a split editor, folded regions) all count', () => {
    const chosen = prioritiseDiagnostics(noisy(10000), 400, [screen(100, 110), screen(8000, 8010)]);
    const shown = new Set(lines(chosen.filter((d) => d.code === 'IR007')));
    assert.ok(shown.has(105) && shown.has(8005));
  });

  test('when the syntax errors alone pass the limit, those on screen are kept first', () => {
    const all: Diagnostic[] = [];
    for (let line = 0; line < 3000; line++) {
      all.push(diagnostic(line, 'IR001', DiagnosticSeverity.Error));
    }
    const chosen = prioritiseDiagnostics(all, 1000, [screen(2900, 2950)]);
    assert.equal(chosen.length, 1000);
    assert.ok(chosen.some((d) => d.range.start.line === 2920));
  });

  test('deterministic: the same input gives the same choice, and the input is not changed', () => {
    const all = noisy(3000);
    all.push(diagnostic(10, 'IR001', DiagnosticSeverity.Error), diagnostic(2000, 'IR402', DiagnosticSeverity.Information));
    const copy = all.slice();
    const a = prioritiseDiagnostics(all, 700, [screen(1500, 1530)]);
    const b = prioritiseDiagnostics(all, 700, [screen(1500, 1530)]);
    assert.deepEqual(a, b);
    assert.deepEqual(all, copy);
  });

  test('severity counts, and visible ranges read defensively from the client', () => {
    assert.deepEqual(severityCounts(noisy(3)), { errors: 3, warnings: 3 });
    assert.equal(visibleRangesOf(null), undefined);
    assert.equal(visibleRangesOf({ textDocument: { uri: 1 }, ranges: [] }), undefined);
    assert.deepEqual(visibleRangesOf({ textDocument: { uri: 'file:///a.jsonl' }, ranges: [screen(1, 2), { start: { line: -1, character: 0 }, end: 3 }, 'x'] }), {
      uri: 'file:///a.jsonl',
      ranges: [screen(1, 2)],
    });
  });
});
