/**
 * The language service facade: pure functions over text documents, shared by
 * the language server and the CLI. No LSP connection, no `vscode`.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeAction,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  FormattingOptions,
  Hover,
  InlayHint,
  Position,
  Range,
  SelectionRange,
  TextEdit,
} from 'vscode-languageserver-types';
import type { ClientCapabilities } from 'vscode-json-languageservice';
import { checkDocument, DocumentCheck, SeverityResolver, toDiagnostics } from './documentChecker';
import { JsonFeatures } from './jsonFeatures';
import { INCIDENT_JSON, LayoutCache, formatOf } from './recordDocument';
import type { DocumentLayout } from './parsing/recordSpans';
import { documentSymbols } from './symbols';
import { inlayHints } from './inlayHints';
import { formatDocument } from './formatting';
import { recordStarts, timelineModel } from './timeline';
import type { TimelineProblemOptions } from './timeline/timelineProblems';
import type { TimelineModel } from '../../../common/timeline';
import { CodeActionOptions, getCodeActions } from './fixes';
import type { ActionCatalog } from './catalog';

export interface IncidentServiceOptions {
  readonly clientCapabilities?: ClientCapabilities;
  /** Clock for "in the future" checks; tests pin it. */
  readonly now?: () => number;
  /**
   * The current layout of an open document when the caller already keeps one
   * (the server's incremental record store), so features never split a large
   * document again; undefined falls back to splitting it (cached per version).
   */
  readonly layoutOf?: (document: TextDocument) => DocumentLayout | undefined;
  /** The action catalogue for a document (its configuration's own action types); the built-in one when absent. */
  readonly catalogOf?: (document: TextDocument) => ActionCatalog;
}

export interface IncidentService {
  check(document: TextDocument): DocumentCheck;
  diagnostics(document: TextDocument, severityOf?: SeverityResolver): Diagnostic[];
  complete(document: TextDocument, position: Position): Promise<CompletionList | null>;
  /** `severityOf`: the configured severities, so that rules turned off are not explained. */
  hover(document: TextDocument, position: Position, severityOf?: SeverityResolver): Promise<Hover | null>;
  documentSymbols(document: TextDocument): DocumentSymbol[];
  foldingRanges(document: TextDocument): FoldingRange[];
  /** Human durations and action offsets inside `range`. */
  inlayHints(document: TextDocument, range: Range): InlayHint[];
  selectionRanges(document: TextDocument, positions: Position[]): SelectionRange[];
  format(document: TextDocument, range: Range | undefined, options: FormattingOptions): TextEdit[];
  /**
   * The timeline of the record at (or nearest to) `position`; `null` for a
   * document without records. Its problems are taken from `problems.diagnostics`
   * (the document's, as the server keeps them), or the record is checked on its own.
   */
  timeline(document: TextDocument, position: Position, problems?: TimelineProblemOptions): TimelineModel | null;
  /** The first position of each record (where its "Open Timeline" code lens goes). */
  recordStarts(document: TextDocument): Position[];
  /** Quick fixes for `diagnostics`, and fix-all when `options.only` asks for source actions. */
  getCodeActions(document: TextDocument, diagnostics: readonly Diagnostic[], options?: CodeActionOptions): CodeAction[];
  /** Forget cached state for a closed document. */
  forget(uri: string): void;
  /**
   * Runs completion and hover once on a small record, so that the first
   * request of a user does not pay for compiling the schema and the code paths.
   */
  warmUp(): Promise<void>;
}

/** A record being written, with the cursor on an empty severity value (see `warmUp`). */
const WARM_UP_RECORD = '{"incident": {"title": "Warm-up", "service": "airflow", "severity": ""}, "actions_taken": [{"action": "restart_task", "parameters": {}}]}';

/**
 * A client may send a position past the end of a line or of the document
 * (a stale request, or one between `\r` and `\n`): every feature works on the
 * nearest position that exists, so no result can point outside the text.
 */
function inside(document: TextDocument, position: Position): Position {
  return document.positionAt(document.offsetAt(position));
}

function rangeInside(document: TextDocument, range: Range): Range {
  return { start: inside(document, range.start), end: inside(document, range.end) };
}

export function getIncidentService(options: IncidentServiceOptions = {}): IncidentService {
  const json = new JsonFeatures(options.clientCapabilities);
  const layouts = new LayoutCache();
  const now = options.now ?? Date.now;
  const catalogOf = (document: TextDocument): ActionCatalog | undefined => options.catalogOf?.(document);
  const check = (document: TextDocument): DocumentCheck => {
    const result = checkDocument(document.getText(), formatOf(document), { now: now(), catalog: catalogOf(document) });
    layouts.set(document, result.layout);
    return result;
  };
  const layout = (document: TextDocument) => options.layoutOf?.(document) ?? layouts.get(document, formatOf(document));
  return {
    check,
    diagnostics: (document, severityOf) => toDiagnostics(check(document), (offset) => document.positionAt(offset), severityOf),
    complete: (document, position) => json.complete(document, layout(document), formatOf(document), inside(document, position), now(), catalogOf(document)),
    hover: (document, position, severityOf) =>
      json.hover(document, layout(document), formatOf(document), inside(document, position), { now: now(), severityOf, catalog: catalogOf(document) }),
    documentSymbols: (document) => documentSymbols(document, layout(document), formatOf(document)),
    foldingRanges: (document) => json.foldingRanges(document, formatOf(document)),
    inlayHints: (document, range) => inlayHints(document, layout(document), formatOf(document), rangeInside(document, range)),
    selectionRanges: (document, positions) =>
      json.selectionRanges(document, layout(document), formatOf(document), positions.map((p) => inside(document, p))),
    format: (document, range, formatting) => formatDocument(json, document, layout(document), formatOf(document), range && rangeInside(document, range), formatting),
    timeline: (document, position, problems = {}) =>
      timelineModel(document, inside(document, position), layout(document), { now: now(), catalog: catalogOf(document), ...problems }),
    recordStarts: (document) => recordStarts(document, layout(document)),
    getCodeActions: (document, diagnostics, actionOptions = {}) =>
      getCodeActions(document, diagnostics, { now: now(), layout: layout(document), catalog: catalogOf(document), ...actionOptions }),
    forget: (uri) => layouts.delete(uri),
    warmUp: async () => {
      const document = TextDocument.create('incident-warm-up:///warm-up.incident.json', INCIDENT_JSON, 1, WARM_UP_RECORD);
      const position = document.positionAt(WARM_UP_RECORD.indexOf('"severity": "') + '"severity": "'.length);
      const layout = layouts.get(document, 'json');
      await json.complete(document, layout, 'json', position, now());
      await json.hover(document, layout, 'json', position, { now: now() });
      layouts.delete(document.uri);
    },
  };
}
