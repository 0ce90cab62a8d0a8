/**
 * The shape of a quick fix: computed from a diagnostic's `code` and `data`
 * (never its message) against the current text of its record.
 */
import { findNode, JsonNode } from '../parsing/locator';
import { DiagnosticData, JsonPath, fromPointer } from '../problems';
import { TextChange } from './jsonEdits';
import { RecordSource } from './recordSource';

export interface FixInput {
  readonly code: string;
  readonly data: DiagnosticData;
  readonly src: RecordSource;
}

export interface Fix {
  /** The code action's title: says what the fix does, never echoes a record value that could be a secret. */
  readonly title: string;
  /** Changes in offsets relative to the record's first character, not overlapping. */
  readonly changes: readonly TextChange[];
  /**
   * Whether fix-all and `lint --fix` may apply it without asking: the result
   * is fully determined (no placeholder to fill, no choice among candidates).
   */
  readonly safe: boolean;
  /** The obvious fix for the diagnostic (`isPreferred`). */
  readonly preferred: boolean;
}

/** Computes the fixes for one diagnostic; returns none when the diagnostic no longer matches the text. */
export type FixProvider = (input: FixInput) => Fix[];

/** The node at a JSON pointer of the record, when the whole path exists. */
export function nodeAt(src: RecordSource, pointer: string): JsonNode | undefined {
  return nodeAtPath(src, fromPointer(pointer));
}

export function nodeAtPath(src: RecordSource, path: JsonPath): JsonNode | undefined {
  const { node, depth } = findNode(src.root, path);
  return depth === path.length ? node : undefined;
}

/** The data's `key` as an array of strings (empty when absent or not an array of strings). */
export function stringList(data: DiagnosticData, key: string): string[] {
  const value = data[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The last name of a JSON pointer, for titles: `/incident/metadata/task_id` → `task_id`. */
export function lastName(pointer: string): string {
  const path = fromPointer(pointer);
  for (let i = path.length - 1; i >= 0; i--) {
    if (typeof path[i] === 'string') {
      return String(path[i]);
    }
  }
  return 'value';
}
