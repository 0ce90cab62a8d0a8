/**
 * Custom LSP messages between the extension (client) and the language
 * server, declared once and imported by both. Only
 * `vscode-languageserver-protocol` types here; no `vscode`.
 */
import { NotificationType, RequestType, WorkDoneProgressParams } from 'vscode-languageserver-protocol';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import type { Position } from 'vscode-languageserver-types';
import type { TimelineModel } from './timeline';
import type { DatasetProblem, DatasetProblemParams, DatasetView, DatasetViewParams, ProblemTotals, VisibleRangesParams } from './dataset';

/** Initialization options the client sends in `initialize`. */
export interface InitializationOptions {
  /** Whether the workspace is trusted; an untrusted workspace's config may only lower severities. */
  readonly workspaceTrusted?: boolean;
  /**
   * Whether the client has the `incidentRecords.showRuleDocumentation`
   * command (the extension does): code actions then offer "Show
   * documentation for <code>".
   */
  readonly ruleDocumentationCommand?: boolean;
}

/** The extension's command that shows a rule's documentation shipped with it, with arguments `[code: string]`. */
export const ShowRuleDocumentationCommand = 'incidentRecords.showRuleDocumentation';

/** Server-side settings under `incidentRecords.*`, normalised with defaults. */
export interface ServerSettings {
  readonly validateEnable: boolean;
  readonly inlayHintsEnable: boolean;
  readonly codeLensEnable: boolean;
  readonly maxFileSizeMB: number;
  /**
   * A baseline file (written by `incident-records lint --write-baseline`),
   * absolute or relative to the workspace folder: its findings are shown at
   * hint level. Undefined: no baseline.
   */
  readonly baseline?: string;
  /** Worker threads that check a large document (`incidentRecords.workers`); 0: the machine's available parallelism, 1: none. */
  readonly workers: number;
  /**
   * At most this many diagnostics per document are published
   * (`incidentRecords.limits.maxPublishedDiagnostics`, VS Code's marker limit
   * by default), the most useful first; 0: every diagnostic.
   */
  readonly maxPublishedDiagnostics: number;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  validateEnable: true,
  inlayHintsEnable: true,
  codeLensEnable: true,
  maxFileSizeMB: 200,
  baseline: undefined,
  workers: 0,
  maxPublishedDiagnostics: 1000,
};

/** Normalises raw `incidentRecords` settings (any shape) into `ServerSettings`. */
export function normaliseSettings(raw: unknown): ServerSettings {
  const section = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const sub = (name: string): Record<string, unknown> => {
    const value = section[name];
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  };
  const bool = (value: unknown, fallback: boolean): boolean => (typeof value === 'boolean' ? value : fallback);
  const size = sub('limits').maxFileSizeMB;
  const published = sub('limits').maxPublishedDiagnostics;
  return {
    validateEnable: bool(sub('validate').enable, DEFAULT_SETTINGS.validateEnable),
    inlayHintsEnable: bool(sub('inlayHints').enable, DEFAULT_SETTINGS.inlayHintsEnable),
    codeLensEnable: bool(sub('codeLens').enable, DEFAULT_SETTINGS.codeLensEnable),
    maxFileSizeMB: typeof size === 'number' && Number.isFinite(size) && size >= 1 ? size : DEFAULT_SETTINGS.maxFileSizeMB,
    baseline: typeof section.baseline === 'string' && section.baseline.trim() ? section.baseline.trim() : undefined,
    workers: typeof section.workers === 'number' && Number.isInteger(section.workers) && section.workers >= 0 && section.workers <= 64 ? section.workers : DEFAULT_SETTINGS.workers,
    maxPublishedDiagnostics: typeof published === 'number' && Number.isInteger(published) && published >= 0 ? published : DEFAULT_SETTINGS.maxPublishedDiagnostics,
  };
}

/** Client → server: the workspace's trust changed (it can only become trusted). */
export const WorkspaceTrustNotification = 'incidentRecords/workspaceTrusted';

/** Parameters of the timeline requests: the document and a position inside (or near) the record. */
export interface TimelineParams {
  readonly textDocument: { readonly uri: string };
  readonly position: Position;
}

/**
 * Client → server: the timeline model of the record at (or nearest to) a
 * position, for the timeline preview. `null` when the document is not open on
 * the server or has no record.
 */
export const TimelineRequest = new RequestType<TimelineParams, TimelineModel | null, void>('incidentRecords/timeline');

/**
 * Client → server: the same record's timeline as a Markdown table (time,
 * offset, action, result, error), for "Copy Timeline as Markdown". The server
 * renders it so that the table is the same for every LSP client.
 */
export const TimelineMarkdownRequest = new RequestType<TimelineParams, string | null, void>('incidentRecords/timelineMarkdown');

