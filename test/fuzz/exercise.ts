/**
 * Drives every editor feature of the core over one document and asserts the
 * invariants that hold for any text: no exception escapes, every range the
 * product returns lies inside the document, messages do not copy long runs
 * of the input, and no prototype is polluted.
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, Diagnostic, DocumentSymbol, Position, SelectionRange } from 'vscode-languageserver-types';
import { getIncidentService } from '../../server/src/service/incidentService';
import { NOW, RangeChecker, assertNoLongEcho, messageText } from './fuzzKit';
import { FuzzDocument, Spot, resolveSpot } from './generators';

export const service = getIncidentService({ now: () => NOW });

let versions = 0;

/**
 * A text as an open document. Each gets a new version: the service caches
 * layouts by URI and version, as an editor's documents change.
 */
export function documentOf(doc: { text: string; format: 'json' | 'jsonl' }): TextDocument {
  const uri = doc.format === 'jsonl' ? 'file:///fuzz/data.incidents.jsonl' : 'file:///fuzz/record.incident.json';
  return TextDocument.create(uri, doc.format === 'jsonl' ? 'incident-jsonl' : 'incident-json', ++versions, doc.text);
}

/**
 * The positions features are asked at: the spots' offsets (0, the end, inside
 * strings, between CR and LF, inside a surrogate pair…) through `positionAt`,
 * and raw positions a client may send for a stale or odd document (past the
 * end of a line, between `\r` and `\n`, past the last line).
 */
export function positionsFor(document: TextDocument, spots: readonly Spot[]): Position[] {
  const text = document.getText();
  const positions = spots.map((spot) => document.positionAt(resolveSpot(text, spot)));
  const last = document.lineCount - 1;
  const crlf = text.indexOf('\r\n');
  if (crlf >= 0) {
    const p = document.positionAt(crlf);
    positions.push({ line: p.line, character: p.character + 1 });
  }
  positions.push({ line: last, character: 1_000_000 }, { line: last + 3, character: 2 });
  return positions;
}

/** Diagnostics of the document with their invariants checked. */
export function checkedDiagnostics(document: TextDocument, context: string): Diagnostic[] {
  const ranges = new RangeChecker(document.getText());
  const diagnostics = service.diagnostics(document);
  for (const d of diagnostics) {
    ranges.range(d.range, `${context}: ${d.code} diagnostic`);
    assert.equal(typeof d.message, 'string', `${context}: ${d.code} message`);
    const message = messageText(d);
    assert.ok(message.length > 0 && message.length < 2000, `${context}: ${d.code} message length ${message.length}`);
    assert.ok(d.data && typeof (d.data as { recordIndex?: unknown }).recordIndex === 'number', `${context}: ${d.code} data.recordIndex`);
  }
  assertNoLongEcho(
    diagnostics.map(messageText),
    document.getText(),
    context,
  );
  return diagnostics;
}

/** A completion item's edits inside the document; in JSON Lines, none may break the record's line. */
function checkCompletionItem(ranges: RangeChecker, item: CompletionItem, jsonLines: boolean, context: string): void {
  assert.equal(typeof item.label, 'string', `${context}: completion label`);
  if (jsonLines) {
    const texts = [item.insertText, item.textEdit?.newText, ...(item.additionalTextEdits ?? []).map((e) => e.newText)];
    assert.ok(!texts.some((t) => t !== undefined && /[\r\n]/.test(t)), `${context}: completion "${item.label}" inserts a line break into a JSON Lines record`);
  }
  const edit = item.textEdit;
  if (edit && 'range' in edit) {
    ranges.range(edit.range, `${context}: completion "${item.label}" edit`);
  } else if (edit) {
    ranges.range(edit.insert, `${context}: completion "${item.label}" insert`);
    ranges.range(edit.replace, `${context}: completion "${item.label}" replace`);
  }
  for (const extra of item.additionalTextEdits ?? []) {
    ranges.range(extra.range, `${context}: completion "${item.label}" additional edit`);
  }
}

/** Symbols inside the document and inside their parent, with a name an editor accepts (VS Code drops an outline with a blank one). */
function checkSymbols(ranges: RangeChecker, symbols: readonly DocumentSymbol[], context: string, parent?: DocumentSymbol): void {
  for (const symbol of symbols) {
    const what = `${context}: symbol "${symbol.name.slice(0, 40)}"`;
    ranges.range(symbol.range, what);
    ranges.range(symbol.selectionRange, `${what} selection`);
    assert.ok(RangeChecker.contains(symbol.range, symbol.selectionRange), `${what}: selection inside its range`);
    assert.ok(!parent || RangeChecker.contains(parent.range, symbol.range), `${what}: inside its parent "${parent?.name}"`);
    assert.ok(symbol.name.trim().length > 0, `${context}: a symbol with a blank name`);
    checkSymbols(ranges, symbol.children ?? [], context, symbol);
  }
}

