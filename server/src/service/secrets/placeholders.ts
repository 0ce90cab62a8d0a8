/**
 * Telling a real credential from the look-alikes that incident data is full
 * of: masked values (`***`, `<redacted>`), templates and references
 * (`${DB_PASSWORD}`, `{{ secrets.x }}`, `vault:…`), documented example keys,
 * stop words (`using password: YES`) and resource names
 * (`secret: orders-db-creds`). Precision matters as much as recall: a check
 * that cries wolf on every sanitized record gets turned off.
 *
 * Every test here is linear in the value and the values are bounded by the
 * callers (a few hundred characters at most).
 */

/** Words that stand for a secret rather than being one (compared without case and separators). */
const PLACEHOLDER_WORDS = new Set([
  'redacted', 'masked', 'hidden', 'removed', 'sanitized', 'sanitised', 'scrubbed', 'filtered', 'omitted', 'obfuscated',
  'censored', 'elided', 'secret', 'secrets', 'password', 'passwd', 'pass', 'pwd', 'token', 'apikey', 'key', 'credential',
  'credentials', 'changeme', 'changeit', 'example', 'sample', 'dummy', 'placeholder', 'none', 'null', 'nil', 'undefined',
  'empty', 'na', 'notset', 'unset', 'todo', 'tbd', 'replaceme', 'fixme', 'foo', 'bar', 'foobar', 'test', 'testing',
  'notapplicable', 'notavailable', 'unknown',
]);

/** `your_password`, `DB_PASSWORD_HERE`, `insert-token`: a word standing in for a credential. */
const PLACEHOLDER_PHRASE =
  /^(?:your|my|the|enter|insert|replace|some|new|old|db|database|user|admin|app|service|api|access|secret|super)*(?:password|passwd|passphrase|pwd|pass|secret|token|apikey|key|credentials?)(?:here|goeshere|value|placeholder)?$/;

/** Values that are never credentials where a credential would stand. */
const STOP_WORDS = new Set([
  'true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'ok', 'required', 'optional', 'missing', 'invalid', 'incorrect',
  'wrong', 'bad', 'expired', 'revoked', 'rotated', 'reset', 'changed', 'updated', 'set', 'provided', 'supplied',
  'present', 'absent', 'default', 'disabled', 'enabled', 'accepted', 'rejected', 'denied', 'failed', 'ignored', 'bearer',
  'basic', 'digest', 'jwt', 'oauth', 'oauth2', 'sso', 'saml', 'ldap', 'kerberos', 'iam', 'x509', 'cert', 'certificate',
  'md5', 'scram', 'scramsha256', 'sha256', 'plain', 'plaintext', 'trust', 'peer', 'ident', 'gss', 'sspi', 'prompt',
  'stdin', 'file', 'env', 'environment', 'vault', 'keyvault', 'kms', 'secretsmanager', 'ssm', 'auto', 'manual', 'string',
  'value', 'valid', 'stale', 'refresh', 'refreshed', 'local', 'remote', 'integrated',
]);

