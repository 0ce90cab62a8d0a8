/**
 * The outline: one symbol per record named by its title and service (one per
 * line in JSON Lines), with the record's structure below it.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import { JsonFeatures } from './jsonFeatures';
import { DocumentFormat, DocumentLayout } from './parsing/recordSpans';
import { RecordView } from './recordDocument';
import { summarize } from './recordChecker';

function recordName(text: string, index: number): { name: string; detail: string } {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const summary = summarize(value as Record<string, unknown>);
      const name = summary.title?.trim() || `Record ${index + 1}`;
      const detail = [summary.service, summary.severity, summary.success === undefined ? undefined : summary.success ? 'resolved' : 'failed']
        .filter(Boolean)
        .join(' · ');
      return { name, detail };
    }
  } catch {
    // fall through: a broken record is still listed
  }
  return { name: `Record ${index + 1}`, detail: 'invalid JSON' };
}

export function documentSymbols(json: JsonFeatures, document: TextDocument, layout: DocumentLayout, format: DocumentFormat): DocumentSymbol[] {
  return layout.spans.map((span) => {
    const view = new RecordView(document, span, format);
    const { name, detail } = recordName(view.text, span.index);
    const range = view.rangeOfOffsets(0, view.text.length);
    return {
      name,
      detail,
      kind: SymbolKind.Object,
      range,
      selectionRange: range,
      children: json.recordSymbols(view),
    };
  });
}
