/**
 * Credentials written as `key=value` or `key: value`: JDBC properties
 * (`?password=`, `;password=`), ADO.NET/ODBC strings (`Password=`, `Pwd=`,
 * quoted values holding `;`, ODBC `{…}` values), libpq `key=value` strings,
 * and `password=` / `passwd:` / `secret=` / `api_key=` / `token=` pairs in
 * log lines, YAML and JSON fragments.
 *
 * Where a value ends depends on the form around it: a semicolon in an
 * ADO.NET string, `&` in a URL query, whitespace in libpq and log text.
 * The form is decided once per string (`detectForm`), then per pair by the
 * character before its key (`?`/`&` query, `;` property list).
 *
 * One linear scan for credential words, a bounded look-back for the key and a
 * bounded read of the value: linear in the text.
 */
import { isPlaceholder, isStopWord, looksLikeCredential, looksLikePassword } from './placeholders';
import { PRIORITY, RawFinding, raw } from './types';

export type StringForm = 'url' | 'ado' | 'libpq' | 'text';
type ValueMode = 'ado' | 'libpq' | 'query' | 'text';
type Category = 'password' | 'secret' | 'token' | 'api-key' | 'azure-key' | 'sas';

const URL_FORM = /^\s{0,8}(?:jdbc:|[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/)/i;
const ADO_FORM = /^\s{0,8}[A-Za-z][A-Za-z0-9 _.]{0,40}=[^;]{0,1024};/;
/** The libpq keywords that say a `key=value` list is a connection string, not a log line. */
const LIBPQ_KEY = /(?:^|\s)(?:host|hostaddr|port|dbname|user|service)\s?=/;

function isWordChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * True when the whole string is a list of at least two libpq pairs
 * (`host=pg01 port = 5432 password='a b'`): keys, `=`, and values that are
 * single-quoted (with backslash escapes) or run to the next whitespace.
 */
function isPairList(text: string): boolean {
  const n = text.length;
  let i = 0;
  let pairs = 0;
  const skipSpaces = () => {
    while (i < n && text.charCodeAt(i) <= 32) i++;
  };
  skipSpaces();
  while (i < n) {
    const key = i;
    while (i < n && isWordChar(text.charCodeAt(i))) i++;
    skipSpaces();
    if (i === key || text.charCodeAt(i) !== 61) return false;
    i++;
    skipSpaces();
    if (text.charCodeAt(i) === 39) {
      for (i++; i < n && text.charCodeAt(i) !== 39; i++) {
        if (text.charCodeAt(i) === 92) i++;
      }
      if (i >= n) return false;
      i++;
    } else {
      while (i < n && text.charCodeAt(i) > 32) i++;
    }
    pairs++;
    skipSpaces();
  }
  return pairs >= 2;
}

/** How a whole string is laid out: a URL, an ADO.NET/ODBC property list, a libpq string, or free text. */
export function detectForm(text: string): StringForm {
  if (URL_FORM.test(text)) {
    return 'url';
  }
  if (ADO_FORM.test(text)) {
    return 'ado';
  }
  if (LIBPQ_KEY.test(text) && isPairList(text)) {
    return 'libpq';
  }
  return 'text';
}

/** A credential word at the end of a key, followed by a separator. */
const KEY_WORD =
  /(pass(?:word|wd|phrase)?|pwd|secret[-_]?(?:access[-_]?)?key|secret|token|api[-_]?key|(?:private|account|master|signing|encryption|shared[-_]?access)[-_]?key|credentials?|sig)(?=["'\]]?[ \t]{0,8}(?::=|=>|=|:))/gi;

/** Keys ending in `token` that name a cursor or an id, not a credential. */
const NOT_CREDENTIAL_TOKEN = /(?:next|page|pagination|continuation|sync|resume|cancellation|cancel|idempotency|request|change|lock|fencing|sequence|seq|max|num|total|input|output)$/;

function categoryOf(word: string): Category {
  const w = word.toLowerCase().replace(/[-_]/g, '');
  if (w.startsWith('pass') || w === 'pwd') return 'password';
  if (w === 'token') return 'token';
  if (w === 'apikey') return 'api-key';
  if (w === 'sig') return 'sas';
  if (w === 'accountkey' || w === 'sharedaccesskey') return 'azure-key';
  return 'secret';
}

function isKeyChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46 || c === 36;
}

function isLower(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/** Prefixes glued to a credential word in real key names: `PGPASSWORD`, `sslpassword`, `DBPASS`. */
const GLUED_PREFIX = /^(?:ssl|pg|db|my|mysql|root|admin|sys|app|user|bind|ldap|smtp|mail|redis|mongo|rabbit|amqp|master|proxy|keystore|truststore|store|key|client|sa)$/i;

/** True when the letters just before `word` form a known glued prefix (`PG` in `PGPASSWORD`). */
function gluedPrefix(text: string, word: number): boolean {
  let s = word;
  while (s > 0 && word - s < 12 && /[A-Za-z]/.test(text[s - 1])) {
    s--;
  }
  return (s === 0 || !/[A-Za-z0-9]/.test(text[s - 1])) && GLUED_PREFIX.test(text.slice(s, word));
}

/**
 * The start of the key that ends with the credential word at `word`, or -1
 * when the word is inside another word (`bypass`, `compass`) or the key is a
 * path segment (`/etc/passwd:`). The word must start the key or follow `_`,
 * `-`, `.`, a camel-case boundary (`dbPassword`) or a glued prefix.
 */
function keyStart(text: string, word: number): number {
  const before = text.charCodeAt(word - 1);
  const first = text.charCodeAt(word);
  const camel = isLower(before) && first >= 65 && first <= 90;
  if (word > 0 && isKeyChar(before) && before !== 95 && before !== 45 && before !== 46 && !camel && !gluedPrefix(text, word)) {
    return -1;
  }
  let s = word;
  while (s > 0 && word - s < 64 && isKeyChar(text.charCodeAt(s - 1))) {
    s--;
  }
  const outside = text.charCodeAt(s - 1);
  return s > 0 && (outside === 47 || outside === 92) ? -1 : s;
}

function isTerminator(c: number, mode: ValueMode): boolean {
  switch (mode) {
    case 'ado':
      return c === 59 || c === 10 || c === 13;
    case 'libpq':
      return c <= 32;
    case 'query':
      return c === 38 || c === 35 || c === 59 || c <= 32 || c === 34 || c === 39 || c === 60 || c === 62 || c === 96;
    case 'text':
      return c <= 32 || c === 44 || c === 59 || c === 38 || c === 34 || c === 39 || c === 96 || c === 41 || c === 93 || c === 125 || c === 60 || c === 62 || c === 124;
  }
}

/** Longer unquoted runs are not credentials (a base64 blob, a minified payload). */
const MAX_VALUE = 512;

interface Value {
  readonly start: number;
  readonly end: number;
  readonly outerStart: number;
  readonly outerEnd: number;
  readonly quoted: boolean;
}

/** Reads a quoted value (`"…"`, `'…'`, ODBC `{…}`), honouring doubled quotes and, outside ADO, backslash escapes. */
function readQuoted(text: string, at: number, mode: ValueMode): Value | undefined {
  const open = text[at];
  const close = open === '{' ? '}' : open;
  for (let k = at + 1; k < text.length && k - at <= MAX_VALUE; k++) {
    const c = text[k];
    if (c === '\\' && mode !== 'ado' && open !== '{') {
      k++;
    } else if (c === close) {
      if ((mode === 'ado' || open === '{') && text[k + 1] === close) {
        k++;
        continue;
      }
      return { start: at + 1, end: k, outerStart: at, outerEnd: k + 1, quoted: true };
    }
  }
  return undefined;
}

/**
 * Where the unquoted run that contains `at` ends, per mode. Pairs are read in
 * text order, so a run already scanned (`password=password=…`) is never
 * scanned again: every character is looked at once per mode.
 */
class RunEnds {
  private readonly ends = new Map<ValueMode, number>();

  constructor(private readonly text: string) {}

  endOf(at: number, mode: ValueMode): number {
    const known = this.ends.get(mode);
    if (known !== undefined && at < known) {
      return known;
    }
    let k = at;
    while (k < this.text.length && !isTerminator(this.text.charCodeAt(k), mode)) {
      k++;
    }
    this.ends.set(mode, k);
    return k;
  }
}

function readValue(text: string, at: number, mode: ValueMode, runs: RunEnds): Value | undefined {
  const c = text[at];
  if ((c === '"' || c === "'") && mode !== 'query') {
    return readQuoted(text, at, mode);
  }
  if (c === '{' && mode === 'ado') {
    return readQuoted(text, at, mode);
  }
  let k = runs.endOf(at, mode);
  if (k - at > MAX_VALUE) {
    return undefined;
  }
  while (k > at && text.charCodeAt(k - 1) <= 32) {
    k--;
  }
  return { start: at, end: k, outerStart: at, outerEnd: k, quoted: false };
}

function valueMode(text: string, key: number, form: StringForm): ValueMode {
  const before = text[key - 1];
  if (before === '?' || before === '&') return 'query';
  if (before === ';' && (form === 'url' || form === 'ado')) return 'ado';
  if (form === 'ado' || form === 'libpq') return form;
  return 'text';
}

function kindOf(category: Category, mode: ValueMode, text: string, form: StringForm): string {
  switch (category) {
    case 'password':
      if (form === 'url' && /^\s*jdbc:/i.test(text)) return 'jdbc-password';
      return mode === 'text' ? 'password-assignment' : 'password-pair';
    case 'secret':
      return 'secret-assignment';
    case 'token':
      return 'token-assignment';
    case 'api-key':
      return 'api-key-assignment';
    case 'azure-key':
      return 'azure-key';
    case 'sas':
      return 'azure-sas-signature';
  }
}

function accepts(category: Category, key: string, value: string, strict: boolean, text: string): boolean {
  switch (category) {
    case 'password':
      return looksLikePassword(value, strict) && !(key.toLowerCase() === 'pass' && /^\d+$/.test(value));
    case 'token':
      return !NOT_CREDENTIAL_TOKEN.test(key.toLowerCase().replace(/[-_.]/g, '').slice(0, -5)) && looksLikeCredential(value);
    case 'sas':
      return key.toLowerCase() === 'sig' && /(?:^|[?&;=])sv=/.test(text) && looksLikeCredential(value, 20);
    default:
      return looksLikeCredential(value, category === 'azure-key' ? 20 : 8);
  }
}

/** Reads the separator after the key word; returns the value's first index and whether the pair is spaced (`key: value`). */
function separator(text: string, from: number): { at: number; spaced: boolean } | undefined {
  let i = from;
  if (text[i] === '"' || text[i] === "'" || text[i] === ']') i++;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const twoChar = text.startsWith(':=', i) || text.startsWith('=>', i);
  if (!twoChar && text[i] !== '=' && text[i] !== ':') return undefined;
  const colon = text[i] === ':' && !twoChar;
  i += twoChar ? 2 : 1;
  const valueStart = i;
  while (i - valueStart < 8 && (text[i] === ' ' || text[i] === '\t')) i++;
  return { at: i, spaced: i > valueStart || (colon && text[i] !== '"' && text[i] !== "'") };
}

const NEXT_PAIR = /^[A-Za-z_][\w.-]{0,40}=/;

/** Finds credentials in key=value and key: value pairs. */
export function findPairs(text: string, form: StringForm, out: RawFinding[]): void {
  KEY_WORD.lastIndex = 0;
  const runs = new RunEnds(text);
  for (let m = KEY_WORD.exec(text); m; m = KEY_WORD.exec(text)) {
    const start = keyStart(text, m.index);
    const sep = start < 0 ? undefined : separator(text, m.index + m[0].length);
    if (!sep) {
      continue;
    }
    const key = text.slice(start, m.index + m[0].length);
    const mode = valueMode(text, start, form);
    const value = readValue(text, sep.at, mode, runs);
    if (!value || value.end <= value.start) {
      continue;
    }
    // A value is never a key: the next key word is looked for after it (`secret: arn:…:secret:name`).
    KEY_WORD.lastIndex = Math.max(KEY_WORD.lastIndex, value.outerEnd);
    const category = categoryOf(m[1]);
    const strict = value.quoted || mode !== 'text' || !sep.spaced;
    const secret = text.slice(value.start, value.end);
    // `password= sslmode=require`: an empty password followed by the next pair, not a password.
    const nextPair = !value.quoted && NEXT_PAIR.test(secret);
    if (nextPair || isPlaceholder(secret) || isStopWord(secret) || !accepts(category, key, secret, strict, text)) {
      continue;
    }
    out.push(raw(kindOf(category, mode, text, form), value.start, value.end, PRIORITY.assignment, value.outerStart, value.outerEnd));
  }
}
