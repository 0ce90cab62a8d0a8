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

/**
 * Appends the trimmed, non-blank lines of text[from, to) as record spans
 * (offsets into `text`); `skipBom` skips a BOM at `from` (the document start).
 */
export function splitLineRange(text: string, from: number, to: number, starts: number[], ends: number[], skipBom = from === 0): void {
  let lineStart = skipBom ? from + contentStart(text.slice(from, from + 1)) : from;
  while (lineStart <= to) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > to) {
      lineEnd = to;
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
      starts.push(s);
      ends.push(e);
    }
    lineStart = lineEnd + 1;
  }
}

/** Splits JSON Lines text into one span per non-blank line. */
export function splitLines(text: string): RecordSpan[] {
  const starts: number[] = [];
  const ends: number[] = [];
  splitLineRange(text, 0, text.length, starts, ends);
  return starts.map((start, index) => ({ index, start, end: ends[index] }));
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