/**
 * The extension's command that opens the timeline preview, used by the
 * server's "Open Timeline" code lens with arguments `[uri: string, position: Position]`.
 */
export const ShowTimelineCommand = 'incidentRecords.showTimeline';

/** One problem code in a dataset overview, with (up to a limit) the records that have it. */
export interface OverviewProblem {
  readonly code: string;
  readonly name: string;
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
  /** Diagnostics with this code. */
  readonly count: number;
  /** Records with at least one, in document order; at most `OVERVIEW_RECORD_LIMIT`. */
  readonly records: readonly OverviewRecord[];
}

export interface OverviewRecord {
  readonly index: number;
  /** 0-based line where the record starts. */
  readonly line: number;
  readonly title?: string;
  /** Range of the first diagnostic of the code in that record (to reveal it). */
  readonly range: { readonly start: Position; readonly end: Position };
}

export interface DatasetOverview {
  readonly uri: string;
  readonly records: number;
  readonly recordsWithProblems: number;
  readonly byService: Readonly<Record<string, number>>;
  readonly bySeverity: Readonly<Record<string, number>>;
  /** Keys `true`, `false` and `unknown`. */
  readonly bySuccess: Readonly<Record<string, number>>;
  readonly problems: readonly OverviewProblem[];
}

export const OVERVIEW_RECORD_LIMIT = 500;

/**
 * Client → server: a summary of an open dataset (records per service,
 * severity and success; diagnostics per code with the records that have
 * them), for the "Show Dataset Overview" command. `null` when not open.
 */
export const DatasetOverviewRequest = new RequestType<{ readonly textDocument: { readonly uri: string } }, DatasetOverview | null, void>('incidentRecords/datasetOverview');

/** Parameters of `incidentRecords/fixAll`: the document at the version the client sees, optionally one code only. */
export interface FixAllParams extends WorkDoneProgressParams {
  readonly textDocument: { readonly uri: string; readonly version: number };
  /** Fix only the problems of this code ("Fix all IR162 problems in this file"). */
  readonly only?: string;
}

export interface FixAllResult {
  /** One versioned edit for the whole file (one undo), or none when nothing is safe to fix. */
  readonly edit?: WorkspaceEdit;
  readonly applied: number;
  /** Fixes applied per code, for the summary. */
  readonly byCode: Readonly<Record<string, number>>;
}

/**
 * Client → server: every safe fix of a document (or of one code), as one
 * edit, with work-done progress while a large dataset is fixed. `null` when
 * the document is not open on the server or has changed since `version`.
 */
export const FixAllRequest = new RequestType<FixAllParams, FixAllResult | null, void>('incidentRecords/fixAll');

/** What a fix-all changed, for the message that follows it: "Fixed 206 problems: IR004 × 6, IR162 × 200. Undo takes them all back." */
export function fixSummary(result: Pick<FixAllResult, 'applied' | 'byCode'>): string {
  const parts = Object.entries(result.byCode)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, n]) => `${code} × ${n.toLocaleString('en-US')}`);
  return `Fixed ${result.applied.toLocaleString('en-US')} problem${result.applied === 1 ? '' : 's'}: ${parts.join(', ')}. Undo takes them all back.`;
}

/**
 * Client → server: the dataset view of an open document (summary, charts,
 * problem groups and a page of filtered, sorted rows), for the dataset view
 * and any LSP client. `null` when the document is not open on the server.
 */
export const DatasetViewRequest = new RequestType<DatasetViewParams, DatasetView | null, void>('incidentRecords/datasetView');

/**
 * Client → server: the next (or previous) problem of a document from a
 * position, among all of them, beyond the editor's marker limit. `null` when
 * there is none or the document is not open.
 */
export const DatasetProblemRequest = new RequestType<DatasetProblemParams, DatasetProblem | null, void>('incidentRecords/datasetProblem');

/** Server → client: a document's real problem totals, sent with each publish of its diagnostics. */
export const ProblemTotalsNotification = new NotificationType<ProblemTotals>('incidentRecords/problemTotals');

/** Client → server: the ranges of a document on screen, so the problems there are published first when there are more than the editor shows. */
export const VisibleRangesNotification = new NotificationType<VisibleRangesParams>('incidentRecords/visibleRanges');

/** The extension's command that opens the dataset view, with optional arguments `[uri: string]`. */
export const OpenDatasetViewCommand = 'incidentRecords.openDatasetView';

/** Client → server: the dataset card of an open document as Markdown (the CLI's `stats --format markdown`), for "Copy Dataset Card as Markdown". `null` when not open. */
export const DatasetCardRequest = new RequestType<{ readonly textDocument: { readonly uri: string } }, string | null, void>('incidentRecords/datasetCard');
