/**
 * Helpers for user-facing text. Values from records are echoed in messages
 * only when they are short identifiers that cannot be a credential.
 */
import { containsSecret, MASK, redactSecrets } from '../secrets';

const SAFE_TOKEN = /^[A-Za-z0-9_ .:/@+-]{0,40}$/;

/** Long mixed letter+digit runs look like keys or tokens: never echo them. */
function tokenLike(value: string): boolean {
  return (/[A-Za-z0-9_+/-]{16,}/.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value)) || looksRandom(value);
}

/**
 * A short password pasted on its own (`Lp5nW2qR7xTs`) matches no secret
 * pattern: a value that mixes upper case, lower case and digits back and
 * forth (five or more switches) is treated as one. Words (`CrashLoopBackOff`),
 * ids (`scheduled__2024-03-14T02:00:00+00:00`) and quantities switch less.
 */
function looksRandom(value: string): boolean {
  if (value.length < 8 || value.length > 128 || !/[a-z]/.test(value) || !/[A-Z]/.test(value) || !/\d/.test(value) || /\s/.test(value)) {
    return false;
  }
  let switches = 0;
  let previous = '';
  for (const c of value) {
    const kind = c >= 'a' && c <= 'z' ? 'l' : c >= 'A' && c <= 'Z' ? 'u' : c >= '0' && c <= '9' ? 'd' : '';
    if (kind && previous && kind !== previous) {
      switches++;
    }
    previous = kind || previous;
  }
  return switches >= 5;
}

/** True when a record string may be shown in a message. */
export function isEchoable(value: string): boolean {
  if (!SAFE_TOKEN.test(value)) {
    return false;
  }
  // Nor anything the secret detector finds (`redis://:pw@h`, `hf_…`, `pwd=…`).
  return !tokenLike(value) && !containsSecret(value);
}

const MAX_SHOWN_KEY = 40;

/**
 * A record's key as messages name it (in a path, or as "x must be a number"):
 * as written when short, cut when long (a key can be megabytes), and `…`
 * when it looks like a credential.
 */
export function shownKey(key: string): string {
  if (isEchoable(key)) {
    return key;
  }
  if (tokenLike(key) || containsSecret(key)) {
    return '…';
  }
  return key.length > MAX_SHOWN_KEY ? `${key.slice(0, MAX_SHOWN_KEY - 1)}…` : key;
}

/** A record value as a message shows it: quoted when safe, else described by its type. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return isEchoable(value) ? JSON.stringify(value) : 'the string';
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value);
  }
  return Array.isArray(value) ? 'an array' : 'an object';
}

export function jsonTypeOf(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? 'integer' : 'number';
  }
  return typeof value;
}

const ARTICLES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean (true or false)',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

export function typeWithArticle(type: string): string {
  return ARTICLES[type] ?? type;
}

/** "a, b or c" */
export function listOr(items: readonly string[]): string {
  if (items.length <= 1) {
    return items.join('');
  }
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Levenshtein distance, bounded: returns `max + 1` as soon as the distance exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) {
    return max + 1;
  }
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      current.push(value);
      if (value < rowMin) {
        rowMin = value;
      }
    }
    if (rowMin > max) {
      return max + 1;
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidates close to `value`, best first: "did you mean". Close means an
 * edit distance of at most a third of the longer word (at least 1, at most 4),
 * or a case-insensitive match, or one being a prefix of the other with at least
 * 4 characters in common.
 */
export function closestMatches(value: string, candidates: readonly string[], limit = 3): string[] {
  const lower = value.toLowerCase();
  const scored: { candidate: string; score: number }[] = [];
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    if (c === lower) {
      scored.push({ candidate, score: 0 });
      continue;
    }
    const max = Math.min(4, Math.max(1, Math.floor(Math.max(c.length, lower.length) / 3)));
    const distance = editDistance(lower, c, max);
    if (distance <= max) {
      scored.push({ candidate, score: distance });
    } else if (lower.length >= 4 && (c.startsWith(lower) || lower.startsWith(c))) {
      scored.push({ candidate, score: max + 0.5 });
    }
  }
  scored.sort((x, y) => x.score - y.score || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, limit).map((s) => s.candidate);
}

/**
 * Record text as a feature shows it (outline, timeline, dataset overview):
 * every credential masked as `***`, and a value that looks like a random
 * password on its own masked whole.
 */
export function shownText(value: string): string {
  const redacted = redactSecrets(value) ?? value;
  return looksRandom(redacted) ? MASK : redacted;
}

/** `value` with every string in it (at any depth) passed through `shownText`: for models built from record text. */
export function shownDeep<T>(value: T): T {
  if (typeof value === 'string') {
    return shownText(value) as T;
  }
  if (Array.isArray(value)) {
    return value.map(shownDeep) as T;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = shownDeep(v);
    }
    return out as T;
  }
  return value;
}
