/**
 * One record as the fixes see it: its text, its position tree, its parsed
 * value, and the layout habits of the file (line endings, indentation,
 * spacing) that inserted text must follow.
 */
import { JsonNode, parseRecordTree } from '../parsing/locator';
import { RecordSpan } from '../parsing/recordSpans';
import { JsonObject } from '../rules/ruleTypes';
import { StringSource, TextSource } from '../text/chunkedText';

export interface RecordSource {
  /** The whole document's text (for indentation of the record's first line). */
  readonly documentText: TextSource;
  readonly span: RecordSpan;
  /** The record's text; fix offsets are relative to its first character. */
  readonly text: string;
  readonly root: JsonNode;
  readonly value: JsonObject;
  /** The document's line ending. */
  readonly eol: string;
  /** One level of indentation as the file writes it. */
  readonly indentUnit: string;
  /** The text between a key and its value, e.g. `": "` without the quote: `: `. */
  readonly colon: string;
  /** The whitespace after a comma between two properties written on one line. */
  readonly afterComma: string;
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function detectEol(text: TextSource): string {
  const lf = text.lineEnd(0);
  return lf > 0 && lf < text.length && text.slice(lf - 1, lf) === '\r' ? '\r\n' : '\n';
}

/** Leading whitespace of the document line that contains `offset` (absolute), up to `offset`. */
export function lineIndentAt(documentText: TextSource, offset: number): string {
  const lineStart = documentText.lineStart(offset);
  return /^[ \t]*/.exec(documentText.slice(lineStart, offset))![0];
}

/** Whether only whitespace precedes `offset` (absolute) on its line. */
export function startsLine(documentText: TextSource, offset: number): boolean {
  const lineStart = documentText.lineStart(offset);
  return lineStart > 0 && lineIndentAt(documentText, offset).length === offset - lineStart;
}

function detectIndentUnit(source: Pick<RecordSource, 'documentText' | 'span' | 'root'>): string {
  const base = lineIndentAt(source.documentText, source.span.start);
  for (const property of source.root.children ?? []) {
    const absolute = source.span.start + property.offset;
    const indent = lineIndentAt(source.documentText, absolute);
    if (startsLine(source.documentText, absolute) && indent.length > base.length && indent.startsWith(base)) {
      return indent.slice(base.length);
    }
  }
  return base.includes('\t') ? '\t' : '  ';
}

/** The separators of the first properties of the record's root object, written on one line or not. */
function detectSpacing(text: string, root: JsonNode): { colon: string; afterComma: string } {
  const [first, second] = root.children ?? [];
  let colon = ': ';
  let afterComma = ' ';
  const key = first?.children?.[0];
  const value = first?.children?.[1];
  if (key && value) {
    colon = text.slice(key.offset + key.length, value.offset).replace(/[\r\n]+[ \t]*/g, ' ');
  }
  if (first && second) {
    const between = text.slice(first.offset + first.length, second.offset);
    if (!between.includes('\n')) {
      afterComma = between.replace(',', '');
    }
  } else if (colon === ':') {
    afterComma = '';
  }
  return { colon, afterComma };
}

/** Builds the fix view of one record, or undefined when the record is not a parseable object. */
export function recordSource(document: string | TextSource, span: RecordSpan): RecordSource | undefined {
  const documentText = typeof document === 'string' ? new StringSource(document) : document;
  const text = documentText.slice(span.start, span.end);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const root = parseRecordTree(text);
  if (!isObject(value) || !root || root.type !== 'object') {
    return undefined;
  }
  const partial = { documentText, span, text, root, value };
  return { ...partial, eol: detectEol(documentText), indentUnit: detectIndentUnit(partial), ...detectSpacing(text, root) };
}
