/**
 * A diagnostic message as a pattern: what varies from record to record
 * (quoted values, numbers, JSON pointers and property paths) replaced by `…`,
 * so that one mistake made by an exporter in 6,000 records reads as one
 * problem group with a count, not 6,000 lines.
 */

/** Double-, single- or back-quoted text (a value or a key as a message quotes it). */
const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`\n]*`/g;
/** A JSON pointer (`/actions_taken/2/timestamp`) or a dotted/indexed path (`actions_taken[2].timestamp`, `incident.metadata.dag_id`). */
const POINTER = /(?<![\w/])\/[\w~.-]+(?:\/[\w~.-]*)*/g;
const DOTTED_PATH = /\b[A-Za-z_]\w*(?:\[\d+\])+(?:\.\w+(?:\[\d+\])*)*|\b[A-Za-z_]\w*(?:\.[A-Za-z_]\w*){2,}/g;
/** Numbers, also inside words like `line 12` or `item 3`, and ISO-ish dates and times. */
const NUMBER = /-?\d+(?:[.:,]\d+)*(?:[eE][+-]?\d+)?/g;
/** Runs of placeholders joined by separators collapse into one. */
const RUNS = /…(?:[\s,;:./-]*…)+/g;

const CACHE = new Map<string, string>();
const CACHE_LIMIT = 10_000;

export function messagePattern(message: string): string {
  let pattern = CACHE.get(message);
  if (pattern === undefined) {
    pattern = message.replace(QUOTED, '…').replace(POINTER, '…').replace(DOTTED_PATH, '…').replace(NUMBER, '…').replace(RUNS, '…');
    if (CACHE.size >= CACHE_LIMIT) {
      CACHE.clear();
    }
    CACHE.set(message, pattern);
  }
  return pattern;
}
