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
import { DIAGNOSTIC_SOURCE, ruleInfo } from '../../../../common/diagnosticCodes';
import { ShowRuleDocumentationCommand } from '../../../../common/protocol';
import { RecordCheckOptions, checkRecord } from '../recordChecker';
import { FIX_ALL_KIND } from '../../../../common/codeActionKinds';
import { SeverityResolver, checkDocument } from '../documentChecker';
import { DocumentLayout } from '../parsing/recordSpans';
import type { ActionCatalog } from '../catalog';
import { formatOf, layoutOf } from '../recordDocument';
import { fixAll, keepsRecordAsGood } from './fixAll';
import { Fix } from './fixTypes';
import { RecordSources, fixesFor } from './recordFixes';
import { hasStops, renderPlain, renderSnippet } from './template';

export { fixAll, fixAllInSteps } from './fixAll';
export type { FirstCheck, FixAllOptions, FixAllProgress, FixAllResult } from './fixAll';
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
  /** The client has the command that shows a rule's documentation: offer "Show documentation for <code>". */
  readonly ruleDocumentation?: boolean;
  /** The client resolves code actions' edits (`codeAction.resolveSupport` for `edit`): "Fix all <code> problems" is computed on demand. */
  readonly resolveEdits?: boolean;
  /**
   * How many problems of a code the document has (the server counts them in
   * the results it keeps); "Fix all <code> problems" is offered only when
   * there is more than one. Without it the document is checked to count them.
   */
  readonly problemCount?: (code: string) => number;
}

/** What a "Fix all <code> problems in this file" action carries until it is resolved. */
export interface FixAllOfCodeData {
  readonly fixAllOf: string;
  readonly uri: string;
  readonly version: number;
}

export function isFixAllOfCodeData(data: unknown): data is FixAllOfCodeData {
  const d = data as FixAllOfCodeData | undefined;
  return !!d && typeof d.fixAllOf === 'string' && typeof d.uri === 'string' && typeof d.version === 'number';
}

/** Above this many characters, "Fix all <code> problems" is offered only to clients that resolve code actions. */
const EAGER_FIX_ALL_LIMIT = 256 * 1024;

export const fixAllOfCodeTitle = (code: string): string => `Fix all ${code} problems in this file`;

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
  const check: RecordCheckOptions = { inDataset: layout.shape !== 'single', now: options.now ?? Date.now(), catalog: options.catalog };
  const problemsOf = new Map<number, readonly { code: string }[]>();
  const actions: CodeAction[] = [];
  const fixAllOf: CodeAction[] = [];
  const docs: CodeAction[] = [];
  const offered = new Set<string>();
  let counts: Map<string, number> | undefined;
  const countOf = (code: string): number => {
    if (options.problemCount) {
      return options.problemCount(code);
    }
    if (!counts) {
      counts = new Map();
      const check = checkDocument(source.toString(), formatOf(document), { now: options.now, catalog: options.catalog });
      for (const p of [...check.documentProblems, ...check.records.flatMap((r) => r.problems)]) {
        counts.set(p.code, (counts.get(p.code) ?? 0) + 1);
      }
    }
    return counts.get(code) ?? 0;
  };
  for (const diagnostic of ours) {
    const code = String(diagnostic.code);
    const { fixes, src } = fixesFor(sources, code, diagnostic.data);
    if (!src || !withinRecord(document, diagnostic, src.span)) {
      continue;
    }
    let safe = false;
    for (const fix of fixes) {
      let checked = fix;
      if (fix.safe) {
        // Preferred (and applied by "Fix all") only when the record is no worse after it.
        let before = problemsOf.get(src.span.index);
        if (!before) {
          before = checkRecord(src.text, src.span.index, check).problems;
          problemsOf.set(src.span.index, before);
        }
        const good = keepsRecordAsGood(src.text, fix, code, before, check, options.severityOf);
        checked = good ? fix : { ...fix, safe: false, preferred: false };
        safe ||= good;
      }
      actions.push(toCodeAction(checked, diagnostic, document, src.span.start, options));
    }
    if (safe && !offered.has(`fix:${code}`) && countOf(code) > 1) {
      offered.add(`fix:${code}`);
      const action = fixAllOfCodeAction(document, code, options);
      if (action) {
        fixAllOf.push({ ...action, diagnostics: [diagnostic] });
      }
    }
    if (options.ruleDocumentation && ruleInfo(code) && !offered.has(`doc:${code}`)) {
      offered.add(`doc:${code}`);
      docs.push({
        title: `Show documentation for ${code}`,
        kind: CodeActionKind.QuickFix,
        command: { title: `Show documentation for ${code}`, command: ShowRuleDocumentationCommand, arguments: [code] },
      });
    }
  }
  return [...actions, ...fixAllOf, ...docs];
}

/**
 * "Fix all <code> problems in this file": every safe fix of that code, as
 * one edit. Computed on demand when the client resolves code actions (a
 * light bulb in a large dataset must not fix the whole file first).
 */
function fixAllOfCodeAction(document: TextDocument, code: string, options: CodeActionOptions): CodeAction | undefined {
  const title = fixAllOfCodeTitle(code);
  if (options.resolveEdits) {
    const data: FixAllOfCodeData = { fixAllOf: code, uri: document.uri, version: document.version };
    return { title, kind: CodeActionKind.QuickFix, data };
  }
  // A client that cannot resolve gets the edit at once: only for a file small enough to fix on every light bulb.
  if (sourceOf(document).length > EAGER_FIX_ALL_LIMIT) {
    return undefined;
  }
  const edit = fixAllEdit(document, options, code);
  return edit ? { title, kind: CodeActionKind.QuickFix, edit } : undefined;
}

/** The edit of every safe fix of the document (of one code when `only` is given), or undefined when there is none. */
export function fixAllEdit(document: TextDocument, options: CodeActionOptions, only?: string): WorkspaceEdit | undefined {
  const result = fixAll(document.getText(), formatOf(document), { severityOf: options.severityOf, now: options.now, catalog: options.catalog, only });
  if (result.edits.length === 0) {
    return undefined;
  }
  const edits = result.edits.map((e) => TextEdit.replace({ start: document.positionAt(e.start), end: document.positionAt(e.end) }, e.text));
  return workspaceEdit(document, edits, options);
}

/** Resolves a "Fix all <code> problems in this file" action for the document it was made for (nothing when it changed since). */
export function resolveFixAllOfCode(action: CodeAction, document: TextDocument | undefined, options: CodeActionOptions): CodeAction {
  const data = action.data;
  if (!isFixAllOfCodeData(data) || !document || document.uri !== data.uri || document.version !== data.version) {
    return action;
  }
  const edit = fixAllEdit(document, options, data.fixAllOf);
  return edit ? { ...action, edit } : action;
}

function fixAllAction(document: TextDocument, options: CodeActionOptions): CodeAction | undefined {
  const edit = fixAllEdit(document, options);
  return edit ? { title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit } : undefined;
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
