/**
 * The records table: an ARIA grid of fixed-height rows, virtualized. Only the
 * rows on screen (plus a margin, plus the focused row) are in the DOM, placed
 * by CSSOM at `index × ROW_HEIGHT` inside a canvas as tall as every row
 * together, so 100,000 rows scroll with a bounded DOM. Rows come from the
 * `PageCache`; missing pages are asked for (debounced) and drawn as
 * placeholders until they arrive.
 *
 * Keyboard: one row holds the tab stop (roving tabindex); arrows, Page
 * Up/Down, Home and End move it; Enter reveals the record in the editor.
 */
import type { DatasetRow, DatasetSortKey } from '../../common/dataset';
import type { DatasetSort } from '../../common/datasetMessages';
import { decoration, el, text } from '../dom';
import { count, PROBLEM_LABELS, severityClass } from './format';
import { PageCache, visibleWindow } from './pageCache';

export const ROW_HEIGHT = 26;
/** Rows drawn beyond each edge of the viewport, so a small scroll shows rows at once. */
export const ROW_MARGIN = 8;
const FETCH_DELAY_MS = 40;

interface Column {
  readonly key: DatasetSortKey;
  readonly label: string;
  readonly className: string;
  cell(row: DatasetRow): Node;
}

const dash = () => decoration('span', 'none', '—');

function value(v: string | undefined, className = 'value'): Node {
  return v === undefined || v === '' ? dash() : text('span', className, v);
}

const COLUMNS: readonly Column[] = [
  { key: 'line', label: 'Line', className: 'col-line', cell: (r) => text('span', 'num', String(r.line + 1)) },
  {
    key: 'title',
    label: 'Title',
    className: 'col-title',
    cell: (r) =>
      r.broken
        ? el('span', 'broken-title', text('span', 'badge badge-error', 'IR001'), text('span', 'value', r.title ?? 'Not valid JSON: only what could be read is shown'))
        : value(r.title ?? undefined),
  },
  { key: 'service', label: 'Service', className: 'col-service', cell: (r) => value(r.service) },
  {
    key: 'severity',
    label: 'Severity',
    className: 'col-severity',
    cell: (r) => (r.severity === undefined ? dash() : el('span', `severity ${severityClass(r.severity)}`, decoration('span', 'swatch', '●'), text('span', 'value', r.severity))),
  },
  {
    key: 'success',
    label: 'Success',
    className: 'col-success',
    cell: (r) => (r.success === undefined ? dash() : r.success ? text('span', 'success-true', '✓ yes') : text('span', 'success-false', '✕ no')),
  },
  { key: 'resolution', label: 'Resolution', className: 'col-resolution', cell: (r) => value(r.resolutionText) },
  { key: 'actions', label: 'Actions', className: 'col-actions', cell: (r) => text('span', 'num', count(r.actions)) },
  { key: 'firstAction', label: 'First action', className: 'col-first', cell: (r) => value(r.firstActionTime, 'value mono') },
  {
    key: 'problems',
    label: 'Problems',
    className: 'col-problems',
    cell: (r) => {
      if (r.problems === 0) {
        return decoration('span', 'none', '—');
      }
      const worst = r.worst ? PROBLEM_LABELS[r.worst] : undefined;
      const node = el('span', `problem-count worst-${r.worst ?? 'none'}`, worst && decoration('span', 'problem-icon', worst.icon), text('span', 'num', count(r.problems)), text('span', 'visually-hidden', ` ${r.problems === 1 ? 'problem' : 'problems'}${worst ? `, worst ${worst.label}` : ''}`));
      node.title = r.codes.join(', ');
      return node;
    },
  },
];

export interface TableHost {
  readonly cache: PageCache;
  sort(): DatasetSort;
  onSort(key: DatasetSortKey): void;
  onReveal(row: DatasetRow, focusEditor: boolean): void;
  onNeedPages(pages: number[]): void;
  onViewportChange(scrollTop: number, focusRow: number): void;
}

