/**
 * Secret detection for incident records: credentials in connection strings
 * (URL userinfo, JDBC, ADO.NET/ODBC, libpq, Oracle, Go DSNs) and
 * credential-like text anywhere (cloud keys, vendor tokens, JWTs, private
 * keys, `password=` pairs, Authorization headers), with masking.
 *
 * Findings are offsets, never text: nothing here hands a secret back to a
 * caller that might print it. Every detector is linear-time and a combined
 * pre-filter skips the strings that cannot hold a credential. See
 * docs/secrets.md for what is and is not detected.
 */
import { detect } from './detector';
import { mayContainSecret } from './prefilter';
import { isCredentialKey, isCredentialValue } from './fields';
import { RawFinding, SecretFinding } from './types';

export type { SecretFinding } from './types';
export { SECRET_KINDS, describeKinds, kindPhrase } from './kinds';
export { isCredentialKey } from './fields';

/** What every masked credential becomes. */
export const MASK = '***';

function publicFindings(found: readonly RawFinding[]): SecretFinding[] {
  return found.map(({ kind, start, end }) => ({ kind, start, end }));
}

function replaceFindings(value: string, found: readonly RawFinding[]): string | undefined {
  if (found.length === 0) {
    return undefined;
  }
  let out = '';
  let last = 0;
  for (const f of found) {
    out += value.slice(last, f.outerStart) + MASK;
    last = f.outerEnd;
  }
  return out + value.slice(last);
}

/**
 * Results for short strings, remembered: datasets repeat the same property
 * names, hosts and messages in every record, and a lookup is several times
 * cheaper than the pre-filter. Bounded; cleared when full. Holds only the
 * offsets and kinds of pure function results, so no state leaks.
 */
const MEMO_LIMIT = 8192;
/** Short strings (ids, hostnames, enum values) repeat across records; long prose does not, and hashing it costs more than it saves. */
const MEMO_MAX_LENGTH = 256;
const memo = new Map<string, readonly SecretFinding[]>();

const NONE: readonly SecretFinding[] = Object.freeze([]);

function detectMemo(text: string): readonly SecretFinding[] {
  // The prefilter is cheaper than hashing the string for the memo, and almost every string fails it.
  if (!mayContainSecret(text)) {
    return NONE;
  }
  if (text.length > MEMO_MAX_LENGTH) {
    return publicFindings(detect(text));
  }
  let found = memo.get(text);
  if (found === undefined) {
    if (memo.size >= MEMO_LIMIT) {
      memo.clear();
    }
    found = Object.freeze(publicFindings(detect(text)));
    memo.set(text, found);
  }
  return found;
}

/** Every credential in `text`: kind and the offsets of the secret part itself, in text order. */
export function findSecrets(text: string): SecretFinding[] {
  return detectMemo(text).map((f) => ({ ...f }));
}

/** The credentials inside a connection string (any form: URL, JDBC, ADO.NET/ODBC, libpq, Oracle, Go DSN). */
export function findConnectionStringSecrets(value: string): SecretFinding[] {
  return publicFindings(detect(value, { connectionString: true }));
}

/**
 * The connection string with every credential replaced by `***`, keeping
 * user, host, port, database and options byte-for-byte; a quoted value is
 * replaced with its quotes (`Password="a;b"` → `Password=***`). Undefined
 * when there is nothing to mask.
 */
export function maskConnectionString(value: string): string | undefined {
  return replaceFindings(value, detect(value, { connectionString: true }));
}

/** The string with every credential replaced by `***`; undefined when there is none. */
export function redactSecrets(value: string): string | undefined {
  return replaceFindings(value, detect(value));
}

/** True when `value` holds a credential (the fast path of "may this be shown in a message"). */
export function containsSecret(value: string): boolean {
  return detectMemo(value).length > 0;
}

/**
 * The credentials of a JSON property: those in its value, or, when the value
 * has none of its own but the key names a credential (`"password":
 * "Summer2024!"`), the whole value as one `credential-field` finding.
 */
export function findFieldSecrets(key: string | undefined, value: string): SecretFinding[] {
  const found = detectMemo(value);
  if (found.length > 0) {
    return found.map((f) => ({ ...f }));
  }
  if (key !== undefined && isCredentialKeyMemo(key) && isCredentialValue(key, value)) {
    return [{ kind: 'credential-field', start: 0, end: value.length }];
  }
  return [];
}

const keyMemo = new Map<string, boolean>();

/** Property names come from a small vocabulary: remember the verdict. */
function isCredentialKeyMemo(key: string): boolean {
  let verdict = keyMemo.get(key);
  if (verdict === undefined) {
    if (keyMemo.size >= MEMO_LIMIT) {
      keyMemo.clear();
    }
    verdict = isCredentialKey(key);
    keyMemo.set(key, verdict);
  }
  return verdict;
}

/**
 * `redactSecrets` for a JSON property: a value that is a credential because
 * of its key (`"password": "Summer2024!"`) becomes `***` as a whole.
 * Undefined when there is nothing to redact. The IR301 fix uses this.
 */
export function redactFieldSecrets(key: string | undefined, value: string): string | undefined {
  const redacted = redactSecrets(value);
  if (redacted !== undefined) {
    return redacted;
  }
  return findFieldSecrets(key, value).length > 0 ? MASK : undefined;
}
