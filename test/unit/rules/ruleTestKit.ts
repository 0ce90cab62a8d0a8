/**
 * Shared setup for the rule tests: a service with a pinned clock, lookups by
 * code, and ranges of values in pretty-printed text.
 */
import assert from 'node:assert/strict';
import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import { getIncidentService } from '../../../server/src/service/incidentService';
import { JsonRecord, pretty } from '../../helpers/records';
import { incidentDocument, positionAt, rangeOf } from '../../helpers/text';

/** The pinned "now" of every rule test: well after every realistic record's timestamps. */
export const NOW = Date.parse('2025-01-01T00:00:00Z');

const service = getIncidentService({ now: () => NOW });

/** A diagnostic whose message is plain text (the core never produces markup messages). */
export type Diag = Diagnostic & { message: string };

export function diagnose(text: string, format: 'json' | 'jsonl' = 'json'): Diag[] {
  return service.diagnostics(incidentDocument(text, format)).map((d) => {
    assert.equal(typeof d.message, 'string');
    return d as Diag;
  });
}

/** Pretty-prints `record`, diagnoses it, and returns the text with the diagnostics. */
export function check(record: JsonRecord): { text: string; diagnostics: Diag[] } {
  const text = pretty(record);
  return { text, diagnostics: diagnose(text) };
}

export function only(diagnostics: readonly Diag[], code: string): Diag[] {
  return diagnostics.filter((d) => d.code === code);
}

/** The one diagnostic of `code`; fails when there is none or more than one. */
export function single(diagnostics: readonly Diag[], code: string): Diag {
  const found = only(diagnostics, code);
  assert.equal(found.length, 1, `expected one ${code}, got ${found.length}: ${diagnostics.map((d) => `${d.code} ${d.message}`).join(' | ')}`);
  return found[0];
}

/** Asserts that the record reports nothing at all, at any severity. */
export function assertClean(diagnostics: readonly Diagnostic[]): void {
  assert.deepEqual(
    diagnostics.map((d) => `${d.code}: ${d.message}`),
    [],
  );
}

/** The range of the value in the `occurrence`-th `"key": value` of pretty-printed text. */
export function valueRange(text: string, key: string, rawValue: string, occurrence = 0): Range {
  const needle = `"${key}": ${rawValue}`;
  const whole = rangeOf(text, needle, occurrence);
  const start = positionAt(text, offsetOf(text, whole.start) + needle.length - rawValue.length);
  return { start, end: whole.end };
}

function offsetOf(text: string, position: { line: number; character: number }): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < position.line; i++) {
    offset += lines[i].length + 1;
  }
  return offset + position.character;
}

export function dataOf<T = Record<string, unknown>>(diagnostic: Diagnostic): T {
  return diagnostic.data as T;
}

export const Severity = DiagnosticSeverity;

/** `record.incident.metadata`, typed loosely for tests that break records. */
export function meta(record: JsonRecord): JsonRecord {
  return record.incident.metadata as JsonRecord;
}
