/**
 * Problems are what validation and rules find in one record, addressed by a
 * JSON path inside the record rather than by text offsets, so the checks run
 * on plain parsed values and positions are resolved only for the records that
 * have something to report.
 */

import { shownKey } from './util/text';

/** A JSON path inside a record: property names and array indices. */
export type JsonPath = readonly (string | number)[];

/**
 * Which node of the path the diagnostic's range covers:
 * - `value`: the value at `path`;
 * - `key`: the property key at `path` (for unknown and duplicate keys);
 * - `missing`: the object at `path` lacks a property; the range is that
 *   object's own key, or its opening brace when it has no key (the record
 *   itself, or an array item).
 */
export type ProblemTarget = 'value' | 'key' | 'missing';

/** Machine-readable payload for quick fixes. Every field is optional but `pointer`. */
export interface DiagnosticData {
  /** JSON pointer of the node the diagnostic is about, inside the record. */
  readonly pointer: string;
  /** Index of the record in the document (the line's record in JSON Lines). */
  recordIndex?: number;
  readonly [key: string]: unknown;
}

export interface Problem {
  readonly code: string;
  readonly message: string;
  readonly path: JsonPath;
  readonly target: ProblemTarget;
  readonly data?: Omit<DiagnosticData, 'pointer'> & { pointer?: string };
  /**
   * A sub-range inside a string value, in characters of the decoded string
   * (used to underline just a secret inside a longer string). Applied only
   * when the raw text of the string has no escape before the sub-range.
   */
  readonly within?: readonly [number, number];
}

/** A problem with its range resolved, in offsets relative to the record's start. */
export interface LocatedProblem {
  readonly code: string;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly data: DiagnosticData;
}

export function toPointer(path: JsonPath): string {
  if (path.length === 0) {
    return '';
  }
  let out = '';
  for (const segment of path) {
    const text = String(segment);
    out += '/' + (text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text);
  }
  return out;
}

export function fromPointer(pointer: string): (string | number)[] {
  if (pointer === '') {
    return [];
  }
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/** Human path for messages: `incident.metadata.dag_id`, `actions_taken[2].result` (record keys shown as `shownKey` does). */
export function displayPath(path: JsonPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
      continue;
    }
    const shown = shownKey(segment);
    if (/^[A-Za-z_$][\w$]*$/.test(shown)) {
      out += out ? `.${shown}` : shown;
    } else {
      out += `[${JSON.stringify(shown)}]`;
    }
  }
  return out || 'the record';
}
