/**
 * Every quick fix and fix-all on fuzzed documents: for each diagnostic the
 * product reports, its code actions are requested (plain edits, versioned
 * document changes and snippet edits), each edit is applied as a client
 * would, and the result must keep the document parsing — or the fix must
 * not be offered. Fix-all is applied the same way and must be idempotent.
 */
import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { FIX_ALL_KIND } from '../../common/codeActionKinds';
import { fixAll } from '../../server/src/service/fixes';
import { layoutOf } from '../../server/src/service/recordDocument';
import { expandSnippet } from '../unit/authoring/snippetExpansion';
import { NOW, RangeChecker, assertNoPollution, assertStillParses, fuzz, parses, prototypeSnapshot } from './fuzzKit';
import { FuzzDocument, documentArbitrary } from './generators';
import { checkedDiagnostics, documentOf, service } from './exercise';

interface ClientKind {
  readonly snippetSupport: boolean;
  readonly documentChanges: boolean;
}

/** The plain-text edits of a code action, as a client applies them (snippets expanded with their defaults). */
function editsOf(action: CodeAction, document: TextDocument, context: string): TextEdit[] {
  const edit = action.edit;
  assert.ok(edit, `${context}: "${action.title}" has an edit`);
  if (edit.changes) {
    assert.deepEqual(Object.keys(edit.changes), [document.uri], `${context}: edits only this document`);
    return edit.changes[document.uri];
  }
  assert.equal(edit.documentChanges?.length, 1, `${context}: one document change`);
  const change = edit.documentChanges![0];
  assert.ok('textDocument' in change, `${context}: a text document edit`);
  assert.deepEqual(change.textDocument, { uri: document.uri, version: document.version }, `${context}: versioned for this document`);
  return change.edits.map((e) => ('snippet' in e ? { range: e.range, newText: expandSnippet(e.snippet.value, { indent: '\t' }).text } : e));
}

function offsetsOf(document: TextDocument, range: Range): [number, number] {
  return [document.offsetAt(range.start), document.offsetAt(range.end)];
}

/**
 * In a JSON document that does not parse as a whole (an array with a broken
 * item), a fix may only touch one record, which must parse afterwards.
 */
function assertRecordStillParses(document: TextDocument, edits: readonly TextEdit[], context: string): void {
  const text = document.getText();
  const spans = layoutOf(text, 'json').spans;
  const offsets = edits.map((e) => offsetsOf(document, e.range)).sort((a, b) => a[0] - b[0]);
  const span = spans.find((s) => offsets.every(([start, end]) => start >= s.start && end <= s.end));
  assert.ok(span, `${context}: the edits stay within one record`);
  let record = text.slice(span.start, span.end);
  for (let i = offsets.length - 1; i >= 0; i--) {
    const [start, end] = offsets[i];
    record = record.slice(0, start - span.start) + edits.find((e) => document.offsetAt(e.range.start) === start)!.newText + record.slice(end - span.start);
  }
  assert.ok(parses(record), `${context}: the fixed record does not parse`);
}

function applyChecked(document: TextDocument, edits: readonly TextEdit[], context: string): string {
  const ranges = new RangeChecker(document.getText());
  edits.forEach((e, i) => ranges.range(e.range, `${context}: edit ${i}`));
  const sorted = edits.map((e) => offsetsOf(document, e.range)).sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < sorted.length; i++) {
    assert.ok(sorted[i][0] >= sorted[i - 1][1], `${context}: edits overlap`);
  }
  return TextDocument.applyEdits(document, [...edits]);
}

function assertFixKeepsParsing(doc: FuzzDocument, document: TextDocument, edits: readonly TextEdit[], context: string): string {
  const after = applyChecked(document, edits, context);
  assertStillParses(doc.text, after, doc.format, context);
  if (doc.format === 'json' && !parses(doc.text.replace(/^\uFEFF/, ''))) {
    assertRecordStillParses(document, edits, context);
  }
  return after;
}

/** Code actions applied per document at most (evenly spread): a hostile array can carry 10,000 diagnostics. */
const MAX_APPLIED = 150;
/** Diagnostics also asked about one at a time (the light bulb's request), besides all at once. */
const MAX_SINGLE = 25;

