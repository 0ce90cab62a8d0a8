import { parseInstant } from './instant';

/**
 * Durations and time offsets as people read them in a postmortem:
 * `1h 02m 03s`, `4m 12s`, `+4m 12s`. Shared by hovers, inlay hints and the
 * timeline, so the same span always reads the same way everywhere.
 *
 * Units after the largest one are zero-padded to two digits so that columns
 * of durations line up (`1h 02m 03s` under `12h 40m 00s`); the largest unit is
 * never padded.
 */

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A non-negative number of seconds in human form: `0s`, `45s`, `4m 12s`,
 * `1h 02m 03s`, `2d 03h 00m 00s`. Sub-second spans keep one decimal
 * (`0.5s`) because "0s" would hide that something took time; everything else
 * is rounded to the nearest second. Negative spans get a leading `-`.
 * Returns `undefined` for non-finite input (NaN, Infinity), so callers never
 * show "NaNs".
 */
export function formatDuration(seconds: number): string | undefined {
  if (!Number.isFinite(seconds)) {
    return undefined;
  }
  if (seconds < 0) {
    return `-${formatDuration(-seconds)}`;
  }
  if (seconds > 0 && seconds < 0.95) {
    return `${Math.round(seconds * 10) / 10}s`;
  }
  let rest = Math.round(seconds);
  const days = Math.floor(rest / DAY);
  rest -= days * DAY;
  const hours = Math.floor(rest / HOUR);
  rest -= hours * HOUR;
  const minutes = Math.floor(rest / MINUTE);
  const secs = rest - minutes * MINUTE;
  if (days > 0) {
    return `${days}d ${pad(hours)}h ${pad(minutes)}m ${pad(secs)}s`;
  }
  if (hours > 0) {
    return `${hours}h ${pad(minutes)}m ${pad(secs)}s`;
  }
  if (minutes > 0) {
    return `${minutes}m ${pad(secs)}s`;
  }
  return `${secs}s`;
}

/**
 * A signed offset in seconds: `+4m 12s`, `-30s`, `+0s`. Used for "time since
 * the first action" and "time since execution_date".
 */
export function formatOffset(seconds: number): string | undefined {
  const magnitude = formatDuration(Math.abs(seconds));
  if (magnitude === undefined) {
    return undefined;
  }
  return `${seconds < 0 && magnitude !== '0s' ? '-' : '+'}${magnitude}`;
}

/**
 * ISO 8601 date-time with a time zone (`Z` or `±hh:mm`), the format the schema
 * requires for every timestamp. Stricter than `Date.parse`, which accepts
 * zone-less and non-ISO text and would read it in the machine's local zone.
 */
export { parseInstant };

/** Seconds from `from` to `to` (both ISO timestamps), or `undefined` when either is not one. */
export function secondsBetween(from: unknown, to: unknown): number | undefined {
  const a = parseInstant(from);
  const b = parseInstant(to);
  return a === undefined || b === undefined ? undefined : (b - a) / 1000;
}