function checkSelection(ranges: RangeChecker, selection: SelectionRange | undefined, context: string): void {
  for (let s = selection, i = 0; s; s = s.parent, i++) {
    ranges.range(s.range, `${context}: selection range #${i}`);
    if (s.parent) {
      assert.ok(RangeChecker.contains(s.parent.range, s.range), `${context}: selection range #${i} inside its parent`);
    }
  }
}

/** Completion, hover, selection ranges and the timeline at each position. */
export async function exercisePositions(document: TextDocument, positions: readonly Position[], context: string): Promise<void> {
  const ranges = new RangeChecker(document.getText());
  for (const position of positions) {
    const at = `${context} at ${position.line}:${position.character}`;
    const list = await service.complete(document, position);
    for (const item of list?.items ?? []) {
      checkCompletionItem(ranges, item, document.languageId === 'incident-jsonl', at);
    }
    const hover = await service.hover(document, position);
    if (hover?.range) {
      ranges.range(hover.range, `${at}: hover`);
    }
    const timeline = service.timeline(document, position);
    if (timeline) {
      ranges.range(timeline.recordRange, `${at}: timeline record`);
      timeline.actions.forEach((action, i) => {
        ranges.range(action.range, `${at}: timeline action ${i}`);
        assert.ok(RangeChecker.contains(timeline.recordRange, action.range), `${at}: timeline action ${i} inside its record`);
      });
      assert.ok(timeline.recordIndex >= 0 && timeline.recordIndex < Math.max(1, timeline.recordCount), `${at}: timeline record index`);
    }
  }
  const selections = service.selectionRanges(document, positions.filter((p) => p.line < document.lineCount));
  selections.forEach((selection, i) => checkSelection(ranges, selection, `${context} selection ${i}`));
}

/** The whole-document features: symbols, folding, inlay hints, record starts and formatting. */
export function exerciseDocumentFeatures(document: TextDocument, context: string): void {
  const text = document.getText();
  const ranges = new RangeChecker(text);
  checkSymbols(ranges, service.documentSymbols(document), `${context}: symbols`);
  for (const folding of service.foldingRanges(document)) {
    assert.ok(folding.startLine <= folding.endLine && folding.endLine < document.lineCount, `${context}: folding ${folding.startLine}-${folding.endLine}`);
  }
  const whole = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
  for (const hint of service.inlayHints(document, whole)) {
    ranges.position(hint.position, `${context}: inlay hint "${String(hint.label)}"`);
    for (const edit of hint.textEdits ?? []) {
      ranges.range(edit.range, `${context}: inlay hint edit`);
    }
  }
  for (const start of service.recordStarts(document)) {
    ranges.position(start, `${context}: record start`);
  }
  const edits = service.format(document, undefined, { tabSize: 2, insertSpaces: true });
  for (const edit of edits) {
    ranges.range(edit.range, `${context}: format edit`);
  }
  assertFormatKeepsValues(document, TextDocument.applyEdits(document, edits), context);
}

/** Formatting changes whitespace only: every record that parsed has the same value afterwards. */
function assertFormatKeepsValues(document: TextDocument, formatted: string, context: string): void {
  const text = document.getText();
  const value = (t: string) => {
    try {
      return JSON.stringify(JSON.parse(t));
    } catch {
      return undefined;
    }
  };
  if (document.languageId === 'incident-json') {
    const before = value(text.replace(/^\uFEFF/, ''));
    if (before !== undefined) {
      assert.equal(value(formatted.replace(/^\uFEFF/, '')), before, `${context}: formatting changed the value`);
    }
    return;
  }
  const lines = text.split('\n');
  const after = formatted.split('\n');
  assert.equal(after.length, lines.length, `${context}: formatting JSON Lines added or removed lines`);
  lines.forEach((l, i) => {
    const before = value(l);
    if (before !== undefined) {
      assert.equal(value(after[i]), before, `${context}: formatting changed the value of line ${i + 1}`);
    }
  });
}

/** Everything but code actions, on one fuzzed document. */
export async function exerciseEditorFeatures(doc: FuzzDocument, spots: readonly Spot[]): Promise<Diagnostic[]> {
  const document = documentOf(doc);
  const context = doc.recipe;
  const diagnostics = checkedDiagnostics(document, context);
  exerciseDocumentFeatures(document, context);
  await exercisePositions(document, positionsFor(document, spots), context);
  return diagnostics;
}
