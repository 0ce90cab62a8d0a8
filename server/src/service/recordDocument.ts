/**
 * Views of one record of a document as a standalone JSON document, so that
 * per-record features (completion, hover, symbols, fixes) work the same for a
 * single record, an item of a JSON array and a line of JSON Lines, with
 * positions mapped exactly between the record and the document.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Position, Range } from 'vscode-languageserver-types';
import { DocumentFormat, DocumentLayout, RecordSpan, splitDocument } from './parsing/recordSpans';
import { tolerantArray } from './parsing/tolerantArray';
import { shallowEnoughForTree } from './parsing/scanner';
import { StringSource, TextSource } from './text/chunkedText';
import { sourceOf } from './text/documentSource';

export const INCIDENT_JSON = 'incident-json';
export const INCIDENT_JSONL = 'incident-jsonl';

/** The format of a document from its language id, or from its name when the id is not ours. */
export function formatOf(document: { languageId: string; uri: string }): DocumentFormat {
  if (document.languageId === INCIDENT_JSONL) {
    return 'jsonl';
  }
  if (document.languageId === INCIDENT_JSON) {
    return 'json';
  }
  return /\.jsonl$/i.test(document.uri) ? 'jsonl' : 'json';
}

/** One record of a document, with its own text document and position mapping. */
export class RecordView {
  readonly text: string;
  /** The whole document's text, read by ranges. */
  readonly source: TextSource;
  private sub: TextDocument | undefined;

  constructor(
    readonly document: TextDocument,
    readonly span: RecordSpan,
    readonly format: DocumentFormat,
    source: TextSource = sourceOf(document),
  ) {
    this.source = source;
    this.text = source.slice(span.start, span.end);
  }

  /** The record as a standalone JSON document (line 0 is the record's first line). */
  get subDocument(): TextDocument {
    // The JSON language service picks the record schema by this name (see jsonFeatures.ts).
    this.sub ??= TextDocument.create(`incident-record:///${this.span.index}/incident-record.json`, 'json', this.document.version, this.text);
    return this.sub;
  }

  toRecordOffset(position: Position): number {
    return this.document.offsetAt(position) - this.span.start;
  }

  toRecordPosition(position: Position): Position {
    return this.subDocument.positionAt(this.toRecordOffset(position));
  }

  toDocumentPosition(position: Position): Position {
    return this.document.positionAt(this.span.start + this.subDocument.offsetAt(position));
  }

  toDocumentRange(range: Range): Range {
    return { start: this.toDocumentPosition(range.start), end: this.toDocumentPosition(range.end) };
  }

  /** Document range of record-relative offsets. */
  rangeOfOffsets(start: number, end: number): Range {
    return { start: this.document.positionAt(this.span.start + start), end: this.document.positionAt(this.span.start + end) };
  }
}

/** Layouts per document version, so features called in a row do not split the text again. */
export class LayoutCache {
  private readonly entries = new Map<string, { version: number; layout: DocumentLayout }>();

  get(document: TextDocument, format: DocumentFormat): DocumentLayout {
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version) {
      return entry.layout;
    }
    const layout = layoutOf(document.getText(), format);
    this.entries.set(document.uri, { version: document.version, layout });
    return layout;
  }

  set(document: TextDocument, layout: DocumentLayout): void {
    this.entries.set(document.uri, { version: document.version, layout });
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}

/** The layout of a text, with the tolerant parser's items when an array is broken. */
export function layoutOf(text: string, format: DocumentFormat): DocumentLayout {
  const layout = splitDocument(text, format);
  if (!layout.brokenArray) {
    return layout;
  }
  const { spans } = tolerantArray(text);
  return { shape: 'array', spans, brokenArray: true };
}

/**
 * The span that contains `offset` (inclusive of both ends, so a cursor right
 * after a record's closing brace still belongs to it). For JSON Lines, a
 * cursor anywhere on a record's line belongs to that record.
 */
export function spanAt(layout: DocumentLayout, document: string | TextSource, offset: number, format: DocumentFormat): RecordSpan | undefined {
  const spans = layout.spans;
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = spans[mid];
    if (offset < span.start) {
      high = mid - 1;
    } else if (offset > span.end) {
      low = mid + 1;
    } else {
      return span;
    }
  }
  if (format === 'jsonl') {
    // On the record's line but in leading or trailing whitespace.
    const text = typeof document === 'string' ? new StringSource(document) : document;
    const lineStart = text.lineStart(offset);
    const lineEnd = text.lineEnd(offset);
    const candidate = spans[Math.max(0, Math.min(low, spans.length - 1))];
    for (const span of [candidate, spans[low - 1]]) {
      if (span && span.start >= lineStart && span.end <= lineEnd) {
        return span;
      }
    }
  }
  return undefined;
}

/**
 * The record under `position`, for the features built on the JSON language
 * service; undefined outside records and for a record nested too deep for
 * its recursive parser (such a record only gets its IR001 diagnostic).
 */
export function recordAt(document: TextDocument, layout: DocumentLayout, position: Position, format: DocumentFormat): RecordView | undefined {
  const offset = document.offsetAt(position);
  const source = sourceOf(document);
  const span = spanAt(layout, source, offset, format);
  const view = span ? new RecordView(document, span, format, source) : undefined;
  return view && shallowEnoughForTree(view.text) ? view : undefined;
}
