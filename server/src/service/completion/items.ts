/**
 * Turns a proposal (what to insert, as snippet nodes) into an LSP completion
 * item for the cursor's context: the replaced range, commas around the
 * insertion, indentation or a single line, snippet syntax or plain text.
 */
import { Command, CompletionItem, CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind, TextEdit } from 'vscode-languageserver-types';
import { CompletionContext } from './completionContext';
import { RenderOptions, SnippetKey, SnippetNode, renderMembers } from './snippetText';

export interface Proposal {
  readonly label: string;
  readonly kind: CompletionItemKind;
  /** Shown next to the label (e.g. the action's family). */
  readonly description?: string;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  /** What is inserted: members of an object; a member without a key is a bare value. */
  readonly members: readonly (readonly [SnippetKey | undefined, SnippetNode])[];
  /** Raw text inserted instead of `members` (a key alone, before an existing colon). */
  readonly rawText?: string;
  readonly sortText: string;
  /** The text typed so far is matched against this (defaults to the label). */
  readonly filterValue?: string;
  /** Other edits, record-relative offsets, plain text. */
  readonly additionalEdits?: readonly { readonly start: number; readonly end: number; readonly text: string }[];
  readonly command?: Command;
  readonly preselect?: boolean;
}

export interface ItemOptions {
  readonly snippets: boolean;
  /** Fixed text for "now" timestamps. */
  readonly now: string;
}

export const TRIGGER_SUGGEST: Command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

/** Render options for text inserted at the context's cursor. */
export function renderOptionsFor(context: CompletionContext, snippets: boolean, now: string): RenderOptions {
  const { layout } = context;
  return {
    snippet: snippets,
    layout: layout.inline ? 'inline' : 'pretty',
    spacing: layout.spacing,
    indentUnit: layout.indentUnit,
    baseIndent: layout.expand?.inner ?? layout.baseIndent,
    now,
  };
}

/** The text a proposal inserts at the context's cursor, with commas and line breaks as the surroundings need. */
export function insertionText(context: CompletionContext, proposal: Proposal, options: ItemOptions): string {
  let text = proposal.rawText ?? renderMembers(proposal.members, renderOptionsFor(context, options.snippets, options.now)).text;
  if (context.commaAfter && proposal.rawText === undefined) {
    text += ',';
  }
  const expand = context.layout.expand;
  return expand ? `\n${expand.inner}${text}\n${expand.outer}` : text;
}

export function toCompletionItem(context: CompletionContext, proposal: Proposal, options: ItemOptions): CompletionItem {
  const { view, replace, text } = context;
  const newText = insertionText(context, proposal, options);
  const quoted = text[replace[0]] === '"';
  const filter = proposal.filterValue ?? proposal.label;
  const item: CompletionItem = {
    label: proposal.label,
    kind: proposal.kind,
    sortText: proposal.sortText,
    filterText: quoted ? JSON.stringify(filter) : filter,
    textEdit: TextEdit.replace(view.rangeOfOffsets(replace[0], replace[1]), newText),
    insertTextFormat: options.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (newText.includes('\n')) {
    // Indentation is already absolute; an editor adjusting it again would double it.
    item.insertTextMode = InsertTextMode.asIs;
  }
  if (proposal.description) {
    item.labelDetails = { description: proposal.description };
  }
  if (proposal.detail) {
    item.detail = proposal.detail;
  }
  if (proposal.documentation) {
    item.documentation = { kind: MarkupKind.Markdown, value: proposal.documentation };
  }
  const additional: TextEdit[] = [];
  if (context.commaBefore !== undefined) {
    additional.push(TextEdit.insert(view.rangeOfOffsets(context.commaBefore, context.commaBefore).start, ','));
  }
  for (const edit of proposal.additionalEdits ?? []) {
    additional.push(TextEdit.replace(view.rangeOfOffsets(edit.start, edit.end), edit.text));
  }
  const reflow = context.layout.reflow;
  if (reflow && newText.includes('\n') && reflow.open[1] <= replace[0] && replace[1] <= reflow.close[0]) {
    // Break the one-line object open, so it reads like its pretty-printed siblings.
    additional.push(TextEdit.replace(view.rangeOfOffsets(reflow.open[0], reflow.open[1]), `\n${reflow.inner}`));
    additional.push(TextEdit.replace(view.rangeOfOffsets(reflow.close[0], reflow.close[1]), `\n${reflow.outer}`));
  }
  if (additional.length) {
    item.additionalTextEdits = additional;
  }
  if (proposal.command && options.snippets) {
    item.command = proposal.command;
  }
  if (proposal.preselect) {
    item.preselect = true;
  }
  return item;
}

/** Sort key: a group digit then the position within the group, so groups keep their order and items their schema order. */
export function sortKey(group: number, index: number): string {
  return `${group}${String(index).padStart(3, '0')}`;
}
