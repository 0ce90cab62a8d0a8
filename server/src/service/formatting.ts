/**
 * Formatting: the JSON language service's formatter for JSON files; for JSON
 * Lines each line is formatted on its own and stays on one line.
 */
import { format as formatJson } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FormattingOptions, Range, TextEdit } from 'vscode-languageserver-types';
import { JsonFeatures } from './jsonFeatures';
import { DocumentFormat, DocumentLayout } from './parsing/recordSpans';
import { shallowEnoughForTree } from './parsing/scanner';

export function formatDocument(
  json: JsonFeatures,
  document: TextDocument,
  layout: DocumentLayout,
  format: DocumentFormat,
  range: Range | undefined,
  options: FormattingOptions,
): TextEdit[] {
  if (format !== 'jsonl') {
    // Indenting a text thousands of levels deep produces output quadratic in its depth.
    return shallowEnoughForTree(document.getText()) ? json.format(document, range, options).filter(hasText) : [];
  }
  const text = document.getText();
  const from = range ? document.offsetAt(range.start) : 0;
  const to = range ? document.offsetAt(range.end) : text.length;
  const edits: TextEdit[] = [];
  for (const span of layout.spans) {
    if (span.end < from || span.start > to) {
      continue;
    }
    const line = text.slice(span.start, span.end);
    if (!shallowEnoughForTree(line)) {
      continue;
    }
    for (const edit of formatJson(line, undefined, { insertSpaces: options.insertSpaces, tabSize: options.tabSize, keepLines: true, eol: '\n' })) {
      if (typeof edit.content !== 'string' || edit.content.includes('\n')) {
        continue; // never split a record over several lines
      }
      edits.push({
        range: { start: document.positionAt(span.start + edit.offset), end: document.positionAt(span.start + edit.offset + edit.length) },
        newText: edit.content,
      });
    }
  }
  return edits;
}

/**
 * jsonc-parser 3.3.1 returns an edit without text where a line's indentation
 * is exactly 200 columns (an off-by-one in its indentation cache): such an
 * edit would crash the client applying it. It only touches whitespace, so
 * leaving that line's indentation as it is keeps the document intact.
 */
function hasText(edit: TextEdit): boolean {
  return typeof edit.newText === 'string';
}
