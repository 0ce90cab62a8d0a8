/**
 * The labelled corpora of test/fixtures/secrets: texts with the secrets they
 * hold (kind and the secret's text, located by its first occurrence) and
 * look-alikes that hold none.
 */
import { readRepoFile } from '../../helpers/text';

export interface ExpectedSecret {
  readonly kind: string;
  readonly secret: string;
}

export interface Positive {
  readonly text: string;
  readonly secrets: readonly ExpectedSecret[];
  readonly note: string;
  /** For connection strings: `maskConnectionString(text)`. */
  readonly masked?: string;
}

export interface Negative {
  readonly text: string;
  readonly note: string;
}

export const POSITIVES: readonly Positive[] = JSON.parse(readRepoFile('test', 'fixtures', 'secrets', 'positives.json'));
export const NEGATIVES: readonly Negative[] = JSON.parse(readRepoFile('test', 'fixtures', 'secrets', 'negatives.json'));

/** The expected findings of a positive, with offsets. */
export function expectedFindings(p: Positive): { kind: string; start: number; end: number }[] {
  return p.secrets.map(({ kind, secret }) => {
    const start = p.text.indexOf(secret);
    if (start < 0) {
      throw new Error(`fixture "${p.note}": secret not in text`);
    }
    return { kind, start, end: start + secret.length };
  });
}