function spread<T>(items: readonly T[], max: number): T[] {
  return items.length <= max ? [...items] : Array.from({ length: max }, (_, i) => items[Math.floor((i * items.length) / max)]);
}

/**
 * Quick fixes for all diagnostics at once (as an editor asks for a range) and
 * for single ones; every action's shape is checked and a spread of them
 * applied. Returns the codes of the fixes applied.
 */
function exerciseQuickFixes(doc: FuzzDocument, document: TextDocument, diagnostics: readonly Diagnostic[], client: ClientKind): string[] {
  const all = service.getCodeActions(document, diagnostics, client);
  const single = spread(diagnostics, MAX_SINGLE).flatMap((diagnostic) => {
    const actions = service.getCodeActions(document, [diagnostic], client);
    actions.forEach((a) => assert.deepEqual(a.diagnostics, [diagnostic], `${doc.recipe}: "${a.title}" names its diagnostic`));
    return actions;
  });
  for (const action of [...all, ...single]) {
    const [diagnostic] = action.diagnostics ?? [];
    const context = `${doc.recipe}: ${diagnostic?.code} ${JSON.stringify((diagnostic?.data as { pointer?: string } | undefined)?.pointer)} "${action.title}"`;
    assert.equal(action.kind, 'quickfix', `${context}: kind`);
    assert.ok(diagnostic && diagnostics.includes(diagnostic), `${context}: fixes one of the diagnostics asked about`);
    assert.ok(action.title.length > 0 && action.title.length <= 200, `${context}: title length ${action.title.length}`);
    const ranges = new RangeChecker(document.getText());
    editsOf(action, document, context).forEach((e, i) => ranges.range(e.range, `${context}: edit ${i}`));
  }
  const applied = spread([...all, ...single], MAX_APPLIED);
  for (const action of applied) {
    const [diagnostic] = action.diagnostics!;
    const context = `${doc.recipe}: ${diagnostic.code} ${JSON.stringify((diagnostic.data as { pointer?: string }).pointer)} "${action.title}"`;
    assertFixKeepsParsing(doc, document, editsOf(action, document, context), context);
  }
  return applied.map((action) => String(action.diagnostics![0].code));
}

/** Fix-all as the client applies it; applying it again changes nothing. */
function exerciseFixAll(doc: FuzzDocument, document: TextDocument, client: ClientKind): void {
  const context = `${doc.recipe}: fix-all`;
  const [action, ...more] = service.getCodeActions(document, [], { ...client, only: [FIX_ALL_KIND] });
  assert.equal(more.length, 0, `${context}: one fix-all action`);
  if (!action) {
    assert.equal(fixAll(doc.text, doc.format, { now: NOW }).text, doc.text, `${context}: not offered, so nothing to fix`);
    return;
  }
  assert.equal(action.kind, FIX_ALL_KIND);
  const once = assertFixKeepsParsing(doc, document, editsOf(action, document, context), context);
  assert.equal(fixAll(doc.text, doc.format, { now: NOW }).text, once, `${context}: the action's edits equal fixAll's text`);
  assert.equal(fixAll(once, doc.format, { now: NOW }).text, once, `${context}: fix-all twice equals fix-all once`);
  const again = service.getCodeActions(documentOf({ text: once, format: doc.format }), [], { ...client, only: [FIX_ALL_KIND] });
  assert.deepEqual(again, [], `${context}: no fix-all offered on its own result`);
}

/** Codes a client may send back: ours, unknown ones, and names of prototype members. */
const codeArbitrary = fc.oneof(
  fc.constantFrom('IR002', 'IR003', 'IR004', 'IR007', 'IR008', 'IR009', 'IR101', 'IR102', 'IR111', 'IR112', 'IR122', 'IR201', 'IR202', 'IR203', 'IR204', 'IR208', 'IR301'),
  fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'IR999', ''),
  fc.string({ maxLength: 6 }),
);

