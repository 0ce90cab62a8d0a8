/**
 * Code actions: a quick fix for every fixable diagnostic, and the
 * `source.fixAll.incident-records` action with every safe fix of the file.
 * Pure: the document, the diagnostics the client sent, and what the client
 * supports in; LSP code actions out.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { sourceOf } from '../text/documentSource';
import {
  CodeAction,
  CodeActionKind,
  Diagnostic,
  Range,
  SnippetTextEdit,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE } from '../../../../common/diagnosticCodes';
import { FIX_ALL_KIND } from '../../../../common/codeActionKinds';
import { SeverityResolver } from '../documentChecker';
import { DocumentLayout } from '../parsing/recordSpans';
import type { ActionCatalog } from '../catalog';
import { formatOf, layoutOf } from '../recordDocument';
import { fixAll } from './fixAll';
import { Fix } from './fixTypes';
import { RecordSources, fixesFor } from './recordFixes';
import { hasStops, renderPlain, renderSnippet } from './template';

export { fixAll } from './fixAll';
export type { FixAllOptions, FixAllResult } from './fixAll';
export { isFixable } from './registry';

export const FIX_ALL_TITLE = 'Fix all auto-fixable problems';

export interface CodeActionOptions {
  /** The kinds the client asked for (`context.only`); all kinds when absent. */
  readonly only?: readonly string[];
  /** The client applies `SnippetTextEdit`s (`workspace.workspaceEdit.snippetEditSupport`). */
  readonly snippetSupport?: boolean;
  /** The client accepts versioned `documentChanges` (`workspace.workspaceEdit.documentChanges`). */
  readonly documentChanges?: boolean;
  /** Severity per code for this file, for fix-all (codes turned off are not fixed). */
  readonly severityOf?: SeverityResolver;
  readonly now?: number;
  /** The document's layout, when the caller has it cached for this version. */
  readonly layout?: DocumentLayout;
  /** The action catalogue with the configuration's own action types. */
  readonly catalog?: ActionCatalog;
}

/** Whether an action of `kind` answers a request for `requested` (the same kind or a parent of it). */
function matchesKind(kind: string, requested: string): boolean {
  return kind === requested || kind.startsWith(`${requested}.`);
}

function wanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.some((requested) => matchesKind(kind, requested));
}

/** A workspace edit for one document: versioned when the client supports it, so a stale edit is dropped. */
function workspaceEdit(document: TextDocument, edits: (TextEdit | SnippetTextEdit)[], options: CodeActionOptions): WorkspaceEdit {
  if (options.documentChanges) {
    return { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, edits)] };
  }
  return { changes: { [document.uri]: edits as TextEdit[] } };
}

function toCodeAction(fix: Fix, diagnostic: Diagnostic, document: TextDocument, base: number, options: CodeActionOptions): CodeAction {
  const snippets = !!options.snippetSupport && !!options.documentChanges && fix.changes.some((c) => hasStops(c.template));
  const counter = { next: 1 };
  const edits = fix.changes.map((change): TextEdit | SnippetTextEdit => {
    const range: Range = { start: document.positionAt(base + change.start), end: document.positionAt(base + change.end) };
    return snippets ? { range, snippet: { kind: 'snippet', value: renderSnippet(change.template, counter) } } : TextEdit.replace(range, renderPlain(change.template));
  });
  const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(document, edits, options) };
  if (fix.preferred) {
    action.isPreferred = true;
  }
  return action;
}

/** Whether the diagnostic still sits inside the record it names (the text may have changed since it was published). */
function withinRecord(document: TextDocument, diagnostic: Diagnostic, span: { start: number; end: number } | undefined): boolean {
  if (!span) {
    return false;
  }
  const offset = document.offsetAt(diagnostic.range.start);
  return offset >= span.start && offset <= span.end;
}

function quickFixes(document: TextDocument, diagnostics: readonly Diagnostic[], options: CodeActionOptions): CodeAction[] {
  const ours = diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string' && d.data);
  if (ours.length === 0) {
    return [];
  }
  const source = sourceOf(document);
  const layout = options.layout ?? layoutOf(source.toString(), formatOf(document));
  const sources = new RecordSources(source, layout);
  const actions: CodeAction[] = [];
  for (const diagnostic of ours) {
    const { fixes, src } = fixesFor(sources, String(diagnostic.code), diagnostic.data);
    if (src && withinRecord(document, diagnostic, src.span)) {
      actions.push(...fixes.map((fix) => toCodeAction(fix, diagnostic, document, src.span.start, options)));
    }
  }
  return actions;
}

function fixAllAction(document: TextDocument, options: CodeActionOptions): CodeAction | undefined {
  const result = fixAll(document.getText(), formatOf(document), { severityOf: options.severityOf, now: options.now, catalog: options.catalog });
  if (result.edits.length === 0) {
    return undefined;
  }
  const edits = result.edits.map((e) => TextEdit.replace({ start: document.positionAt(e.start), end: document.positionAt(e.end) }, e.text));
  return { title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: workspaceEdit(document, edits, options) };
}

/**
 * The code actions for a request: quick fixes for the given diagnostics, and
 * fix-all when the client asks for source actions (on save, or the Source
 * Action menu): fix-all checks the whole file, so it is not computed for
 * every light-bulb request.
 */
export function getCodeActions(document: TextDocument, diagnostics: readonly Diagnostic[], options: CodeActionOptions = {}): CodeAction[] {
  const actions: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix, options.only)) {
    actions.push(...quickFixes(document, diagnostics, options));
  }
  if (options.only && wanted(FIX_ALL_KIND, options.only)) {
    const action = fixAllAction(document, options);
    if (action) {
      actions.push(action);
    }
  }
  return actions;
}
