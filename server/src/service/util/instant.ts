/**
 * The one parser of record timestamps: ISO 8601 / RFC 3339 date-times with a
 * time zone, in every form the schema's `date-time` format accepts (`T`, `t`
 * or a space between date and time, any number of fraction digits, `Z`/`z`
 * or an offset `±hh`, `±hhmm`, `±hh:mm`). Parsed by hand rather than with
 * `Date.parse`, which reads zone-less text in the machine's local zone and
 * rejects `+02` offsets and leap seconds. The common shape
 * (`2024-03-14T02:15:00Z`, `…+02:00`, with or without a fraction) takes a
 * fast path without regular expressions or allocation; rules read many
 * thousands of timestamps per dataset.
 */

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

function digit(text: string, at: number): number {
  const c = text.charCodeAt(at) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

function two(text: string, at: number): number {
  const a = digit(text, at);
  const b = digit(text, at + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

function fromParts(year: number, month: number, day: number, hour: number, minute: number, second: number, fractionMs: number, offsetMinutes: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return undefined;
  }
  // Reject 2024-02-30 and the like (Date.UTC would roll them over into the next month).
  if (day > daysInMonth(year, month)) {
    return undefined;
  }
  return Date.UTC(year, month - 1, day) + ((hour * 60 + minute) * 60 + second) * 1000 + fractionMs - offsetMinutes * 60_000;
}

/** `YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)` without a regular expression; undefined when the text has another shape. */
function fastPath(text: string): number | undefined | null {
  const n = text.length;
  if (n < 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) {
    return null;
  }
  const year = two(text, 0) * 100 + two(text, 2);
  const month = two(text, 5);
  const day = two(text, 8);
  const hour = two(text, 11);
  const minute = two(text, 14);
  const second = two(text, 17);
  if (year < 0 || two(text, 0) < 0 || two(text, 2) < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
    return null;
  }
  let i = 19;
  let fractionMs = 0;
  if (text.charCodeAt(i) === 46) {
    let scale = 100;
    i++;
    const start = i;
    for (; i < n; i++) {
      const d = digit(text, i);
      if (d < 0) {
        break;
      }
      fractionMs += d * scale;
      scale /= 10;
    }
    if (i === start) {
      return null;
    }
  }
  let offsetMinutes = 0;
  const zone = text.charCodeAt(i);
  if (zone === 90 && i + 1 === n) {
    offsetMinutes = 0;
  } else if ((zone === 43 || zone === 45) && i + 6 === n && text.charCodeAt(i + 3) === 58) {
    const hours = two(text, i + 1);
    const minutes = two(text, i + 4);
    if (hours < 0 || minutes < 0 || hours > 23 || minutes > 59) {
      return undefined;
    }
    offsetMinutes = (zone === 45 ? -1 : 1) * (hours * 60 + minutes);
  } else {
    return null;
  }
  return fromParts(year, month, day, hour, minute, second, fractionMs, offsetMinutes);
}

/** Milliseconds since the epoch of a timestamp with a time zone, or undefined for anything else. */
export function parseInstant(value: unknown): number | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const fast = fastPath(value);
  if (fast !== null) {
    return fast;
  }
  const m = INSTANT.exec(value);
  if (!m) {
    return undefined;
  }
  let offsetMinutes = 0;
  if (!m[8]) {
    const hours = Number(m[10]);
    const minutes = Number(m[11] ?? 0);
    if (hours > 23 || minutes > 59) {
      return undefined;
    }
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const fractionMs = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  return fromParts(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), fractionMs, offsetMinutes);
}
