/**
 * Credentials in the positional parts of connection strings:
 * - URL userinfo for any scheme: `postgres://user:pass@host`, `mongodb+srv://`,
 *   `redis://:pass@host`, `amqps://`, `https://user:pass@host` (basic-auth
 *   URLs), `jdbc:mysql://user:pass@host`, percent-encoded passwords included;
 * - Oracle `user/pass@//host:1521/service`, `user/pass@host:1521:SID`,
 *   `jdbc:oracle:thin:user/pass@…` and `sqlplus user/pass@alias`;
 * - Go MySQL DSNs `user:pass@tcp(host:3306)/db`, `@unix(…)`, `user:pass@/db`.
 *
 * Key=value credentials (`?password=`, `;Password=`, libpq) are in pairs.ts.
 * Each scan moves forward only and every look-back is bounded, so the work is
 * linear in the text.
 */
import { isPlaceholder } from './placeholders';
import { PRIORITY, RawFinding, raw } from './types';

const MAX_AUTHORITY = 1024;

function isSchemeChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
}

/** Characters that end a URL's authority: `/ ? #`, whitespace, quotes, brackets of the surrounding text. */
function endsAuthority(c: number): boolean {
  return c === 47 || c === 63 || c === 35 || c <= 32 || c === 34 || c === 39 || c === 96 || c === 60 || c === 62 || c === 92;
}

/** The start of the scheme that ends just before `at` (the index of `://`), or -1. */
function schemeStart(text: string, at: number): number {
  let s = at;
  while (s > 0 && at - s < 32 && isSchemeChar(text.charCodeAt(s - 1))) {
    s--;
  }
  const first = text.charCodeAt(s);
  const letter = (first >= 65 && first <= 90) || (first >= 97 && first <= 122);
  return s < at && letter ? s : -1;
}

/** Finds passwords in URL userinfo (`scheme://user:password@host`). */
export function findUrlPasswords(text: string, out: RawFinding[]): void {
  let from = 0;
  for (let at = text.indexOf('://', from); at >= 0; at = text.indexOf('://', from)) {
    from = at + 3;
    if (schemeStart(text, at) < 0) {
      continue;
    }
    const authStart = at + 3;
    let end = authStart;
    let lastAt = -1;
    while (end < text.length && end - authStart <= MAX_AUTHORITY && !endsAuthority(text.charCodeAt(end))) {
      if (text.charCodeAt(end) === 64) {
        lastAt = end;
      }
      end++;
    }
    from = Math.max(from, end);
    if (lastAt < 0 || end - authStart > MAX_AUTHORITY) {
      continue;
    }
    let colon = authStart;
    while (colon < lastAt && text.charCodeAt(colon) !== 58) {
      colon++;
    }
    if (colon >= lastAt) {
      continue;
    }
    const user = text.slice(authStart, colon);
    const password = text.slice(colon + 1, lastAt);
    // `jdbc:sqlserver://host:1433;user=sa;password=p@ss` has no userinfo: its pairs are read in pairs.ts.
    if (/[;=]/.test(user) || (password.includes(';') && password.includes('=')) || isPlaceholder(password)) {
      continue;
    }
    out.push(raw('url-password', colon + 1, lastAt, PRIORITY.connectionString));
  }
}

/**
 * Oracle `user/password@…`. Only where it is unmistakably Oracle: after
 * `jdbc:oracle:thin:`, before `@//host`, before `@host:port/service` or
 * `@host:port:SID`, or after an Oracle client command (`sqlplus`, `rman`,
 * `expdp`, `connect`), so `docs/intro@v2` is not taken for a credential.
 */
const ORACLE = /(?<![\w$#./\\-])([A-Za-z][\w$#]{0,127})\/([^\s/@"'`]{1,128})@(\/\/)?([A-Za-z0-9][\w.-]{0,253})?(:\d{1,5}[/:][\w.$-]{1,128})?/g;
const ORACLE_PREFIX = /(?:jdbc:oracle:(?:thin|oci):|\b(?:sqlplus|rman|expdp|impdp|sqlldr|exp|imp|conn|connect|dgmgrl)\s{1,8}(?:-[sSlL]\w{0,8}\s{1,8})?)$/i;

export function findOraclePasswords(text: string, out: RawFinding[]): void {
  ORACLE.lastIndex = 0;
  for (let m = ORACLE.exec(text); m; m = ORACLE.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const prefix = ORACLE_PREFIX.exec(before);
    const jdbc = prefix !== null && /^jdbc:/i.test(prefix[0]);
    const oracleShape = m[3] !== undefined || m[5] !== undefined;
    if ((!prefix && !oracleShape) || (!m[3] && !m[4]) || isPlaceholder(m[2])) {
      continue;
    }
    const start = m.index + m[1].length + 1;
    out.push(raw(jdbc ? 'jdbc-password' : 'oracle-password', start, start + m[2].length, PRIORITY.connectionString));
  }
}

/**
 * Go MySQL driver DSNs: `user:password@tcp(host:3306)/db`, `@unix(/path)`,
 * `@tcp6(…)`, and `user:password@/db`. The userinfo is read backwards from
 * the `@` to the start of the word; the password may itself contain `@`.
 */
const DSN_AT = /@(?:tcp6?|unix|udp)\(|@\/[\w$-]{1,64}(?=[?\s"',;]|$)/g;
const MAX_USERINFO = 400;

function isDsnBoundary(c: number): boolean {
  return c <= 32 || c === 34 || c === 39 || c === 96 || c === 61 || c === 40 || c === 41 || c === 44 || c === 59 || c === 60 || c === 62;
}

export function findDsnPasswords(text: string, out: RawFinding[]): void {
  DSN_AT.lastIndex = 0;
  let floor = 0;
  for (let m = DSN_AT.exec(text); m; m = DSN_AT.exec(text)) {
    const at = m.index;
    let start = at;
    while (start > floor && at - start < MAX_USERINFO && !isDsnBoundary(text.charCodeAt(start - 1))) {
      start--;
    }
    floor = at + 1;
    const userinfo = text.slice(start, at);
    const colon = userinfo.indexOf(':');
    if (colon <= 0 || userinfo.includes('://') || userinfo.includes('/') || !/^[A-Za-z_][\w.-]*$/.test(userinfo.slice(0, colon))) {
      continue;
    }
    const password = userinfo.slice(colon + 1);
    if (isPlaceholder(password)) {
      continue;
    }
    out.push(raw('dsn-password', start + colon + 1, at, PRIORITY.connectionString));
  }
}
