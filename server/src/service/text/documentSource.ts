/**
 * The text of a document as a `TextSource`: the chunked text itself for the
 * server's documents (reading a range never copies the whole document), or
 * the document's string for any other `TextDocument`.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { StringSource, TextSource } from './chunkedText';
import { ChunkedTextDocument } from './chunkedTextDocument';

export function sourceOf(document: TextDocument): TextSource {
  return document instanceof ChunkedTextDocument ? document.text : new StringSource(document.getText());
}
