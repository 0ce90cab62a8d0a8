/**
 * Helpers for the resilience tests: a realistic large dataset, the
 * diagnostics a fresh full check of a text gives (the reference every
 * publish is compared with), and line ranges for edits.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { generate } from '../../bench/generate';
import { checkDocument, toDiagnostics } from '../../server/src/service/documentChecker';
import { repoRoot } from '../helpers/text';

/** A seeded JSON Lines dataset of `records` realistic records (about 2 KB each, ~2% with a defect). */
export function datasetText(records: number, seed = 7): string {
  return generate(repoRoot(), records, seed).jsonl;
}

/** What the server should publish for `text` once checking is done: the core's full check with default severities. */
export function freshDiagnostics(text: string, format: 'json' | 'jsonl'): Diagnostic[] {
  const document = TextDocument.create('file:///fresh', format === 'jsonl' ? 'incident-jsonl' : 'incident-json', 1, text);
  return toDiagnostics(checkDocument(text, format), (offset) => document.positionAt(offset));
}

/** A diagnostic as comparable text: everything a client receives. */
export function keyOf(d: Diagnostic): string {
  return JSON.stringify([d.code, d.severity, d.range, d.message, d.data ?? null, d.source, d.codeDescription ?? null]);
}

/** The range of line `line` without its line break, or with it (`whole`: deleting the line). */
export function lineRange(lines: readonly string[], line: number, whole: boolean): Range {
  if (whole) {
    return { start: { line, character: 0 }, end: { line: line + 1, character: 0 } };
  }
  return { start: { line, character: 0 }, end: { line, character: lines[line].length } };
}