/** References to where a secret lives, not the secret: `vault:…`, `arn:aws:secretsmanager:…`, `op://…`. */
const REFERENCE = /^(?:vault|env|secret|secrets|ssm|kms|sm|awssm|gcpsm|azkv|keyvault|file|op|sops|k8s|kubernetes):|^arn:aws[\w-]*:|^@Microsoft\.KeyVault\(/i;

/** Template and format syntax: `${VAR}`, `$VAR`, `$(cmd)`, `#{x}`, `{{ x }}`, `%(name)s`, `%PASSWORD%`, `%s`. */
const TEMPLATE = /^(?:\$\{|\$\(|#\{|\{\{|%\(|\{%|ENV\s?[[.(]|env\s?[[.(]|os\.environ|os\.getenv|process\.env|System\.getenv|getenv\()|^\$[A-Za-z_][A-Za-z0-9_]{0,63}$|^%[A-Za-z_][A-Za-z0-9_]{0,63}%$|^%[-+ 0#]?\d{0,3}[sdvqxr]$|^\{\d{0,2}\}$|^\?$/;

/** A file path rather than a value: `/run/secrets/pg`, `./creds.json`, `C:\keys\db.key`. */
const PATH_LIKE = /^(?:~?\/|\.\.?\/|[A-Za-z]:\\)[\w./\\ -]{0,255}$|^[\w.-]{1,64}\.(?:json|pem|key|crt|cer|p12|pfx|jks|txt|env|ya?ml|conf|cfg|ini)$/i;

/** Lower-case names made of short words: `orders-db-creds`, `db_password_v2`, `app.secret` (resource names, not secrets). */
const IDENTIFIER = /^[a-z]{1,20}\d{0,4}(?:[-_.](?:[a-z]{1,20}\d{0,4}|\d{1,4}))+$/;

function percentDecode(value: string): string {
  if (!value.includes('%')) {
    return value;
  }
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function normalized(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** True when every character is the same one (`xxxx`, `0000`) or a mask character. */
function isMaskOnly(value: string): boolean {
  if (/^[*•·#.?_~-]+$/.test(value) || /^[xX]{3,}$/.test(value)) {
    return true;
  }
  const first = value.charCodeAt(0);
  for (let i = 1; i < value.length; i++) {
    if (value.charCodeAt(i) !== first) {
      return false;
    }
  }
  return value.length > 1;
}

function isWrapped(value: string): boolean {
  const first = value[0];
  const last = value[value.length - 1];
  return (first === '<' && last === '>') || (first === '[' && last === ']') || (first === '(' && last === ')') || (first === '{' && last === '}');
}

/**
 * True when `value` stands for a secret without being one: empty, masked
 * (`***`, `****1234`, `xxxx`), wrapped (`<password>`, `[REDACTED]`,
 * `{password}`), a template or reference, a placeholder word (`changeme`,
 * `your_password`), or a documented example (`…EXAMPLE…`).
 */
export function isPlaceholder(rawValue: string): boolean {
  const value = percentDecode(rawValue).trim();
  if (value.length === 0 || isMaskOnly(value) || isWrapped(value)) {
    return true;
  }
  if (/[*•]{3}/.test(value) || /x{4}/i.test(value) || /example/i.test(value)) {
    return true;
  }
  if (TEMPLATE.test(value) || REFERENCE.test(value)) {
    return true;
  }
  const word = normalized(value);
  return word.length === 0 || PLACEHOLDER_WORDS.has(word) || (word.length <= 64 && PLACEHOLDER_PHRASE.test(word));
}

/** True for words that follow `password:` in prose and logs but are not passwords (`using password: YES`). */
export function isStopWord(value: string): boolean {
  return STOP_WORDS.has(normalized(value));
}

export function isPathLike(value: string): boolean {
  return PATH_LIKE.test(value);
}

/** True for lower-case resource names built of short words (`orders-db-creds`, `app_secret_v2`). */
export function isIdentifierLike(value: string): boolean {
  return IDENTIFIER.test(value);
}

/** How many of lower case, upper case, digits and symbols the value uses. */
export function characterClasses(value: string): number {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let symbol = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
    else symbol = 1;
  }
  return lower + upper + digit + symbol;
}

/** The number of distinct characters, counted up to `cap` (values are short; no allocation per character). */
export function distinctCharacters(value: string, cap = 64): number {
  const seen = new Set<number>();
  for (let i = 0; i < value.length && seen.size < cap; i++) {
    seen.add(value.charCodeAt(i));
  }
  return seen.size;
}

/**
 * True when a token body looks machine-generated rather than typed: enough
 * distinct characters, no run of six identical characters, and no
 * placeholder wording (`xxxx`, `EXAMPLE`, `your_token`).
 */
export function looksGenerated(body: string, minDistinct = 8): boolean {
  if (distinctCharacters(body) < minDistinct || /([A-Za-z0-9])\1{5}/.test(body)) {
    return false;
  }
  return !/x{4}|example|sample|placeholder|your[-_]?(?:token|key|secret)/i.test(body);
}

/**
 * True when a value under a secret-, token- or key-like name looks like a
 * credential: long enough, machine-generated, not a resource name, path,
 * placeholder or stop word.
 */
export function looksLikeCredential(value: string, minLength = 8): boolean {
  if (value.length < minLength || /\s/.test(value)) {
    return false;
  }
  if (isPlaceholder(value) || isStopWord(value) || isPathLike(value) || isIdentifierLike(value)) {
    return false;
  }
  return characterClasses(value) >= 2 && looksGenerated(value, 6);
}

/**
 * True when a value after `password` looks like a password. `strict` is the
 * `password=value` / quoted form, where any non-placeholder counts; the loose
 * `password: value` form of prose and YAML also needs a digit, an upper-case
 * letter or a symbol, so `password: incorrect` stays quiet.
 */
export function looksLikePassword(value: string, strict: boolean): boolean {
  const trimmed = value.trim();
  if (trimmed.length < 3 || isPlaceholder(trimmed) || isStopWord(trimmed) || isPathLike(trimmed)) {
    return false;
  }
  if (strict) {
    return true;
  }
  if (/\s/.test(trimmed) || isIdentifierLike(trimmed) || /^[A-Za-z_][\w.-]*[=:]/.test(trimmed)) {
    return false;
  }
  return /[0-9A-Z]/.test(trimmed) || /[^\w.-]/.test(trimmed);
}