export class DatasetTable {
  readonly element: HTMLElement;
  private readonly grid: HTMLElement;
  private readonly body: HTMLElement;
  private readonly canvas: HTMLElement;
  private readonly message: HTMLElement;
  private readonly headers = new Map<DatasetSortKey, HTMLElement>();
  private readonly drawn = new Map<number, { element: HTMLElement; row: DatasetRow | undefined }>();
  private focusIndex = 0;
  private fetchTimer: ReturnType<typeof setTimeout> | undefined;
  private frame = 0;

  constructor(private readonly host: TableHost) {
    const headerRow = el('div', 'grid-row grid-header-row', ...COLUMNS.map((c) => this.header(c)));
    headerRow.setAttribute('role', 'row');
    headerRow.setAttribute('aria-rowindex', '1');
    const head = el('div', 'grid-head', headerRow);
    head.setAttribute('role', 'rowgroup');
    this.canvas = el('div', 'grid-canvas');
    this.message = el('div', 'grid-message');
    this.message.setAttribute('role', 'status');
    this.body = el('div', 'grid-body', this.canvas);
    this.body.setAttribute('role', 'rowgroup');
    this.grid = el('div', 'grid', head, this.body);
    this.grid.setAttribute('role', 'grid');
    this.grid.setAttribute('aria-label', 'Records');
    this.grid.setAttribute('aria-colcount', String(COLUMNS.length));
    this.grid.setAttribute('aria-readonly', 'true');
    this.element = el('div', 'grid-scroll', this.grid, this.message);
    this.body.addEventListener('scroll', () => this.onScroll());
    this.body.addEventListener('keydown', (event) => this.onKey(event));
    this.body.addEventListener('click', (event) => this.onClick(event, false));
    this.body.addEventListener('dblclick', (event) => this.onClick(event, true));
    this.updateSort();
  }

  get focusRow(): number {
    return this.focusIndex;
  }

  get scrollTop(): number {
    return this.body.scrollTop;
  }

  /** Back to a saved place (after a reload, or a new query from the top). */
  restore(scrollTop: number, focusRow: number): void {
    this.focusIndex = Math.max(0, focusRow);
    this.render();
    this.body.scrollTop = scrollTop;
    this.render();
  }

  updateSort(): void {
    const sort = this.host.sort();
    for (const [key, header] of this.headers) {
      header.setAttribute('aria-sort', key === sort.key ? (sort.descending ? 'descending' : 'ascending') : 'none');
      header.querySelector('.sort-mark')!.textContent = key === sort.key ? (sort.descending ? '▼' : '▲') : '';
    }
  }

  private header(column: Column): HTMLElement {
    const button = el('button', 'sort', text('span', 'label', column.label), decoration('span', 'sort-mark', ''));
    button.type = 'button';
    button.title = `Sort by ${column.label.toLowerCase()}`;
    button.addEventListener('click', () => this.host.onSort(column.key));
    const cell = el('div', `cell ${column.className}`, button);
    cell.setAttribute('role', 'columnheader');
    this.headers.set(column.key, cell);
    return cell;
  }

  /** Draws the rows in view from the cache (call after data arrived or the query changed). */
  render(): void {
    const matching = this.host.cache.matching;
    const n = matching ?? 0;
    this.grid.setAttribute('aria-rowcount', String(n + 1));
    this.canvas.style.height = `${n * ROW_HEIGHT}px`;
    this.message.textContent = matching === undefined ? 'Loading records…' : n === 0 ? 'No records match the filters.' : '';
    this.message.hidden = this.message.textContent === '';
    this.focusIndex = Math.max(0, Math.min(this.focusIndex, n - 1));
    const { first, last } = visibleWindow(this.body.scrollTop, this.body.clientHeight, ROW_HEIGHT, n, ROW_MARGIN);
    this.host.cache.touch(first, last);
    const wanted = new Set<number>();
    for (let i = first; i <= last; i++) wanted.add(i);
    if (n > 0) wanted.add(this.focusIndex);
    for (const [index, drawn] of this.drawn) {
      if (!wanted.has(index)) {
        drawn.element.remove();
        this.drawn.delete(index);
      }
    }
    for (const index of wanted) {
      const row = this.host.cache.row(index);
      const drawn = this.drawn.get(index);
      if (drawn && drawn.row === row) {
        this.setTabStop(drawn.element, index);
        continue;
      }
      const element = this.renderRow(index, row);
      const hadFocus = drawn !== undefined && drawn.element === document.activeElement;
      if (drawn) drawn.element.replaceWith(element);
      else this.canvas.append(element);
      this.drawn.set(index, { element, row });
      if (hadFocus) element.focus({ preventScroll: true });
    }
    this.scheduleFetch(first, matching === undefined ? first : last);
  }

