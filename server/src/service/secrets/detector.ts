/**
 * Runs every detector over a string and merges what they find: overlapping
 * findings become one (the union of their spans, named by the most specific
 * detector), in text order.
 */
import { findAuthorizationHeaders, findAwsSecrets } from './headers';
import { detectForm, findPairs, StringForm } from './pairs';
import { mayContainSecret } from './prefilter';
import { findPrivateKeys } from './privateKeys';
import { findTokens } from './tokens';
import { RawFinding } from './types';
import { findDsnPasswords, findOraclePasswords, findUrlPasswords } from './urls';

export interface DetectOptions {
  /** The string is known to be a connection string (`connection_string`): a `;`-separated property list is read as ADO.NET even when it does not start with a key. */
  readonly connectionString?: boolean;
}

function formOf(text: string, options: DetectOptions): StringForm {
  const form = detectForm(text);
  if (form === 'text' && options.connectionString && /=/.test(text)) {
    return text.includes(';') ? 'ado' : 'libpq';
  }
  return form;
}

function merge(found: RawFinding[]): RawFinding[] {
  if (found.length <= 1) {
    return found;
  }
  found.sort((a, b) => a.outerStart - b.outerStart || a.priority - b.priority);
  const merged: RawFinding[] = [];
  let current = found[0];
  for (let i = 1; i < found.length; i++) {
    const next = found[i];
    if (next.outerStart < current.outerEnd) {
      const winner = next.priority < current.priority ? next : current;
      current = {
        kind: winner.kind,
        priority: winner.priority,
        start: Math.min(current.start, next.start),
        end: Math.max(current.end, next.end),
        outerStart: Math.min(current.outerStart, next.outerStart),
        outerEnd: Math.max(current.outerEnd, next.outerEnd),
      };
    } else {
      merged.push(current);
      current = next;
    }
  }
  merged.push(current);
  return merged;
}

/** Every credential in `text`, merged and in text order. */
export function detect(text: string, options: DetectOptions = {}): RawFinding[] {
  if (!mayContainSecret(text)) {
    return [];
  }
  const found: RawFinding[] = [];
  findPrivateKeys(text, found);
  findTokens(text, found);
  findAwsSecrets(text, found);
  findAuthorizationHeaders(text, found);
  findUrlPasswords(text, found);
  findOraclePasswords(text, found);
  findDsnPasswords(text, found);
  findPairs(text, formOf(text, options), found);
  return merge(found);
}
