/**
 * The dataset view's script (bundled to dist/webview/dataset.js). It draws
 * the aggregates the extension sends (summary, pictures, problem groups),
 * and a virtualized table whose pages it asks for as they come into view.
 * It keeps the query, scroll position, focused row and the last page with
 * `setState`, so a hidden-and-shown or reloaded panel comes back as it was.
 * DOM only; all record text goes in as text.
 */
import type { DatasetFilter, DatasetRow, DatasetSortKey, DatasetView } from '../../common/dataset';
import { DATASET_PAGE_SIZE, datasetQueryKey, DatasetQuery, DatasetWebviewState, FromDatasetWebviewMessage, ToDatasetWebviewMessage } from '../../common/datasetMessages';
import { el } from '../dom';
import { FilterChange, renderCharts } from './charts';
import { FilterBar } from './filters';
import { PageCache } from './pageCache';
import { problemStatus, renderGroups, renderHeader, renderSummary } from './summary';
import { DatasetTable, ROW_HEIGHT } from './table';

interface VsCodeApi {
  postMessage(message: FromDatasetWebviewMessage): void;
  getState(): unknown;
  setState(state: DatasetWebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('app') ?? document.body.appendChild(el('main'));

const DEFAULT_QUERY: DatasetQuery = { filter: {}, sort: { key: 'line' } };
/** Sorting by these starts with the largest first: the slowest resolutions and the most problems are what a reviewer looks for. */
const DESCENDING_FIRST: readonly DatasetSortKey[] = ['resolution', 'problems', 'actions'];

function readState(value: unknown): DatasetWebviewState | undefined {
  if (!value || typeof value !== 'object' || typeof (value as DatasetWebviewState).uri !== 'string') {
    return undefined;
  }
  return value as DatasetWebviewState;
}

const saved = readState(vscode.getState());
let uri: string | undefined = saved?.uri;
let name = saved?.name ?? '';
let query: DatasetQuery = saved?.query ?? DEFAULT_QUERY;
/** The last view that carried the aggregates (its rows are not used). */
let aggregates: DatasetView | undefined = saved?.view?.summary ? saved.view : undefined;

const cache = new PageCache();
cache.reset(datasetQueryKey(query));

const status = el('p', 'problem-status');
status.setAttribute('role', 'status');
status.setAttribute('aria-live', 'polite');
const headerSlot = el('div', 'slot-header');
const emptySlot = el('div', 'slot-empty');
const summarySlot = el('div', 'slot-summary');
const chartsSlot = el('div', 'slot-charts');
const groupsSlot = el('div', 'slot-groups');

function post(message: FromDatasetWebviewMessage): void {
  vscode.postMessage(message);
}

function requestPages(pages: number[]): void {
  for (const page of pages) {
    if (uri === undefined) {
      cache.forget(page);
      continue;
    }
    post({ type: 'query', uri, key: cache.key!, query, offset: page * cache.pageSize, limit: cache.pageSize });
  }
}

function reveal(row: Pick<DatasetRow, 'index' | 'range'>, version: number | undefined, focusEditor: boolean): void {
  if (uri !== undefined && version !== undefined) {
    post({ type: 'reveal', uri, version, index: row.index, range: row.range, focusEditor });
  }
}

const filters = new FilterBar(
  () => query.filter,
  (filter) => setQuery({ filter, sort: query.sort }),
);

const table = new DatasetTable({
  cache,
  sort: () => query.sort,
  onSort: (key) => {
    const descending = query.sort.key === key ? !query.sort.descending : DESCENDING_FIRST.includes(key);
    setQuery({ filter: query.filter, sort: { key, descending } });
  },
  onReveal: (row, focusEditor) => reveal(row, cache.version, focusEditor),
  onNeedPages: requestPages,
  onViewportChange: () => scheduleSave(),
});

const tableSection = el('section', 'records', el('h2', '', 'Records'), filters.element, table.element);
tableSection.setAttribute('aria-label', 'Records');
root.replaceChildren(headerSlot, emptySlot, summarySlot, chartsSlot, groupsSlot, tableSection);

function setQuery(next: DatasetQuery, scrollToTable = false): void {
  query = next;
  cache.reset(datasetQueryKey(query));
  filters.sync(query.filter);
  table.updateSort();
  table.restore(0, 0);
  requestPages(cache.plan(0, 0));
  saveState();
  if (scrollToTable) {
    tableSection.scrollIntoView({ block: 'start' });
  }
}

function filterBy(change: FilterChange): void {
  const filter: DatasetFilter = { ...query.filter, ...change };
  setQuery({ filter, sort: query.sort }, true);
}

function renderAggregates(view: DatasetView): void {
  root.classList.remove('is-empty');
  emptySlot.replaceChildren();
  headerSlot.replaceChildren(
    renderHeader(name, view, {
      onProblem: (direction) => uri !== undefined && post({ type: 'goToProblem', uri, direction, ...(query.filter.codes?.length === 1 ? { code: query.filter.codes[0] } : {}) }),
      onCopyCard: () => uri !== undefined && post({ type: 'copyCard', uri }),
    }, status),
  );
  if (!view.summary) {
    return;
  }
  summarySlot.replaceChildren(renderSummary(view.summary));
  chartsSlot.replaceChildren(renderCharts(view.summary, view.charts, filterBy));
  groupsSlot.replaceChildren(
    renderGroups(view.groups ?? [], {
      onFilterCode: (code) => filterBy({ codes: [code] }),
      onGoTo: (group) => reveal(group.first, view.version, false),
    }),
  );
  filters.update(view.summary, view.charts);
  document.title = `Dataset: ${name}`;
}

function renderEmpty(reason: string): void {
  root.classList.add('is-empty');
  emptySlot.replaceChildren(el('div', 'empty', el('p', 'empty-reason', reason)));
  root.setAttribute('aria-busy', 'false');
}

/** The page at the top of the table, with the aggregates: what a reload draws before the extension answers. */
function snapshot(): DatasetView | undefined {
  if (!aggregates) {
    return undefined;
  }
  const page = cache.pageOf(Math.floor(table.scrollTop / ROW_HEIGHT));
  const rows: DatasetRow[] = [];
  for (let i = page * cache.pageSize; i < (page + 1) * cache.pageSize; i++) {
    const row = cache.row(i);
    if (!row) break;
    rows.push(row);
  }
  const { rows: _rows, ...rest } = aggregates;
  void _rows;
  return { ...rest, version: cache.version ?? aggregates.version, matching: cache.matching ?? 0, offset: page * cache.pageSize, rows };
}

function saveState(): void {
  if (uri === undefined) {
    return;
  }
  vscode.setState({ uri, name, query, key: cache.key, scrollTop: table.scrollTop, focusRow: table.focusRow, view: snapshot() });
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleSave(): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveState, 150);
}

function isMessage(data: unknown): data is ToDatasetWebviewMessage {
  const m = data as ToDatasetWebviewMessage | undefined;
  if (!m || typeof m !== 'object' || typeof m.uri !== 'string') {
    return false;
  }
  switch (m.type) {
    case 'dataset':
      return typeof m.key === 'string' && typeof m.view === 'object' && m.view !== null && Array.isArray(m.view.rows);
    case 'empty':
      return typeof m.reason === 'string';
    case 'problem':
      return m.problem === null || typeof m.problem === 'object';
    default:
      return false;
  }
}

function onData(message: Extract<ToDatasetWebviewMessage, { type: 'dataset' }>): void {
  if (message.uri !== uri) {
    // Another document (or the first message): nothing of the old one applies.
    uri = message.uri;
    aggregates = undefined;
    if (message.key !== cache.key) {
      query = DEFAULT_QUERY;
      cache.reset(datasetQueryKey(query));
      filters.sync(query.filter);
      table.updateSort();
    }
  }
  name = message.name;
  root.setAttribute('aria-busy', 'false');
  if (message.view.summary) {
    aggregates = message.view;
    renderAggregates(message.view);
  } else if (root.classList.contains('is-empty') && aggregates) {
    renderAggregates(aggregates);
  }
  if (cache.accept(message.key, message.view)) {
    table.render();
    // (A newer version forgot the other pages: rendering asks for those on screen again.)
    filters.showMatching(cache.matching, aggregates?.summary?.records);
  }
  scheduleSave();
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isMessage(message)) {
    return;
  }
  if (message.type === 'dataset') {
    onData(message);
  } else if (message.type === 'empty') {
    uri = message.uri;
    renderEmpty(message.reason);
  } else if (message.uri === uri) {
    status.textContent = problemStatus(message.problem);
  }
});

if (saved && aggregates) {
  renderAggregates(aggregates);
  if (saved.view && saved.key) {
    cache.accept(saved.key, saved.view);
  }
  filters.sync(query.filter);
  filters.showMatching(cache.matching, aggregates.summary?.records);
}
table.restore(saved?.scrollTop ?? 0, saved?.focusRow ?? 0);
const firstPage = cache.pageOf(Math.floor((saved?.scrollTop ?? 0) / ROW_HEIGHT));
cache.expect(firstPage);
post({ type: 'ready', uri: saved?.uri, query: saved?.query, offset: firstPage * DATASET_PAGE_SIZE, limit: DATASET_PAGE_SIZE });
