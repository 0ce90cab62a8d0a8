/**
 * IR402 duplicate-record: the same incident twice in one dataset (a JSON
 * Lines file or a JSON array). Two records are the same incident when they
 * have the same title and the same first action instant, or, lacking those,
 * the same content. Duplicates skew what the agent learns from the dataset.
 *
 * Reported on the later copy (its title, else its opening brace), naming
 * where the first copy is: "the same incident as line 3".
 *
 * Bad:  line 2 and line 11 both "Orders API exhausted its Postgres connection
 *       pool" with the first action at 2024-05-02T14:16:00Z.
 * Good: one of them removed, or their titles/timestamps corrected.
 */
import { locateProblems } from '../../parsing/locator';
import { LocatedProblem } from '../../problems';
import type { RecordResult, RecordSummary } from '../../recordChecker';
import type { JsonObject } from '../ruleTypes';
import { parseInstant } from '../../util/instant';

/**
 * Keys identifying the incident: a hash of its title with its first action's
 * instant, or of its content. Hashed when the record is checked, so keys stay
 * small and comparing thousands of them after each edit is cheap.
 */
export function identityKeys(record: JsonObject, summary: RecordSummary): string[] {
  if (summary.title && summary.firstActionTime) {
    const instant = parseInstant(summary.firstActionTime);
    return [`t:${contentHash(`${summary.title}\u0000${instant ?? summary.firstActionTime}`)}`];
  }
  return [`c:${contentHash(JSON.stringify(record))}`];
}

/** Describes where a record is, for messages: "line 12" in JSON Lines, "item 3 (line 40)" in an array. */
export type RecordLocator = (recordIndex: number) => string;

export interface Duplicate {
  readonly first: number;
  readonly reason: string;
}

/** Remembers the first record of each identity and tells whether a later one repeats it. */
export class DuplicateTracker {
  private readonly firsts = new Map<string, number>();

  /** Registers record `index`; returns the earlier copy it repeats, if any. */
  add(index: number, keys: readonly string[]): Duplicate | undefined {
    for (const key of keys) {
      const first = this.firsts.get(key);
      if (first === undefined) {
        this.firsts.set(key, index);
        continue;
      }
      return { first, reason: key.startsWith('t:') ? 'same title and first action timestamp' : 'same content' };
    }
    return undefined;
  }
}

/** The IR402 problem on the later copy, with offsets relative to its text. */
export function duplicateProblem(recordText: string, recordIndex: number, duplicate: Duplicate, where: string, hasTitle: boolean): LocatedProblem {
  const [located] = locateProblems(
    recordText,
    [
      {
        code: 'IR402',
        message: `Duplicate record: the same incident as ${where} (${duplicate.reason}). Remove one copy, or correct the title or timestamps if they are different incidents.`,
        path: hasTitle ? ['incident', 'title'] : [],
        target: hasTitle ? 'value' : 'missing',
        data: { duplicateOf: duplicate.first },
      },
    ],
    recordIndex,
  );
  return located;
}

/** Where the records of a dataset are in its text. */
export interface RecordSpans {
  readonly size: number;
  start(i: number): number;
  end(i: number): number;
  /** The record's check result, or undefined while it is not checked yet. */
  result(i: number): RecordResult | undefined;
}

/** The later copies among the checked records of a dataset, keyed by record index. */
export function duplicateRecordProblems(text: { slice(start: number, end: number): string }, records: RecordSpans, describe: RecordLocator): Map<number, LocatedProblem[]> {
  const tracker = new DuplicateTracker();
  const out = new Map<number, LocatedProblem[]>();
  const textOf = (index: number) => text.slice(records.start(index), records.end(index));
  for (let i = 0; i < records.size; i++) {
    const record = records.result(i);
    if (!record || record.identityKeys.length === 0) {
      continue;
    }
    const duplicate = tracker.add(i, record.identityKeys);
    if (duplicate) {
      const hasTitle = record.identityKeys[0].startsWith('t:');
      out.set(i, [duplicateProblem(textOf(i), i, duplicate, describe(duplicate.first), hasTitle)]);
    }
  }
  return out;
}

/** A 53-bit hash of a string (cyrb53), as a short base-36 string. */
export function contentHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
