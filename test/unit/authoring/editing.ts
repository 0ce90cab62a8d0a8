/**
 * Editing helpers for authoring tests: ask the core for completions at an
 * offset, and accept an item as an editor does (its text edit expanded as a
 * snippet with what the user types, plus its additional edits).
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItem, InsertTextFormat, TextEdit } from 'vscode-languageserver-types';
import type { IncidentService } from '../../../server/src/service/incidentService';
import { incidentDocument } from '../../helpers/text';
import { expandSnippet } from './snippetExpansion';

let documents = 0;

/**
 * A document for `text` with a name of its own: the service caches each
 * document's layout by URI and version, so two texts must never share both.
 */
export function freshDocument(text: string, format: 'json' | 'jsonl' = 'json'): TextDocument {
  documents++;
  return incidentDocument(text, format, `file:///workspace/authoring-${documents}.${format === 'jsonl' ? 'incidents.jsonl' : 'incident.json'}`);
}

export async function completionsAt(service: IncidentService, text: string, offset: number, format: 'json' | 'jsonl' = 'json'): Promise<CompletionItem[]> {
  const document = freshDocument(text, format);
  const list = await service.complete(document, document.positionAt(offset));
  return list?.items ?? [];
}

export function labels(items: readonly CompletionItem[]): string[] {
  return items.map((i) => i.label);
}

/** Items in the order an editor shows them before anything is typed (by sortText, then label). */
export function sorted(items: readonly CompletionItem[]): CompletionItem[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label));
}

export function item(items: readonly CompletionItem[], label: string): CompletionItem {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `no completion "${label}" among ${labels(items).join(', ')}`);
  return found;
}

export function newText(completion: CompletionItem): string {
  const edit = completion.textEdit;
  assert.ok(edit && 'range' in edit, 'completion items carry a text edit with a range');
  return edit.newText;
}

export interface Accepted {
  readonly text: string;
  /** Offsets of the item's tab stops in the new text. */
  readonly stops: ReadonlyMap<number, number>;
}

/** Applies `completion` to `text` as an editor does; `values` is what the user types at its tab stops. */
export function accept(text: string, completion: CompletionItem, values: Record<number, string> = {}, format: 'json' | 'jsonl' = 'json'): Accepted {
  const document: TextDocument = incidentDocument(text, format);
  const edit = completion.textEdit;
  assert.ok(edit && 'range' in edit);
  const snippet = completion.insertTextFormat === InsertTextFormat.Snippet;
  const expansion = snippet ? expandSnippet(edit.newText, { values }) : { text: edit.newText, stops: new Map<number, number>() };
  const edits: TextEdit[] = [{ range: edit.range, newText: expansion.text }, ...(completion.additionalTextEdits ?? [])];
  const ordered = edits
    .map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start);
  let result = text;
  const mainStart = document.offsetAt(edit.range.start);
  let shift = 0;
  for (const e of ordered) {
    result = result.slice(0, e.start) + e.text + result.slice(e.end);
    if (e.start < mainStart) {
      shift += e.text.length - (e.end - e.start);
    }
  }
  const stops = new Map([...expansion.stops].map(([n, at]) => [n, mainStart + shift + at]));
  return { text: result, stops };
}
