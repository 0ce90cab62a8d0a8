/**
 * Where each record of a document starts: the anchor of its "Open Timeline"
 * code lens and the position the preview opens the record at, whatever the
 * cursor is on.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Position } from 'vscode-languageserver-types';
import { DocumentLayout } from '../parsing/recordSpans';

export function recordStarts(document: TextDocument, layout: DocumentLayout): Position[] {
  return layout.spans.map((span) => document.positionAt(span.start));
}