const pointerArbitrary = fc.oneof(
  fc.constantFrom('', '/', '/incident', '/incident/metadata', '/incident/severity', '/actions_taken/0', '/actions_taken/99', '/learning_feedback', '/__proto__', '/constructor/prototype', '/incident/__proto__/x', '/-1', '/actions_taken/-1', '/~2', '/a~1b'),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.nat({ max: 5 }).map(String)), { maxLength: 5 }).map((parts) => parts.map((p) => `/${p}`).join('')),
);

/** Data of a diagnostic as a stale or hostile client may send it: the right shape with wrong values, or garbage. */
const dataArbitrary = fc.oneof(
  fc.record(
    {
      pointer: pointerArbitrary,
      recordIndex: fc.oneof(fc.nat({ max: 4 }), fc.constantFrom(-1, 1e9, Number.NaN, 0.5)),
      property: fc.constantFrom('severity', '__proto__', 'constructor', 'x'),
      propertyPointer: pointerArbitrary,
      expected: fc.constantFrom(['number'], ['boolean'], ['string'], 'number', null),
      allowed: fc.constantFrom(['low', 'high'], [], 'low', [1, 2]),
      suggestions: fc.constantFrom(['high'], [], [null], 'high'),
      missing: fc.constantFrom([{ pointer: '/incident/metadata/task_id' }], [{ pointer: 5 }], [null], 'x', [{ pointer: '/__proto__/polluted' }]),
      order: fc.constantFrom([1, 0], [0, 0], [5, -1], 'x', [0.5]),
      within: fc.constantFrom([0, 3], [5, 1], [-1, 1e9], 'x'),
      expectedValue: fc.double(),
    },
    { requiredKeys: ['pointer'] },
  ),
  fc.constantFrom(null, undefined, 'garbage', 42, [], { pointer: 5 }, { __proto__: null }),
);

const clientArbitrary: fc.Arbitrary<ClientKind> = fc.record({ snippetSupport: fc.boolean(), documentChanges: fc.boolean() });

suite('fuzz: quick fixes and fix-all', () => {
  test('every offered fix keeps the document parsing; fix-all is idempotent', (t) => {
    const snapshot = prototypeSnapshot();
    const fixed = new Map<string, number>();
    fuzz(
      t,
      'quick fixes and fix-all',
      fc.tuple(documentArbitrary, clientArbitrary),
      ([doc, client]) => {
        const document = documentOf(doc);
        const diagnostics = checkedDiagnostics(document, doc.recipe);
        for (const code of exerciseQuickFixes(doc, document, diagnostics, client)) {
          fixed.set(code, (fixed.get(code) ?? 0) + 1);
        }
        exerciseFixAll(doc, document, client);
        assertNoPollution(snapshot, doc.recipe);
      },
      { runs: 250, seconds: 12, seed: 902 },
    );
    const byCode = [...fixed].sort(([a], [b]) => a.localeCompare(b)).map(([code, n]) => `${code} ${n}`);
    t.diagnostic(`fuzz: quick fixes applied: ${[...fixed.values()].reduce((a, b) => a + b, 0)} (${byCode.join(', ')})`);
  });

  test('diagnostics a stale or hostile client sends back: no exception, and any fix offered keeps the document parsing', (t) => {
    const snapshot = prototypeSnapshot();
    const diagnosticArbitrary = fc.record({ code: codeArbitrary, data: dataArbitrary, line: fc.nat({ max: 200 }), character: fc.nat({ max: 300 }) });
    fuzz(
      t,
      'client-sent diagnostics',
      fc.tuple(documentArbitrary, fc.array(diagnosticArbitrary, { minLength: 1, maxLength: 6 }), clientArbitrary),
      ([doc, sent, client]) => {
        const document = documentOf(doc);
        const diagnostics: Diagnostic[] = sent.map((d) => ({
          range: { start: { line: d.line, character: d.character }, end: { line: d.line, character: d.character + 3 } },
          message: 'sent back by the client',
          source: 'incident-records',
          code: d.code,
          data: d.data,
        }));
        for (const action of service.getCodeActions(document, diagnostics, client)) {
          assertFixKeepsParsing(doc, document, editsOf(action, document, doc.recipe), `${doc.recipe}: "${action.title}" for client data`);
        }
        assertNoPollution(snapshot, doc.recipe);
      },
      { runs: 400, seconds: 6, seed: 903 },
    );
  });
});
