/**
 * The language service facade: pure functions over text documents, shared by
 * the language server and the CLI. No LSP connection, no `vscode`.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  FormattingOptions,
  Hover,
  Position,
  Range,
  SelectionRange,
  TextEdit,
} from 'vscode-languageserver-types';
import type { ClientCapabilities } from 'vscode-json-languageservice';
import { checkDocument, DocumentCheck, SeverityResolver, toDiagnostics } from './documentChecker';
import { JsonFeatures } from './jsonFeatures';
import { LayoutCache, formatOf } from './recordDocument';
import { documentSymbols } from './symbols';
import { formatDocument } from './formatting';

export interface IncidentServiceOptions {
  readonly clientCapabilities?: ClientCapabilities;
  /** Clock for "in the future" checks; tests pin it. */
  readonly now?: () => number;
}

export interface IncidentService {
  check(document: TextDocument): DocumentCheck;
  diagnostics(document: TextDocument, severityOf?: SeverityResolver): Diagnostic[];
  complete(document: TextDocument, position: Position): Promise<CompletionList | null>;
  hover(document: TextDocument, position: Position): Promise<Hover | null>;
  documentSymbols(document: TextDocument): DocumentSymbol[];
  foldingRanges(document: TextDocument): FoldingRange[];
  selectionRanges(document: TextDocument, positions: Position[]): SelectionRange[];
  format(document: TextDocument, range: Range | undefined, options: FormattingOptions): TextEdit[];
  /** Forget cached state for a closed document. */
  forget(uri: string): void;
}

export function getIncidentService(options: IncidentServiceOptions = {}): IncidentService {
  const json = new JsonFeatures(options.clientCapabilities);
  const layouts = new LayoutCache();
  const now = options.now ?? Date.now;
  const check = (document: TextDocument): DocumentCheck => {
    const result = checkDocument(document.getText(), formatOf(document), { now: now() });
    layouts.set(document, result.layout);
    return result;
  };
  const layout = (document: TextDocument) => layouts.get(document, formatOf(document));
  return {
    check,
    diagnostics: (document, severityOf) => toDiagnostics(check(document), (offset) => document.positionAt(offset), severityOf),
    complete: (document, position) => json.complete(document, layout(document), formatOf(document), position),
    hover: (document, position) => json.hover(document, layout(document), formatOf(document), position),
    documentSymbols: (document) => documentSymbols(json, document, layout(document), formatOf(document)),
    foldingRanges: (document) => json.foldingRanges(document, formatOf(document)),
    selectionRanges: (document, positions) => json.selectionRanges(document, layout(document), formatOf(document), positions),
    format: (document, range, formatting) => formatDocument(json, document, layout(document), formatOf(document), range, formatting),
    forget: (uri) => layouts.delete(uri),
  };
}
