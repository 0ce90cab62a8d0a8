/**
 * End-to-end checks for one quick fix: realistic text → the real
 * diagnostics → the code action → its edit applied → checked again. The same
 * record is written pretty (LF), with CRLF line endings, with tab
 * indentation, and as a line of JSON Lines between two clean records.
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-types';
import { getIncidentService } from '../../../server/src/service/incidentService';
import { fixAll } from '../../../server/src/service/fixes';
import { JsonRecord, databaseRecord, diskRecord, line } from '../../helpers/records';
import { incidentDocument } from '../../helpers/text';

export const NOW = Date.parse('2025-01-01T00:00:00Z');
export const service = getIncidentService({ now: () => NOW });

export type Variant = 'pretty' | 'crlf' | 'tabs' | 'jsonl' | 'jsonl-spaced';
export const VARIANTS: readonly Variant[] = ['pretty', 'crlf', 'tabs', 'jsonl', 'jsonl-spaced'];

/** One line with Python's `json.dumps` separators (`", "` and `": "`), as many datasets are written. */
export function spacedLine(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(spacedLine).join(', ')}]`;
  }
  if (value && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${spacedLine(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

export interface Written {
  readonly text: string;
  readonly format: 'json' | 'jsonl';
}

export function write(record: JsonRecord, variant: Variant): Written {
  switch (variant) {
    case 'pretty':
      return { text: JSON.stringify(record, null, 2) + '\n', format: 'json' };
    case 'crlf':
      return { text: (JSON.stringify(record, null, 2) + '\n').replace(/\n/g, '\r\n'), format: 'json' };
    case 'tabs':
      return { text: JSON.stringify(record, null, '\t') + '\n', format: 'json' };
    case 'jsonl':
      return { text: [line(databaseRecord()), line(record), line(diskRecord())].join('\n') + '\n', format: 'jsonl' };
    case 'jsonl-spaced':
      return { text: [spacedLine(databaseRecord()), spacedLine(record), spacedLine(diskRecord())].join('\n') + '\n', format: 'jsonl' };
  }
}

export function diagnose(written: Written): Diagnostic[] {
  return service.diagnostics(incidentDocument(written.text, written.format));
}

export function codeActions(written: Written, diagnostics: Diagnostic[], options: { snippetSupport?: boolean; only?: string[] } = {}): CodeAction[] {
  return service.getCodeActions(incidentDocument(written.text, written.format), diagnostics, { documentChanges: true, ...options });
}

export function editsOf(action: CodeAction): TextEdit[] {
  const change = action.edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
  assert.ok(change, `"${action.title}" has a document change`);
  return change.edits as TextEdit[];
}

export interface Applied {
  readonly diagnostic: Diagnostic;
  readonly action: CodeAction;
  readonly edits: TextEdit[];
  readonly after: string;
}

/** The fix of the (single) diagnostic with `code`: the preferred action, or the one whose title matches. */
export function applyFix(written: Written, code: string, title?: RegExp): Applied {
  const diagnostics = diagnose(written).filter((d) => d.code === code);
  assert.equal(diagnostics.length, 1, `one ${code} diagnostic, got ${diagnostics.length}`);
  const [diagnostic] = diagnostics;
  const actions = codeActions(written, [diagnostic]);
  const action = title ? actions.find((a) => title.test(a.title)) : (actions.find((a) => a.isPreferred) ?? actions[0]);
  assert.ok(action, `a fix for ${code}: ${actions.map((a) => a.title).join(' | ') || 'none offered'}`);
  assert.equal(action.kind, 'quickfix');
  assert.deepEqual(action.diagnostics, [diagnostic]);
  const edits = editsOf(action);
  const document = incidentDocument(written.text, written.format);
  return { diagnostic, action, edits, after: TextDocument.applyEdits(document, edits) };
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  const da = a.data as { pointer?: string; recordIndex?: number };
  const db = b.data as { pointer?: string; recordIndex?: number };
  return a.code === b.code && da.pointer === db.pointer && da.recordIndex === db.recordIndex;
}

/** Every line of the text parses (JSON Lines), or the whole text does (JSON). */
export function assertParses(text: string, format: 'json' | 'jsonl'): void {
  if (format === 'json') {
    JSON.parse(text);
    return;
  }
  for (const l of text.split('\n').filter((l) => l.trim())) {
    JSON.parse(l);
  }
}

/**
 * The four properties every fix must have: (1) its diagnostic is gone,
 * (2) the text still parses, (3) every byte outside the edited ranges is
 * unchanged and the inserted text follows the file's layout, (4) fix-all
 * twice equals fix-all once.
 */
export function assertWellBehaved(written: Written, applied: Applied, options: { leavesBlank?: boolean } = {}): void {
  const { text, format } = written;
  const { after, edits, diagnostic } = applied;
  const remaining = diagnose({ text: after, format }).filter((d) => sameDiagnostic(d, diagnostic));
  if (options.leavesBlank) {
    // A placeholder for a property without a minimum length is a blank value: the rule now asks to fill it in.
    assert.deepEqual(remaining.map((d) => (d.data as { empty?: boolean }).empty), [true], `${diagnostic.code} now asks to fill in the blank`);
  } else {
    assert.deepEqual(remaining, [], `${diagnostic.code} is gone`);
  }
  assertParses(after, format);

  const document = incidentDocument(text, format);
  const sorted = [...edits].sort((a, b) => document.offsetAt(a.range.start) - document.offsetAt(b.range.start));
  let at = 0;
  let out = 0;
  for (const edit of sorted) {
    const start = document.offsetAt(edit.range.start);
    const end = document.offsetAt(edit.range.end);
    assert.ok(start >= at, 'edits do not overlap');
    const untouched = text.slice(at, start);
    assert.equal(after.slice(out, out + untouched.length), untouched, 'text between edits unchanged');
    out += untouched.length + edit.newText.length;
    at = end;
  }
  assert.equal(after.slice(out), text.slice(at), 'text after the last edit unchanged');

  if (format === 'jsonl') {
    const before = text.split('\n');
    const now = after.split('\n');
    assert.equal(now.length, before.length, 'JSON Lines: no line added or removed');
    assert.equal(now[0], before[0]);
    assert.equal(now[2], before[2]);
  }
  if (text.includes('{"incident": {')) {
    const inserted = edits.map((e) => e.newText).join('');
    assert.ok(!/"\s*:\S|,"/.test(inserted), `spaced JSON Lines: inserted text keeps ": " and ", " (${inserted})`);
  }
  if (text.includes('\r\n')) {
    assert.ok(!/[^\r]\n/.test(after), 'CRLF file: every inserted line ends with CRLF');
  }
  if (text.includes('\n\t')) {
    assert.ok(!/\n +/.test(after), 'tab-indented file: inserted lines are indented with tabs');
  }
  const once = fixAll(after, format, { now: NOW }).text;
  assert.equal(fixAll(once, format, { now: NOW }).text, once, 'fix-all twice equals fix-all once');
  const onceFromStart = fixAll(text, format, { now: NOW }).text;
  assert.equal(fixAll(onceFromStart, format, { now: NOW }).text, onceFromStart, 'fix-all twice equals fix-all once (original text)');
}

/** Whether fix-all applies this diagnostic's fix (it is safe) — checked on the text, end to end. */
export function fixedByFixAll(written: Written, diagnostic: Diagnostic): boolean {
  const fixed = fixAll(written.text, written.format, { now: NOW }).text;
  return !diagnose({ text: fixed, format: written.format }).some((d) => sameDiagnostic(d, diagnostic));
}
