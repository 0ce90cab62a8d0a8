/**
 * A credential given as a JSON property rather than inside text:
 * `"parameters": { "password": "Summer2024!" }`. The value alone is an
 * ordinary string; its key says what it is.
 */
import { isPlaceholder, isStopWord, looksLikeCredential, looksLikePassword } from './placeholders';

/** Keys that hold a credential, compared lower-case without `_`, `-`, `.` and spaces. */
const CREDENTIAL_KEY =
  /(?:password|passwd|passphrase|pwd|^pass|secret|secretkey|secretaccesskey|privatekey|accountkey|sharedaccesskey|masterkey|signingkey|apikey|token|credentials?)$/;
const NOT_CREDENTIAL_KEY = /(?:next|page|pagination|continuation|sync|resume|cancellation|cancel|idempotency|request|change|lock|fencing|sequence|seq|max|num|total|input|output)token$/;

function normalizedKey(key: string): string {
  return key.toLowerCase().replace(/[-_. ]/g, '');
}

/** True when a property with this name holds a credential (`password`, `db_password`, `apiKey`, `client_secret`). */
export function isCredentialKey(key: string): boolean {
  const k = normalizedKey(key);
  return k.length <= 64 && CREDENTIAL_KEY.test(k) && !NOT_CREDENTIAL_KEY.test(k);
}

/**
 * True when `value`, stored under the credential key `key`, is a credential:
 * not a placeholder, reference, stop word or path, and no prose (a value
 * with spaces describes the credential rather than being it). Password keys
 * take any such value; other keys need a machine-generated look, so
 * `"secret": "orders-db-creds"` (a Kubernetes secret's name) is not one.
 */
export function isCredentialValue(key: string, value: string): boolean {
  if (value.length > 4096 || /\s/.test(value.trim()) || isPlaceholder(value) || isStopWord(value)) {
    return false;
  }
  const k = normalizedKey(key);
  const password = /(?:password|passwd|passphrase|pwd|^pass)$/.test(k);
  return password ? looksLikePassword(value, true) && !(k === 'pass' && /^\d+$/.test(value)) : looksLikeCredential(value.trim());
}
