/**
 * The dataset panel's pure logic, apart from `vscode` so that it is unit
 * tested in Node: checking what the webview posts (it is a web page: its
 * messages are input, not trusted), and planning the `DatasetViewRequest`s.
 *
 * The planner sends the aggregates (summary, charts, groups) once per
 * document version and rows only after that, and remembers the page the
 * webview last asked for, so a live refresh re-requests the aggregates and
 * that one page, never every row.
 */
import type { DatasetFilter, DatasetSortKey, DatasetView, DatasetViewParams, ProblemSeverity, SuccessKey } from '../../../common/dataset';
import { DATASET_MAX_LIMIT, DATASET_PAGE_SIZE, datasetQueryKey, DatasetQuery, FromDatasetWebviewMessage } from '../../../common/datasetMessages';

const SORT_KEYS: readonly DatasetSortKey[] = ['line', 'title', 'service', 'severity', 'success', 'resolution', 'actions', 'firstAction', 'problems'];
const SUCCESS_KEYS: readonly SuccessKey[] = ['true', 'false', 'unknown'];
const WORST: readonly (ProblemSeverity | 'none')[] = ['error', 'warning', 'information', 'hint', 'none'];
const MAX_VALUES = 200;
const MAX_TEXT = 500;

function strings(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  const list = value.filter((v): v is string => typeof v === 'string' && v.length <= MAX_TEXT).slice(0, MAX_VALUES);
  return list.length ? list : undefined;
}

/** The query as the server may see it: known fields of the right types only. */
export function sanitiseQuery(value: unknown): DatasetQuery {
  const raw = (value && typeof value === 'object' ? value : {}) as { filter?: Record<string, unknown>; sort?: Record<string, unknown> };
  const f = raw.filter && typeof raw.filter === 'object' ? raw.filter : {};
  const filter: { -readonly [K in keyof DatasetFilter]: DatasetFilter[K] } = {};
  const services = strings(f.services);
  const severities = strings(f.severities);
  const success = strings(f.success)?.filter((s): s is SuccessKey => (SUCCESS_KEYS as readonly string[]).includes(s));
  const codes = strings(f.codes);
  if (services) filter.services = services;
  if (severities) filter.severities = severities;
  if (success?.length) filter.success = success;
  if (codes) filter.codes = codes;
  if (typeof f.worst === 'string' && (WORST as readonly string[]).includes(f.worst)) filter.worst = f.worst as ProblemSeverity | 'none';
  if (typeof f.text === 'string' && f.text.trim()) filter.text = f.text.slice(0, MAX_TEXT);
  const s = raw.sort && typeof raw.sort === 'object' ? raw.sort : {};
  const key = typeof s.key === 'string' && (SORT_KEYS as readonly string[]).includes(s.key) ? (s.key as DatasetSortKey) : 'line';
  return { filter, sort: { key, descending: s.descending === true } };
}

function page(offset: unknown, limit: unknown): { offset: number; limit: number } {
  const o = typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : 0;
  const l = typeof limit === 'number' && Number.isInteger(limit) && limit > 0 ? Math.min(limit, DATASET_MAX_LIMIT) : DATASET_PAGE_SIZE;
  return { offset: o, limit: l };
}

function isRange(value: unknown): boolean {
  const r = value as { start?: { line?: unknown; character?: unknown }; end?: { line?: unknown; character?: unknown } } | undefined;
  const pos = (p: { line?: unknown; character?: unknown } | undefined) => !!p && Number.isInteger(p.line) && Number.isInteger(p.character) && (p.line as number) >= 0 && (p.character as number) >= 0;
  return !!r && typeof r === 'object' && pos(r.start) && pos(r.end);
}

/** A message from the webview, checked and normalised; undefined when it is not one. */
export function readWebviewMessage(value: unknown): FromDatasetWebviewMessage | undefined {
  const m = value as Record<string, unknown> | undefined;
  if (!m || typeof m !== 'object' || typeof m.type !== 'string') {
    return undefined;
  }
  const uri = typeof m.uri === 'string' ? m.uri : undefined;
  switch (m.type) {
    case 'ready': {
      if (m.uri !== undefined && uri === undefined) return undefined;
      const query = m.query === undefined ? undefined : sanitiseQuery(m.query);
      return { type: 'ready', uri, query, key: query ? datasetQueryKey(query) : undefined, ...page(m.offset, m.limit) };
    }
    case 'query': {
      if (uri === undefined || typeof m.key !== 'string') return undefined;
      const query = sanitiseQuery(m.query);
      return { type: 'query', uri, key: m.key, query, ...page(m.offset, m.limit) };
    }
    case 'reveal':
      if (uri === undefined || typeof m.version !== 'number' || !Number.isInteger(m.index) || !isRange(m.range)) return undefined;
      return { type: 'reveal', uri, version: m.version, index: m.index as number, range: m.range as never, focusEditor: m.focusEditor === true };
    case 'goToProblem':
      if (uri === undefined || (m.direction !== 'next' && m.direction !== 'previous')) return undefined;
      return { type: 'goToProblem', uri, direction: m.direction, code: typeof m.code === 'string' && m.code.length <= 20 ? m.code : undefined };
    case 'copyCard':
      return uri === undefined ? undefined : { type: 'copyCard', uri };
    default:
      return undefined;
  }
}

/** The page of one query the webview asked for last. */
export interface PageRequest {
  readonly key: string;
  readonly query: DatasetQuery;
  readonly offset: number;
  readonly limit: number;
}

/** Decides what each `DatasetViewRequest` asks for. One per panel. */
export class DatasetRequestPlanner {
  /** The document version whose aggregates the webview has. */
  private aggregatesVersion: number | undefined;
  private last: PageRequest | undefined;

  /** The page a live refresh re-requests. */
  get current(): PageRequest | undefined {
    return this.last;
  }

  /** The webview was (re)loaded: it has no aggregates any more. */
  reset(page?: PageRequest): void {
    this.aggregatesVersion = undefined;
    if (page) {
      this.last = page;
    }
  }

  /** Parameters for a page the webview asked for, at the document's `version`: rows only when its aggregates are of that version. */
  params(uri: string, version: number, request: PageRequest): DatasetViewParams {
    this.last = request;
    return this.toParams(uri, request, this.aggregatesVersion === version);
  }

  /** Parameters of a live refresh: the aggregates and the last page (the first page of the default query if none was asked for yet). */
  refresh(uri: string): { params: DatasetViewParams; key: string } {
    const request = this.last ?? defaultPage();
    return { params: this.toParams(uri, request, false), key: request.key };
  }

  /**
   * Records a response. Returns true when the webview now holds rows newer
   * than its aggregates (the document changed while a rows-only request ran):
   * the caller refreshes.
   */
  received(view: DatasetView): boolean {
    if (view.summary) {
      this.aggregatesVersion = view.version;
      return false;
    }
    return view.version !== this.aggregatesVersion;
  }

  private toParams(uri: string, request: PageRequest, rowsOnly: boolean): DatasetViewParams {
    return {
      textDocument: { uri },
      filter: request.query.filter,
      sort: request.query.sort,
      offset: request.offset,
      limit: Math.min(request.limit, DATASET_MAX_LIMIT),
      ...(rowsOnly ? { rowsOnly: true } : {}),
    };
  }
}

export function defaultPage(): PageRequest {
  const query: DatasetQuery = { filter: {}, sort: { key: 'line' } };
  return { key: datasetQueryKey(query), query, offset: 0, limit: DATASET_PAGE_SIZE };
}
