/**
 * Record-aware completion, layered on top of the JSON language service's
 * schema completion: where the record's service, action type or actions
 * matter (almost everywhere in a record) the proposals come from here;
 * elsewhere the caller falls back to the JSON language service.
 */
import { CompletionList, Position } from 'vscode-languageserver-types';
import type { ActionCatalog } from '../catalog';
import { RecordView } from '../recordDocument';
import { completionContext } from './completionContext';
import { toCompletionItem } from './items';
import { keyProposals } from './keyItems';
import { formatInstant } from './timestamps';
import { valueProposals } from './valueItems';

export interface RecordCompletionOptions {
  /** Whether the client accepts snippet syntax; plain text with the defaults otherwise. */
  readonly snippets: boolean;
  /** The current time (epoch ms), for "now" and the first action's timestamp. */
  readonly now: number;
  /** The action catalogue with the configuration's own action types (the built-in one when absent). */
  readonly catalog?: ActionCatalog;
}

/** Completions at `position` in the record `view`, or `undefined` when the position is not one this module knows. */
export function recordCompletions(view: RecordView, position: Position, options: RecordCompletionOptions): CompletionList | undefined {
  const context = completionContext(view, view.toRecordOffset(position), options.catalog);
  if (!context) {
    return undefined;
  }
  const proposals = context.at.kind === 'key' ? keyProposals(context, options.now, options.snippets) : valueProposals(context, options.now);
  if (!proposals) {
    return undefined;
  }
  const itemOptions = { snippets: options.snippets, now: formatInstant(options.now) };
  return { isIncomplete: false, items: proposals.map((proposal) => toCompletionItem(context, proposal, itemOptions)) };
}
