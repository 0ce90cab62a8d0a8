/**
 * The string formats the record validator checks (compiled into it by
 * scripts/validator-plugin.mjs): ajv-formats' full formats, with one change.
 * ajv-formats checks `date-time` by splitting the whole string on every `t`
 * and whitespace character and then requiring exactly two pieces: on a long
 * string (a 1 MB log pasted into a timestamp field) that allocates one piece
 * per separator, and its cost per character grows with the string. A
 * date-time starts with a date of exactly 10 characters, so the separator can
 * only be the 11th character: checking that one, then the date before it and
 * the time after it with ajv-formats' own `date` and `time`, accepts exactly
 * the same strings (the time has no `t` or whitespace in it) without looking
 * at more than a time's worth of text.
 */
import { fullFormats } from 'ajv-formats/dist/formats';

type FormatDefinition = { readonly validate: (text: string) => boolean; readonly compare?: unknown };

const date = fullFormats.date as FormatDefinition;
const time = fullFormats.time as FormatDefinition;
/** The separator ajv-formats splits on (`/t|\s/i`), as one character. */
const SEPARATOR = /^[t\s]$/i;

/** RFC 3339 date-time, as ajv-formats' `date-time` (full mode, a time zone required). */
export function dateTime(text: string): boolean {
  return text.length > 11 && SEPARATOR.test(text[10]) && date.validate(text.slice(0, 10)) && time.validate(text.slice(11));
}

/** The formats by name, in ajv-formats' shape (`{ validate, compare }`). */
export const formats: Record<string, unknown> = {
  ...fullFormats,
  'date-time': { ...(fullFormats['date-time'] as FormatDefinition), validate: dateTime },
};
