/**
 * The cheap first look: one combined scan for every keyword and shape a
 * detector starts from. Detection runs on every string of datasets of
 * 100,000 records; almost all of them (timestamps, ids, enum values, prose)
 * fail this test and cost one regular-expression scan.
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

const PREFILTER = new RegExp([':\\/\\/', '@', '-----BEGIN ', ...KEYWORDS.map(anyCase), ...TOKEN_ANCHORS].join('|'));

/** False when no detector can find anything in `text`; true means "look closer". */
export function mayContainSecret(text: string): boolean {
  return text.length >= MIN_SECRET_TEXT && PREFILTER.test(text);
}
