/**
 * IR402 duplicate-record: the same incident twice in one dataset (a JSON
 * Lines file or a JSON array). Two records are the same incident when they
 * have the same title and the same first action instant, or, lacking those,
 * the same content. Duplicates skew what the agent learns from the dataset.
 *
 * Reported on the later copy (its title, else its opening brace), naming
 * where the first copy is: "the same incident as line 3".
 */
import { DocumentLayout } from '../../parsing/recordSpans';
import { locateProblems } from '../../parsing/locator';
import { LocatedProblem } from '../../problems';
import type { RecordResult, RecordSummary } from '../../recordChecker';
import type { JsonObject } from '../ruleTypes';

/** Keys identifying the incident: its title with its first action's instant, or its normalised content. */
export function identityKeys(record: JsonObject, summary: RecordSummary): string[] {
  if (summary.title && summary.firstActionTime) {
    const instant = Date.parse(summary.firstActionTime);
    return [`t:${summary.title}\u0000${Number.isNaN(instant) ? summary.firstActionTime : instant}`];
  }
  return [`c:${JSON.stringify(record)}`];
}

/** Describes where a record is, for messages: "line 12" in JSON Lines, "item 3 (line 40)" in an array. */
export type RecordLocator = (recordIndex: number) => string;

/** Finds the later copies; the map is keyed by record position in `records`. */
export function duplicateRecordProblems(
  text: string,
  layout: DocumentLayout,
  records: readonly RecordResult[],
  describe: RecordLocator,
): Map<number, LocatedProblem[]> {
  const firstByKey = new Map<string, number>();
  const out = new Map<number, LocatedProblem[]>();
  records.forEach((record, i) => {
    for (const key of record.identityKeys) {
      const first = firstByKey.get(key);
      if (first === undefined) {
        firstByKey.set(key, i);
        continue;
      }
      const span = layout.spans[i];
      const firstSpan = layout.spans[first];
      const identical = text.slice(span.start, span.end) === text.slice(firstSpan.start, firstSpan.end);
      const reason = key.startsWith('t:') ? (identical ? 'identical content' : 'same title and first action timestamp') : 'same content';
      const recordText = text.slice(span.start, span.end);
      const [located] = locateProblems(
        recordText,
        [
          {
            code: 'IR402',
            message: `Duplicate record: the same incident as ${describe(first)} (${reason}). Remove one copy, or correct the title or timestamps if they are different incidents.`,
            path: key.startsWith('t:') ? ['incident', 'title'] : [],
            target: key.startsWith('t:') ? 'value' : 'missing',
            data: { duplicateOf: first },
          },
        ],
        record.index,
      );
      out.set(i, [located]);
      break;
    }
  });
  return out;
}

