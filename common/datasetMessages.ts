/**
 * Messages between the dataset view's webview and the extension, as
 * discriminated unions on `type`. Every message names its document (`uri`),
 * so one that arrives after the panel was rebound is recognised and dropped.
 * Types and pure helpers only: the webview bundle shares this file.
 *
 * The webview asks for what it draws (`query`: a filter, a sort and a page of
 * rows); the extension forwards it to the language server
 * (`DatasetViewRequest`) and answers with `dataset`, echoing the request's
 * `key` so late pages of an older query are dropped. On a document change or
 * new diagnostics the extension re-sends the aggregates and the page last
 * asked for, never every row.
 */
import type { Range } from 'vscode-languageserver-types';
import type { DatasetFilter, DatasetProblem, DatasetSortKey, DatasetView } from './dataset';

/** Rows per page the webview asks for (the server allows up to 500). */
export const DATASET_PAGE_SIZE = 200;
export const DATASET_MAX_LIMIT = 500;

export interface DatasetSort {
  readonly key: DatasetSortKey;
  readonly descending?: boolean;
}

/** A filter and sort of the table: what a page of rows is a page of. */
export interface DatasetQuery {
  readonly filter: DatasetFilter;
  readonly sort: DatasetSort;
}

/** The same string for the same query, whatever order its fields were set in. */
export function datasetQueryKey(query: DatasetQuery): string {
  const f = query.filter;
  const list = (values: readonly string[] | undefined) => (values && values.length ? [...values].sort() : undefined);
  return JSON.stringify([
    list(f.services),
    list(f.severities),
    list(f.success),
    list(f.codes),
    f.worst,
    f.text?.trim() ? f.text.trim().toLowerCase() : undefined,
    query.sort.key,
    !!query.sort.descending,
  ]);
}

// ─── Extension → webview ────────────────────────────────────────────────────

/** Extension → webview: a page of rows for the query with `key`, and the aggregates when `view.summary` is set. */
export interface DatasetDataMessage {
  readonly type: 'dataset';
  readonly uri: string;
  /** The document's file name, for the heading. */
  readonly name: string;
  /** The `key` of the query the page answers. */
  readonly key: string;
  readonly view: DatasetView;
}

/** Extension → webview: nothing to draw, and why (shown to the user). */
export interface DatasetEmptyMessage {
  readonly type: 'empty';
  readonly uri: string;
  readonly reason: string;
}

/** Extension → webview: the problem the next/previous buttons went to (revealed in the editor), or none. */
export interface DatasetProblemMessage {
  readonly type: 'problem';
  readonly uri: string;
  readonly problem: DatasetProblem | null;
}

export type ToDatasetWebviewMessage = DatasetDataMessage | DatasetEmptyMessage | DatasetProblemMessage;

// ─── Webview → extension ────────────────────────────────────────────────────

/** Webview → extension: the script runs; `uri` and `query` come from the restored state, if any. */
export interface DatasetReadyMessage {
  readonly type: 'ready';
  readonly uri?: string;
  readonly query?: DatasetQuery;
  readonly key?: string;
  readonly offset?: number;
  readonly limit?: number;
}

/** Webview → extension: rows `offset` … `offset + limit - 1` of the query, tagged with its key. */
export interface DatasetQueryMessage {
  readonly type: 'query';
  readonly uri: string;
  readonly key: string;
  readonly query: DatasetQuery;
  readonly offset: number;
  readonly limit: number;
}

/** Webview → extension: select a record (a row) or a problem (a group's first) in the editor. */
export interface DatasetRevealMessage {
  readonly type: 'reveal';
  readonly uri: string;
  /** The document version the range was computed on. */
  readonly version: number;
  readonly index: number;
  readonly range: Range;
  /** Move the focus to the editor (double click); otherwise the view keeps it, so the keyboard goes on through the rows. */
  readonly focusEditor?: boolean;
}

/** Webview → extension: go to the next/previous problem of the whole document (of one code, if given). */
export interface DatasetGoToProblemMessage {
  readonly type: 'goToProblem';
  readonly uri: string;
  readonly direction: 'next' | 'previous';
  readonly code?: string;
}

/** Webview → extension: copy the dataset card as Markdown. */
export interface DatasetCopyCardMessage {
  readonly type: 'copyCard';
  readonly uri: string;
}

export type FromDatasetWebviewMessage = DatasetReadyMessage | DatasetQueryMessage | DatasetRevealMessage | DatasetGoToProblemMessage | DatasetCopyCardMessage;

/**
 * What the webview keeps with `setState`, for a hidden-and-shown or reloaded
 * panel: the query, the scroll position and the focused row, and the last
 * aggregates and page so the view is drawn at once.
 */
export interface DatasetWebviewState {
  readonly uri: string;
  readonly query?: DatasetQuery;
  readonly scrollTop?: number;
  /** Index (in the filtered, sorted table) of the row with the roving tab stop. */
  readonly focusRow?: number;
  readonly name?: string;
  readonly key?: string;
  readonly view?: DatasetView;
}
