/**
 * The cheap first look: does a string hold anything a detector starts from
 * (a keyword, a token prefix, `://`, `@`, a PEM header)? Detection runs on
 * every string of datasets of 100,000 records; almost all of them
 * (timestamps, ids, enum values, prose) fail this test.
 *
 * The test is one regular expression (`PREFILTER`, the definition), run in
 * two steps because an alternation of some fifty words costs several
 * nanoseconds per character in prose: a scan of the text's character
 * triples against a bitmap of the triples any alternative can begin with,
 * and only where a triple is one of them, the expression itself, anchored
 * there. The answer is exactly `PREFILTER.test(text)`. Case-insensitive
 * words are written as classes (`[pP][aA]…`), so every spelling of their
 * first three letters is in the bitmap and the scan compares characters as
 * they are.
 */
import { TOKEN_ANCHORS } from './tokens';

/** Strings shorter than this hold no credential any detector could report (`pwd=abc` is 7). */
export const MIN_SECRET_TEXT = 7;

/** Words that start a detector, in any case. */
const KEYWORDS = ['pass', 'pwd', 'secret', 'token', 'key', 'cred', 'sig=', 'bearer', 'basic'];

/** `pass` → `[pP][aA][sS][sS]`: measurably faster than the `i` flag over the whole alternation. */
function anyCase(word: string): string {
  return word.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
}

/** `@` is one character: it is looked for directly, not as a triple. */
const AT_SIGN = '@';
const ALTERNATIVES: readonly string[] = [':\\/\\/', AT_SIGN, '-----BEGIN ', ...KEYWORDS.map(anyCase), ...TOKEN_ANCHORS];

/** What "may contain a secret" means: any of the alternatives anywhere in the text. */
export const PREFILTER = new RegExp(ALTERNATIVES.join('|'));

/** The same expression, tried only at `lastIndex`. */
const AT_POSITION = new RegExp(PREFILTER.source, 'y');

const QUANTIFIERS = '?*+{';

/**
 * Every string of `length` characters a match of `source` can begin with.
 * Reads the little syntax the alternatives use before their first
 * quantifier: literal characters, `\x` escapes, `[…]` classes (with ranges)
 * and `(?:a|b)` groups. Anything else throws, so an alternative this cannot
 * read fails the tests rather than slipping past the scan.
 */
export function leadingStrings(source: string, length: number): string[] {
  /** Each way the text from `at` can go on, as [characters so far, position after]. */
  function expand(at: number, prefix: string, end: number): [string, number][] {
    if (prefix.length >= length || at >= end) {
      if (at < end && QUANTIFIERS.includes(source[at])) {
        throw new Error(`Unsupported quantifier in ${source}`);
      }
      return [[prefix, at]];
    }
    const c = source[at];
    if (c === '\\') {
      return expand(at + 2, prefix + source[at + 1], end);
    }
    if (c === '[') {
      const close = source.indexOf(']', at + 1);
      const chars: string[] = [];
      for (let i = at + 1; i < close; i++) {
        if (source[i + 1] === '-' && i + 2 < close) {
          for (let code = source.charCodeAt(i); code <= source.charCodeAt(i + 2); code++) {
            chars.push(String.fromCharCode(code));
          }
          i += 2;
        } else {
          chars.push(source[i]);
        }
      }
      if (close < 0 || chars.length === 0 || source[at + 1] === '^') {
        throw new Error(`Unsupported class in ${source}`);
      }
      return chars.flatMap((ch) => expand(close + 1, prefix + ch, end));
    }
    if (c === '(') {
      if (!source.startsWith('(?:', at)) {
        throw new Error(`Unsupported group in ${source}`);
      }
      let depth = 0;
      let close = at;
      const bars: number[] = [];
      for (; close < end; close++) {
        if (source[close] === '\\') {
          close++;
        } else if (source[close] === '(') {
          depth++;
        } else if (source[close] === ')' && --depth === 0) {
          break;
        } else if (source[close] === '|' && depth === 1) {
          bars.push(close);
        }
      }
      if (QUANTIFIERS.includes(source[close + 1])) {
        throw new Error(`Unsupported quantifier in ${source}`);
      }
      const starts = [at + 3, ...bars.map((b) => b + 1)];
      const ends = [...bars, close];
      return starts.flatMap((s, i) => expand(s, prefix, ends[i])).flatMap(([p, after]) => (p.length >= length ? [[p, after] as [string, number]] : expand(close + 1, p, end)));
    }
    if (QUANTIFIERS.includes(c)) {
      throw new Error(`Unsupported quantifier in ${source}`);
    }
    if ('|^$.)'.includes(c)) {
      throw new Error(`Unsupported syntax in ${source}`);
    }
    return expand(at + 1, prefix + c, end);
  }
  const found = expand(0, '', source.length).map(([p]) => p);
  if (found.some((p) => p.length < length)) {
    throw new Error(`${source} can match fewer than ${length} characters`);
  }
  return [...new Set(found)];
}

/** A character as the triple scan sees it: ASCII as it is, anything else as 0 (no alternative holds either). */
function fold(code: number): number {
  return code < 128 ? code : 0;
}

function tripleKey(a: number, b: number, c: number): number {
  return (a << 14) | (b << 7) | c;
}

/** One bit per triple of 7-bit characters (256 KiB): set for the triples an alternative can begin with. */
const LEADS = new Uint32Array(1 << 16);
for (const alternative of ALTERNATIVES) {
  if (alternative === AT_SIGN) {
    continue;
  }
  for (const lead of leadingStrings(alternative, 3)) {
    const key = tripleKey(fold(lead.charCodeAt(0)), fold(lead.charCodeAt(1)), fold(lead.charCodeAt(2)));
    LEADS[key >>> 5] |= 1 << (key & 31);
  }
}

/** False when no detector can find anything in `text`; true means "look closer". Equals `PREFILTER.test(text)` for texts of 7 characters or more. */
export function mayContainSecret(text: string): boolean {
  const n = text.length;
  if (n < MIN_SECRET_TEXT) {
    return false;
  }
  let a = 0;
  let b = fold(text.charCodeAt(0));
  let c = fold(text.charCodeAt(1));
  if (b === 64 || c === 64) {
    return true;
  }
  for (let i = 2; i < n; i++) {
    a = b;
    b = c;
    const code = text.charCodeAt(i);
    if (code === 64) {
      return true;
    }
    c = fold(code);
    const key = tripleKey(a, b, c);
    if (LEADS[key >>> 5] & (1 << (key & 31))) {
      AT_POSITION.lastIndex = i - 2;
      if (AT_POSITION.test(text)) {
        return true;
      }
    }
  }
  return false;
}