  private setTabStop(element: HTMLElement, index: number): void {
    element.tabIndex = index === this.focusIndex ? 0 : -1;
  }

  private renderRow(index: number, row: DatasetRow | undefined): HTMLElement {
    const element = row
      ? el('div', `grid-row row${row.broken ? ' broken' : ''}${row.problems ? ` has-${row.worst ?? 'problem'}` : ''}`, ...COLUMNS.map((c) => this.cell(c, row)))
      : el('div', 'grid-row row placeholder', text('div', 'cell loading', 'Loading…'));
    element.setAttribute('role', 'row');
    element.setAttribute('aria-rowindex', String(index + 2));
    element.dataset.row = String(index);
    if (!row) element.setAttribute('aria-busy', 'true');
    element.style.top = `${index * ROW_HEIGHT}px`;
    this.setTabStop(element, index);
    return element;
  }

  private cell(column: Column, row: DatasetRow): HTMLElement {
    const cell = el('div', `cell ${column.className}`, column.cell(row));
    cell.setAttribute('role', 'gridcell');
    return cell;
  }

  private scheduleFetch(first: number, last: number): void {
    clearTimeout(this.fetchTimer);
    this.fetchTimer = setTimeout(() => {
      const pages = this.host.cache.plan(first, last);
      if (pages.length) this.host.onNeedPages(pages);
    }, FETCH_DELAY_MS);
  }

  private onScroll(): void {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      this.render();
      this.host.onViewportChange(this.body.scrollTop, this.focusIndex);
    });
  }

  /** Moves the tab stop (and the focus) to a row, scrolling it into view. */
  focus(index: number): void {
    const n = this.host.cache.matching ?? 0;
    if (n === 0) return;
    this.focusIndex = Math.max(0, Math.min(n - 1, index));
    const top = this.focusIndex * ROW_HEIGHT;
    if (top < this.body.scrollTop) {
      this.body.scrollTop = top;
    } else if (top + ROW_HEIGHT > this.body.scrollTop + this.body.clientHeight) {
      this.body.scrollTop = top + ROW_HEIGHT - this.body.clientHeight;
    }
    this.render();
    for (const [i, drawn] of this.drawn) this.setTabStop(drawn.element, i);
    this.drawn.get(this.focusIndex)?.element.focus({ preventScroll: true });
    this.host.onViewportChange(this.body.scrollTop, this.focusIndex);
  }

  private onKey(event: KeyboardEvent): void {
    const target = (event.target as Element | null)?.closest<HTMLElement>('[role="row"]');
    if (!target || target.dataset.row === undefined) return;
    const at = Number(target.dataset.row);
    const pageRows = Math.max(1, Math.floor(this.body.clientHeight / ROW_HEIGHT) - 1);
    const n = this.host.cache.matching ?? 0;
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, PageDown: at + pageRows, PageUp: at - pageRows, Home: 0, End: n - 1 };
    if (event.key in moves) {
      event.preventDefault();
      this.focus(moves[event.key]);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const row = this.host.cache.row(at);
      if (row) this.host.onReveal(row, event.ctrlKey || event.metaKey);
    }
  }

  private onClick(event: MouseEvent, focusEditor: boolean): void {
    const target = (event.target as Element | null)?.closest<HTMLElement>('[role="row"]');
    if (!target || target.dataset.row === undefined || window.getSelection()?.toString()) return;
    const index = Number(target.dataset.row);
    this.focus(index);
    const row = this.host.cache.row(index);
    if (row) this.host.onReveal(row, focusEditor);
  }
}
