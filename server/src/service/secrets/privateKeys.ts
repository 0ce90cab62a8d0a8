/**
 * PEM private key blocks (`-----BEGIN RSA PRIVATE KEY-----`, `OPENSSH`, `EC`,
 * `ENCRYPTED`, `PGP PRIVATE KEY BLOCK`, and the key inside a GCP
 * service-account JSON). Certificates and public keys are not secrets and
 * are not reported.
 *
 * The secret part is the key body between the BEGIN and END lines. A body is
 * read character by character over the base64 alphabet, whitespace, the
 * literal `\n` escapes of log excerpts and PEM headers; it stops at the next
 * `-----`, so a text of many BEGIN lines is still read once (linear).
 */
import { PRIORITY, RawFinding, raw } from './types';

const BEGIN = '-----BEGIN ';
const LABEL = /^[A-Z0-9 ]{0,40}?PRIVATE KEY(?: BLOCK)?-----/;
/** A body shorter than this is a placeholder (`…`, `<redacted>`), not a key. */
const MIN_BODY_BASE64 = 40;

function isBodyChar(c: number): boolean {
  return (
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ||
    c === 43 || c === 47 || c === 61 || c === 92 || c === 32 || c === 9 || c === 10 || c === 13 || c === 58 || c === 44 || c === 45
  );
}

function isBase64Char(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Reads a key body from `from`; returns its end (exclusive) and how many base64 characters it holds. */
function readBody(text: string, from: number): { end: number; base64: number } {
  let i = from;
  let base64 = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 45 && text.startsWith('-----', i)) {
      break;
    }
    if (!isBodyChar(c)) {
      break;
    }
    // A literal "\n" in a log excerpt: skip the escape letter.
    if (c === 92 && (text[i + 1] === 'n' || text[i + 1] === 'r')) {
      i += 2;
      continue;
    }
    if (isBase64Char(c)) {
      base64++;
    }
    i++;
  }
  return { end: i, base64 };
}

/** Trims whitespace and literal `\n` escapes from both ends of [start, end). */
function trimBody(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  for (;;) {
    if (s < e && isSpace(text.charCodeAt(s))) s++;
    else if (s + 1 < e && text[s] === '\\' && (text[s + 1] === 'n' || text[s + 1] === 'r')) s += 2;
    else break;
  }
  for (;;) {
    if (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    else if (e - 1 > s && text[e - 2] === '\\' && (text[e - 1] === 'n' || text[e - 1] === 'r')) e -= 2;
    else break;
  }
  return [s, e];
}

/** Finds the bodies of PEM private key blocks. */
export function findPrivateKeys(text: string, out: RawFinding[]): void {
  let from = 0;
  for (let at = text.indexOf(BEGIN, from); at >= 0; at = text.indexOf(BEGIN, from)) {
    const labelStart = at + BEGIN.length;
    const label = LABEL.exec(text.slice(labelStart, labelStart + 64));
    if (!label) {
      from = labelStart;
      continue;
    }
    const bodyStart = labelStart + label[0].length;
    const { end, base64 } = readBody(text, bodyStart);
    if (base64 >= MIN_BODY_BASE64) {
      const [start, stop] = trimBody(text, bodyStart, end);
      out.push(raw('private-key', start, stop, PRIORITY.privateKey));
    }
    from = Math.max(end, bodyStart);
  }
}
