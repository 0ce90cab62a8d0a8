/**
 * The dataset view's model: what a reviewer of a dataset (thousands of
 * records, JSON Lines or a JSON array) asks of it, computed by the core
 * (`server/src/service/dataset/`), sent over LSP (`DatasetViewRequest`,
 * `DatasetProblemRequest`) and drawn by the webview (`webview/dataset/`).
 * The CLI's `stats` prints the same summary and card. Types only, so the
 * webview bundle can share it without pulling in any code.
 *
 * All texts here come from records (untrusted; credentials already masked
 * by the core): renderers show them as text.
 */
import type { Range } from 'vscode-languageserver-types';

export type ProblemSeverity = 'error' | 'warning' | 'information' | 'hint';

/** `success` as a filter and a count key: `unknown` when the record does not say (absent or not a boolean). */
export type SuccessKey = 'true' | 'false' | 'unknown';

/** One record of the dataset, as a row of the table. */
export interface DatasetRow {
  /** The record's index in the document. */
  readonly index: number;
  /** 0-based line where the record starts. */
  readonly line: number;
  /** The record's range in the document (to reveal and select it). */
  readonly range: Range;
  readonly title?: string;
  readonly service?: string;
  readonly severity?: string;
  readonly success?: boolean;
  /** `resolution_time` in seconds, and in human form (`41m 00s`). */
  readonly resolutionSeconds?: number;
  readonly resolutionText?: string;
  /** Items of `actions_taken`. */
  readonly actions: number;
  /** The first action's timestamp as written. */
  readonly firstActionTime?: string;
  /** The record's problems (diagnostics as published, severities from the configuration applied). */
  readonly problems: number;
  readonly worst?: ProblemSeverity;
  /** Distinct problem codes, sorted. */
  readonly codes: readonly string[];
  /** The record is not valid JSON (IR001): a row with what could be read. */
  readonly broken?: boolean;
}

export interface DatasetSummary {
  readonly records: number;
  /** Records with at least one problem, and by their worst severity. */
  readonly recordsWithProblems: number;
  readonly recordsByWorst: Readonly<Record<ProblemSeverity, number>>;
  /** Diagnostics in the whole document (not only those the editor shows). */
  readonly problems: number;
  /** Records per `success`: failed resolutions are the negative examples the guidelines ask for. */
  readonly success: Readonly<Record<SuccessKey, number>>;
  /** Records per service, then per severity (`(none)` where absent). */
  readonly servicesBySeverity: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** The earliest and latest incident times (first action timestamps, ISO 8601, as written). */
  readonly dateRange?: { readonly first: string; readonly last: string };
}

/** Resolution times of one service's records, for a distribution on a log scale. */
export interface ResolutionDistribution {
  readonly service: string;
  readonly count: number;
  readonly minSeconds: number;
  readonly medianSeconds: number;
  readonly maxSeconds: number;
  /** Counts per bin, bins equal on a log₁₀ scale from `binsFromSeconds` to `binsToSeconds`. */
  readonly binsFromSeconds: number;
  readonly binsToSeconds: number;
  readonly bins: readonly number[];
}

/** How often an action type was used in one service's records, and how it went. */
export interface ActionEffectiveness {
  readonly service: string;
  readonly type: string;
  readonly used: number;
  readonly success: number;
  readonly failed: number;
  readonly partial: number;
  /** Results absent or outside the schema. */
  readonly unknown: number;
}

/** Problems with one code. */
export interface CodeCount {
  readonly code: string;
  readonly name: string;
  readonly severity: ProblemSeverity;
  readonly count: number;
  /** Records with at least one. */
  readonly records: number;
}

/**
 * One systematic problem: the diagnostics of one code whose messages have the
 * same pattern (quoted values and numbers replaced by `…`), so a mistake made
 * in 6,000 records reads as one line with a count.
 */
export interface ProblemGroup {
  readonly code: string;
  readonly severity: ProblemSeverity;
  readonly pattern: string;
  readonly count: number;
  readonly records: number;
  /** The first occurrence in the document, to go to. */
  readonly first: { readonly index: number; readonly range: Range };
}

export interface DatasetCharts {
  readonly resolution: readonly ResolutionDistribution[];
  readonly actions: readonly ActionEffectiveness[];
  readonly codes: readonly CodeCount[];
}

export type DatasetSortKey = 'line' | 'title' | 'service' | 'severity' | 'success' | 'resolution' | 'actions' | 'firstAction' | 'problems';

export interface DatasetFilter {
  /** Each list: a row matches one of its values (empty or absent: any). Lists combine with "and". */
  readonly services?: readonly string[];
  readonly severities?: readonly string[];
  readonly success?: readonly SuccessKey[];
  readonly codes?: readonly string[];
  /** Rows with a problem of at least this severity (`error` < `warning` < …); `none`: rows without problems. */
  readonly worst?: ProblemSeverity | 'none';
  /** Case-insensitive text searched in titles. */
  readonly text?: string;
}

export interface DatasetViewParams {
  readonly textDocument: { readonly uri: string };
  readonly filter?: DatasetFilter;
  readonly sort?: { readonly key: DatasetSortKey; readonly descending?: boolean };
  /** The page of matching rows wanted: rows `offset` to `offset + limit - 1` (limit at most 500). */
  readonly offset?: number;
  readonly limit?: number;
  /** Leave out the summary, charts and groups (the view has them for this version already). */
  readonly rowsOnly?: boolean;
}

export interface DatasetView {
  readonly uri: string;
  /** The document version the view was computed from. */
  readonly version: number;
  readonly format: 'json' | 'jsonl';
  /** Every record was checked (false while a first check of a large document runs). */
  readonly complete: boolean;
  readonly summary?: DatasetSummary;
  readonly charts?: DatasetCharts;
  /** Every problem of the document, grouped by code and message pattern, most frequent first. */
  readonly groups?: readonly ProblemGroup[];
  /** Rows matching the filter. */
  readonly matching: number;
  readonly offset: number;
  readonly rows: readonly DatasetRow[];
}

export interface DatasetProblemParams {
  readonly textDocument: { readonly uri: string };
  /** From where to look; the first problem after (or before) it is returned, wrapping around. */
  readonly position: { readonly line: number; readonly character: number };
  readonly direction: 'next' | 'previous';
  /** Only problems of this code. */
  readonly code?: string;
}

/** A problem anywhere in the document, whether or not the editor shows it (its marker limit). */
export interface DatasetProblem {
  readonly code: string;
  readonly severity: ProblemSeverity;
  readonly message: string;
  readonly range: Range;
  readonly index: number;
  /** Its rank among the document's problems in document order (1-based), and their number. */
  readonly ordinal: number;
  readonly total: number;
}

/** What a document really holds, for the status bar, with each publish. */
export interface ProblemTotals {
  readonly uri: string;
  readonly problems: number;
  readonly records: number;
  readonly recordsWithProblems: number;
  /** Diagnostics in the publish (at most the client's limit). */
  readonly published: number;
  readonly errors: number;
  readonly warnings: number;
  /** Records not checked yet (a first check of a large document under way): the totals are those so far. */
  readonly unchecked?: number;
}

/** The editor ranges on screen for a document, so the problems there are published first. */
export interface VisibleRangesParams {
  readonly textDocument: { readonly uri: string };
  readonly ranges: readonly Range[];
}
