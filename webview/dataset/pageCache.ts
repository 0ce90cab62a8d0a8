/**
 * The rows the table has, page by page, for one query. Pure (no DOM), so it
 * is unit tested in Node. The table asks `plan` which pages the rows on
 * screen need; the answers come back through `accept`, which drops a page of
 * an older query or an older document version, and forgets the other pages
 * when a newer version arrives (they would show stale rows). At most
 * `maxPages` pages are kept, the least recently used dropped first, so a long
 * scroll through 100,000 rows holds a few thousand at most.
 */
import type { DatasetRow } from '../../common/dataset';
import { DATASET_PAGE_SIZE } from '../../common/datasetMessages';

/** A page of rows as the server answers it. */
export interface RowsPage {
  readonly version: number;
  readonly matching: number;
  readonly offset: number;
  readonly rows: readonly DatasetRow[];
}

/** The rows on screen, plus `margin` rows on each side, for a scroll position. */
export function visibleWindow(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, margin: number): { first: number; last: number } {
  if (count <= 0) {
    return { first: 0, last: -1 };
  }
  const top = Math.max(0, Math.floor(scrollTop / rowHeight));
  const bottom = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / rowHeight) - 1;
  return { first: Math.max(0, top - margin), last: Math.min(count - 1, Math.max(top, bottom) + margin) };
}

export class PageCache {
  private currentKey: string | undefined;
  private currentVersion: number | undefined;
  private count: number | undefined;
  /** Loaded pages by page number, in least-recently-used order. */
  private readonly pages = new Map<number, readonly DatasetRow[]>();
  private readonly pending = new Set<number>();

  constructor(
    readonly pageSize = DATASET_PAGE_SIZE,
    readonly maxPages = 24,
  ) {}

  get key(): string | undefined {
    return this.currentKey;
  }

  get version(): number | undefined {
    return this.currentVersion;
  }

  /** Rows matching the query, once a page of it arrived. */
  get matching(): number | undefined {
    return this.count;
  }

  get loadedPages(): number[] {
    return [...this.pages.keys()].sort((a, b) => a - b);
  }

  /** A new query: nothing is known of it yet. */
  reset(key: string): void {
    this.currentKey = key;
    this.currentVersion = undefined;
    this.count = undefined;
    this.pages.clear();
    this.pending.clear();
  }

  pageOf(row: number): number {
    return Math.floor(row / this.pageSize);
  }

  /** Takes a page in; false when it belongs to another query or an older version (dropped). */
  accept(key: string, page: RowsPage): boolean {
    if (key !== this.currentKey) {
      return false;
    }
    const first = this.pageOf(page.offset);
    this.pending.delete(first);
    if (this.currentVersion !== undefined && page.version < this.currentVersion) {
      return false;
    }
    if (this.currentVersion !== undefined && page.version > this.currentVersion) {
      this.pages.clear();
    }
    this.currentVersion = page.version;
    this.count = page.matching;
    // Pages as the table asks for them start at a page boundary; a restored page may not: keep only whole pages (and the last).
    for (let start = page.offset; start < page.offset + page.rows.length; ) {
      const number = this.pageOf(start);
      const end = Math.min((number + 1) * this.pageSize, page.matching);
      const slice = page.rows.slice(start - page.offset, end - page.offset);
      if (start === number * this.pageSize && slice.length === end - start) {
        this.pages.delete(number);
        this.pages.set(number, slice);
        this.pending.delete(number);
      }
      start = end > start ? end : start + this.pageSize;
    }
    this.evict();
    return true;
  }

  /** The row at an index, if its page is loaded (marking the page as used). */
  row(index: number): DatasetRow | undefined {
    const number = this.pageOf(index);
    const page = this.pages.get(number);
    return page?.[index - number * this.pageSize];
  }

  /** Marks the pages of rows `first`…`last` as used, so eviction keeps them. */
  touch(first: number, last: number): void {
    for (let n = this.pageOf(first); n <= this.pageOf(Math.max(first, last)); n++) {
      const page = this.pages.get(n);
      if (page) {
        this.pages.delete(n);
        this.pages.set(n, page);
      }
    }
  }

  /**
   * The pages rows `first`…`last` need that are neither loaded nor asked for
   * already, marked as asked for. Before the first answer, the row count is
   * unknown: the first page is planned.
   */
  plan(first: number, last: number): number[] {
    const pages: number[] = [];
    const lastRow = this.count === undefined ? Math.max(first, last) : Math.min(last, this.count - 1);
    if (this.count !== undefined && lastRow < first) {
      return pages;
    }
    for (let n = this.pageOf(first); n <= this.pageOf(lastRow); n++) {
      if (!this.pages.has(n) && !this.pending.has(n)) {
        this.pending.add(n);
        pages.push(n);
      }
    }
    return pages;
  }

  /** An asked-for page will not come (the request was lost): plan it again next time. */
  forget(page: number): void {
    this.pending.delete(page);
  }

  /** Marks a page as asked for without planning it (the ready message asks for it). */
  expect(page: number): void {
    if (!this.pages.has(page)) {
      this.pending.add(page);
    }
  }

  private evict(): void {
    while (this.pages.size > this.maxPages) {
      const oldest = this.pages.keys().next().value as number;
      this.pages.delete(oldest);
    }
  }
}
