/**
 * Splits a document's text into the spans of its records: one record, a JSON
 * array of records, or JSON Lines (one record per non-blank line).
 */
import { isJsonWhitespace, scanArrayItems } from './scanner';

export type DocumentFormat = 'json' | 'jsonl';

/** How the records of a document are laid out. */
export type DocumentShape = 'single' | 'array' | 'lines' | 'empty';

export interface RecordSpan {
  /** Position of the record in the dataset (0-based, in order of appearance). */
  readonly index: number;
  /** Absolute offsets of the record's text in the document, end exclusive, trimmed. */
  readonly start: number;
  readonly end: number;
}

export interface DocumentLayout {
  readonly shape: DocumentShape;
  readonly spans: readonly RecordSpan[];
  /**
   * Set when a JSON document's outer structure (the array) could not be
   * split by the fast scanner; the caller reports syntax errors for the whole
   * text and uses the tolerant parser's items.
   */
  readonly brokenArray: boolean;
}

const BOM = 0xfeff;

/** Offset of the first character after a BOM, if any. */
export function contentStart(text: string): number {
  return text.charCodeAt(0) === BOM ? 1 : 0;
}

export function isJsonLinesPath(pathOrUri: string): boolean {
  return /\.jsonl$/i.test(pathOrUri);
}

/** Splits JSON Lines text into one span per non-blank line. */
export function splitLines(text: string): RecordSpan[] {
  const spans: RecordSpan[] = [];
  let lineStart = contentStart(text);
  const length = text.length;
  let index = 0;
  while (lineStart <= length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) {
      lineEnd = length;
    }
    let s = lineStart;
    let e = lineEnd;
    while (s < e && isJsonWhitespace(text.charCodeAt(s))) {
      s++;
    }
    while (e > s && isJsonWhitespace(text.charCodeAt(e - 1))) {
      e--;
    }
    if (e > s) {
      spans.push({ index: index++, start: s, end: e });
    }
    lineStart = lineEnd + 1;
  }
  return spans;
}

/** Splits a JSON document into one record or the items of a top-level array. */
export function splitJson(text: string): DocumentLayout {
  let s = contentStart(text);
  let e = text.length;
  while (s < e && isJsonWhitespace(text.charCodeAt(s))) {
    s++;
  }
  while (e > s && isJsonWhitespace(text.charCodeAt(e - 1))) {
    e--;
  }
  if (s === e) {
    return { shape: 'empty', spans: [], brokenArray: false };
  }
  if (text.charCodeAt(s) === 91 /* [ */) {
    const items = scanArrayItems(text, s, e);
    if (!items) {
      return { shape: 'array', spans: [], brokenArray: true };
    }
    return {
      shape: 'array',
      spans: items.map((item, index) => ({ index, start: item.start, end: item.end })),
      brokenArray: false,
    };
  }
  return { shape: 'single', spans: [{ index: 0, start: s, end: e }], brokenArray: false };
}

export function splitDocument(text: string, format: DocumentFormat): DocumentLayout {
  if (format === 'jsonl') {
    const spans = splitLines(text);
    return { shape: spans.length ? 'lines' : 'empty', spans, brokenArray: false };
  }
  return splitJson(text);
}
