/**
 * Credentials introduced by a word rather than a prefix of their own:
 * `Authorization: Basic <base64 of user:password>`, `Bearer <token>`, and
 * AWS secret access keys (40 characters that only a keyword or an access key
 * ID nearby tells apart from any other base64).
 *
 * All patterns are bounded and start at a word boundary; the look-ahead after
 * an access key ID is a bounded window. Linear in the text.
 */
import { isPlaceholder, looksGenerated } from './placeholders';
import { PRIORITY, RawFinding, raw } from './types';

const BASIC = /(?<![A-Za-z0-9_])basic\s{1,4}([A-Za-z0-9+/]{6,1024}={0,2})(?![A-Za-z0-9+/=])/gi;
const BEARER = /(?<![A-Za-z0-9_])bearer\s{1,4}([A-Za-z0-9._~+/-]{16,4096}={0,4})(?![A-Za-z0-9._~+/=-])/gi;

/** The decoded `user:password` of a Basic credential, when it is printable text with a real password. */
function basicCredentialOk(encoded: string): boolean {
  let decoded: string;
  try {
    decoded = atob(encoded);
  } catch {
    return false;
  }
  if (!/^[\x20-\x7e]{3,512}$/.test(decoded)) {
    return false;
  }
  const colon = decoded.indexOf(':');
  return colon > 0 && colon < decoded.length - 1 && !isPlaceholder(decoded.slice(colon + 1));
}

export function findAuthorizationHeaders(text: string, out: RawFinding[]): void {
  BASIC.lastIndex = 0;
  for (let m = BASIC.exec(text); m; m = BASIC.exec(text)) {
    if (basicCredentialOk(m[1])) {
      const start = m.index + m[0].length - m[1].length;
      out.push(raw('basic-auth', start, start + m[1].length, PRIORITY.header));
    }
  }
  BEARER.lastIndex = 0;
  for (let m = BEARER.exec(text); m; m = BEARER.exec(text)) {
    const token = m[1];
    if (!isPlaceholder(token) && looksGenerated(token, 10) && /\d/.test(token) && /[A-Za-z]/.test(token)) {
      const start = m.index + m[0].length - token.length;
      out.push(raw('bearer-token', start, start + token.length, PRIORITY.header));
    }
  }
}

/** `aws_secret_access_key = …`, `SecretAccessKey: "…"`, `AWS_SECRET_KEY=…`. */
const AWS_SECRET_KEYWORD =
  /(?<![A-Za-z0-9])(?:aws[_-]?)?secret[_-]?(?:access[_-]?)?key(?:[_-]?id)?["']?\s{0,8}(?::=|=>|=|:)\s{0,8}["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi;
const AWS_KEY_ID = /(?<![A-Za-z0-9])A[KS]IA[A-Z0-9]{16}(?![A-Za-z0-9])/g;
const FORTY = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
/** How far after an access key ID its secret is looked for (`AKIA… / wJalr…`, `--access-key AKIA… --secret-key …`). */
const PAIR_WINDOW = 160;

/** A 40-character AWS secret: mixed case, with a digit or `/`/`+`, not the documented example. */
function awsSecretOk(secret: string): boolean {
  return /[a-z]/.test(secret) && /[A-Z]/.test(secret) && /[0-9/+]/.test(secret) && !/EXAMPLE/i.test(secret) && looksGenerated(secret, 12);
}

export function findAwsSecrets(text: string, out: RawFinding[]): void {
  AWS_SECRET_KEYWORD.lastIndex = 0;
  for (let m = AWS_SECRET_KEYWORD.exec(text); m; m = AWS_SECRET_KEYWORD.exec(text)) {
    if (awsSecretOk(m[1])) {
      const start = m.index + m[0].length - 40;
      out.push(raw('aws-secret-key', start, start + 40, PRIORITY.aws));
    }
  }
  AWS_KEY_ID.lastIndex = 0;
  let searched = 0;
  for (let id = AWS_KEY_ID.exec(text); id; id = AWS_KEY_ID.exec(text)) {
    const from = Math.max(id.index + id[0].length, searched);
    const window = text.slice(from, id.index + id[0].length + PAIR_WINDOW);
    searched = id.index + id[0].length + PAIR_WINDOW;
    FORTY.lastIndex = 0;
    for (let m = FORTY.exec(window); m; m = FORTY.exec(window)) {
      if (awsSecretOk(m[0])) {
        out.push(raw('aws-secret-key', from + m.index, from + m.index + 40, PRIORITY.aws));
        break;
      }
    }
  }
}
