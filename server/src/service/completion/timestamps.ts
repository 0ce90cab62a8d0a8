/**
 * Timestamp values to propose: the current time, or a moment after the
 * previous action (actions are listed in time order, IR204). A derived time
 * keeps the zone designator of the time it comes from, so a record written in
 * `+02:00` stays in `+02:00`.
 */
import { parseInstant } from '../util/durations';

/** Seconds between the previous action and the time proposed for the next one. */
export const ACTION_GAP_SECONDS = 60;

const ZONE = /([Zz]|[+-]\d{2}:?\d{2})$/;

function zoneMinutes(zone: string): number {
  if (zone === 'Z' || zone === 'z') {
    return 0;
  }
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

/** `epochMs` written as `YYYY-MM-DDTHH:MM:SS` + `zone`, in that zone, to the second. */
export function formatInstant(epochMs: number, zone = 'Z'): string {
  const local = new Date(Math.floor(epochMs / 1000) * 1000 + zoneMinutes(zone) * 60_000);
  return local.toISOString().slice(0, 19) + (zone === 'z' ? 'Z' : zone);
}

/** `timestamp` moved by `seconds`, in the same zone; `undefined` when it is not a valid timestamp. */
export function addSeconds(timestamp: string, seconds: number): string | undefined {
  const instant = parseInstant(timestamp);
  if (instant === undefined) {
    return undefined;
  }
  const zone = ZONE.exec(timestamp)?.[1] ?? 'Z';
  return formatInstant(instant + seconds * 1000, zone);
}

export interface TimestampSuggestion {
  readonly value: string;
  /** Short label detail: "now", "1 min after the previous action". */
  readonly detail: string;
}

/** Times to propose for a timestamp: after the previous action first (when there is one), then now. */
export function timestampSuggestions(previous: string | undefined, now: number): TimestampSuggestion[] {
  const suggestions: TimestampSuggestion[] = [];
  const after = previous ? addSeconds(previous, ACTION_GAP_SECONDS) : undefined;
  if (after) {
    suggestions.push({ value: after, detail: '1 min after the previous action' });
  }
  suggestions.push({ value: formatInstant(now), detail: 'now' });
  return suggestions;
}

/**
 * The default time of a new action: one minute after the previous action;
 * for a new first action, one minute before the action that will follow it;
 * for the only action, now.
 */
export function nextActionTime(previous: string | undefined, now: number, following?: string): string {
  if (!previous && following) {
    const before = addSeconds(following, -ACTION_GAP_SECONDS);
    if (before) {
      return before;
    }
  }
  return timestampSuggestions(previous, now)[0].value;
}
