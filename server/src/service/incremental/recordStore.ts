/**
 * Per-record results of one document, kept across edits. An edit re-splits
 * only the lines (JSON Lines) or array items it touched and marks just those
 * records for checking; every other record keeps its result, shifted by the
 * edit's length. Dataset rules (IR402) are re-run from the identity keys kept
 * per record. Checking is resumable in slices, so a large document can be
 * checked progressively without blocking the server.
 *
 * Memory: the store keeps two offsets and a small result per record; no
 * position tree and no parsed value outlives the check of its record.
 */
import { LocatedProblem } from '../problems';
import { DocumentFormat, DocumentLayout, DocumentShape, RecordSpan, splitDocument, splitLineRange } from '../parsing/recordSpans';
import { isJsonWhitespace, skipString } from '../parsing/scanner';
import { tolerantArray } from '../parsing/tolerantArray';
import type { ActionCatalog } from '../catalog';
import { checkRecord, RecordResult } from '../recordChecker';
import { StringSource, TextSource } from '../text/chunkedText';

/** One edit, in offsets of the text before it (as an LSP incremental change, converted to offsets). */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface StoreOptions {
  readonly now?: () => number;
  /** The action catalogue with the configuration's own action types; the built-in one by default. */
  readonly catalog?: ActionCatalog;
}

export class RecordStore {
  /** The document's text; a shared source (the server's chunked document) is already current when a change arrives. */
  private text: TextSource = new StringSource('');
  private shape: DocumentShape = 'empty';
  private brokenArray = false;
  private starts: number[] = [];
  private ends: number[] = [];
  private results: (RecordResult | undefined)[] = [];
  private documentProblems: LocatedProblem[] = [];
  /** No record before this index is unchecked. */
  private nextUnchecked = 0;
  /** Records re-split by the last edits (for tests and statistics). */
  lastTouched = 0;
  /** The spans as a layout for per-record features, built on demand and dropped on change. */
  private layoutView: DocumentLayout | undefined;
  /** Bumped by every change, so that a result computed elsewhere for an older text is never kept. */
  private changes = 0;

  constructor(
    readonly format: DocumentFormat,
    text: string | TextSource,
    private readonly options: StoreOptions = {},
  ) {
    this.reset(text);
  }

  /** The whole text as one string (a copy for a chunked source: for tests and whole-document work only). */
  get documentText(): string {
    return this.text.toString();
  }

  /** The text, read by ranges. */
  get source(): TextSource {
    return this.text;
  }

  get documentShape(): DocumentShape {
    return this.shape;
  }

  get isBrokenArray(): boolean {
    return this.brokenArray;
  }

  get size(): number {
    return this.starts.length;
  }

  start(i: number): number {
    return this.starts[i];
  }

  end(i: number): number {
    return this.ends[i];
  }

  result(i: number): RecordResult | undefined {
    return this.results[i];
  }

  get problemsOutsideRecords(): readonly LocatedProblem[] {
    return this.documentProblems;
  }

  /** The current record spans as a `DocumentLayout` (for completion, hover, fixes and the timeline). */
  layout(): DocumentLayout {
    if (!this.layoutView) {
      const spans: RecordSpan[] = new Array(this.starts.length);
      for (let i = 0; i < spans.length; i++) {
        spans[i] = { index: i, start: this.starts[i], end: this.ends[i] };
      }
      this.layoutView = { shape: this.shape, spans, brokenArray: this.brokenArray };
    }
    return this.layoutView;
  }

  /** Splits the whole text again; every record becomes unchecked. */
  reset(source: string | TextSource): void {
    this.layoutView = undefined;
    this.changes++;
    this.text = typeof source === 'string' ? new StringSource(source) : source;
    const text = this.text.toString();
    let layout = splitDocument(text, this.format);
    this.documentProblems = [];
    if (layout.brokenArray) {
      const tolerant = tolerantArray(text);
      layout = { shape: 'array', spans: tolerant.spans, brokenArray: true };
      this.documentProblems = tolerant.problems;
    }
    this.shape = layout.shape;
    this.brokenArray = layout.brokenArray;
    this.starts = layout.spans.map((s) => s.start);
    this.ends = layout.spans.map((s) => s.end);
    this.results = new Array(this.starts.length);
    this.nextUnchecked = 0;
    this.lastTouched = this.starts.length;
  }

  /**
   * Applies one edit, given in offsets of the text before it. `after` is the
   * text after it; without it, the store derives it from its own text. A
   * shared source that already holds the edit is passed as `after`.
   */
  applyChange(change: TextChange, after?: string | TextSource): void {
    this.layoutView = undefined;
    this.changes++;
    let next: TextSource;
    if (after === undefined) {
      const old = this.text.toString();
      next = new StringSource(old.slice(0, change.start) + change.text + old.slice(change.end));
    } else {
      next = typeof after === 'string' ? new StringSource(after) : after;
    }
    const applied =
      this.format === 'jsonl' ? this.applyLineChange(change, next) : this.shape === 'array' && !this.brokenArray && this.applyItemChange(change, next);
    if (!applied) {
      this.reset(next);
    }
  }

  /** Changes since the store was made: results computed for an earlier epoch are refused (`accept`). */
  get epoch(): number {
    return this.changes;
  }

  /**
   * Unchecked records from index `from` on, for checking elsewhere (a worker):
   * at most `maxRecords` of them and about `maxChars` of text, in order.
   */
  takeUnchecked(from: number, maxRecords: number, maxChars: number): { readonly indices: number[]; readonly texts: string[] } {
    const indices: number[] = [];
    const texts: string[] = [];
    let chars = 0;
    for (let i = Math.max(from, this.nextUnchecked); i < this.results.length && indices.length < maxRecords && chars < maxChars; i++) {
      if (!this.results[i]) {
        const text = this.text.slice(this.starts[i], this.ends[i]);
        indices.push(i);
        texts.push(text);
        chars += text.length;
      }
    }
    return { indices, texts };
  }

  /** Keeps a result computed elsewhere for record `index`, unless the text changed since `epoch`. */
  accept(epoch: number, index: number, result: RecordResult): boolean {
    if (epoch !== this.changes || index >= this.results.length || this.results[index]) {
      return false;
    }
    this.results[index] = this.brokenArray && result.problems.some((p) => p.code === 'IR001') ? { ...result, problems: result.problems.filter((p) => p.code !== 'IR001') } : result;
    while (this.nextUnchecked < this.results.length && this.results[this.nextUnchecked]) {
      this.nextUnchecked++;
    }
    return true;
  }

  /** Whether the document is a dataset (its records are checked as dataset entries). */
  get inDataset(): boolean {
    return this.shape !== 'single';
  }

  /** Number of records still to check. */
  get pending(): number {
    let count = 0;
    for (let i = this.nextUnchecked; i < this.results.length; i++) {
      if (!this.results[i]) {
        count++;
      }
    }
    return count;
  }

  /**
   * Checks unchecked records in document order until `shouldYield()` says to
   * stop (it is asked after each record). Returns true when every record is checked.
   */
  checkSome(shouldYield: () => boolean = () => false): boolean {
    const now = (this.options.now ?? Date.now)();
    const inDataset = this.shape !== 'single';
    const suppressSyntax = this.brokenArray;
    for (let i = this.nextUnchecked; i < this.results.length; i++) {
      if (this.results[i]) {
        continue;
      }
      let result = checkRecord(this.text.slice(this.starts[i], this.ends[i]), i, { inDataset, now, catalog: this.options.catalog });
      if (suppressSyntax && result.problems.some((p) => p.code === 'IR001')) {
        // The whole-text parse already reported the syntax error once.
        result = { ...result, problems: result.problems.filter((p) => p.code !== 'IR001') };
      }
      this.results[i] = result;
      this.nextUnchecked = i + 1;
      if (shouldYield()) {
        return this.pending === 0;
      }
    }
    this.nextUnchecked = this.results.length;
    return true;
  }

  private markUnchecked(index: number): void {
    if (index < this.nextUnchecked) {
      this.nextUnchecked = index;
    }
  }

  /** Replaces records [from, to) with new spans (unchecked) and shifts the ones after by `delta`. */
  private splice(from: number, to: number, starts: number[], ends: number[], delta: number): void {
    for (let i = to; i < this.starts.length; i++) {
      this.starts[i] += delta;
      this.ends[i] += delta;
    }
    this.starts.splice(from, to - from, ...starts);
    this.ends.splice(from, to - from, ...ends);
    this.results.splice(from, to - from, ...new Array<RecordResult | undefined>(starts.length));
    // Results carry their record index in diagnostics' data: renumber the shifted ones.
    if (starts.length !== to - from) {
      for (let i = from + starts.length; i < this.results.length; i++) {
        const r = this.results[i];
        if (r && r.index !== i) {
          this.results[i] = reindex(r, i);
        }
      }
    }
    this.markUnchecked(from);
    this.lastTouched = starts.length;
  }

  /** First record whose start is >= offset (binary search). */
  private firstStartingAtOrAfter(offset: number): number {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.starts[mid] < offset) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private applyLineChange(change: TextChange, next: TextSource): boolean {
    // The lines the change touched, in offsets of the text after it (the text before the change is the same).
    const regionStart = next.lineStart(change.start);
    const newRegionEnd = next.lineEnd(change.start + change.text.length);
    const delta = change.text.length - (change.end - change.start);
    const from = this.firstStartingAtOrAfter(regionStart);
    const to = this.firstStartingAtOrAfter(newRegionEnd - delta + 1);
    // Split only the changed lines: read by range, never the whole text.
    const region = next.slice(regionStart, newRegionEnd);
    const starts: number[] = [];
    const ends: number[] = [];
    // A BOM can only be at the very start of the document, i.e. of a region starting at 0.
    splitLineRange(region, 0, region.length, starts, ends, regionStart === 0);
    for (let i = 0; i < starts.length; i++) {
      starts[i] += regionStart;
      ends[i] += regionStart;
    }
    this.text = next;
    this.splice(from, to, starts, ends, delta);
    this.shape = this.starts.length ? 'lines' : 'empty';
    return true;
  }

  private applyItemChange(change: TextChange, next: TextSource): boolean {
    const n = this.starts.length;
    if (n === 0 || change.start < this.starts[0] || change.end > this.ends[n - 1]) {
      return false; // touches the brackets or the outside: split again
    }
    // Items from the last one starting at or before the change to the last one starting before its end.
    const from = Math.max(0, this.firstStartingAtOrAfter(change.start + 1) - 1);
    const to = this.firstStartingAtOrAfter(change.end + 1);
    const delta = change.text.length - (change.end - change.start);
    const regionStart = this.starts[from];
    // Up to the next unchanged item (so the separating comma is seen), or the end of the changed region.
    const oldRegionEnd = to < n ? this.starts[to] : Math.max(this.ends[to - 1], change.end);
    const region = next.slice(regionStart, oldRegionEnd + delta);
    const items = scanItemList(region, 0, region.length, to < n);
    if (!items) {
      return false;
    }
    for (let i = 0; i < items.starts.length; i++) {
      items.starts[i] += regionStart;
      items.ends[i] += regionStart;
    }
    this.text = next;
    this.splice(from, to, items.starts, items.ends, delta);
    return true;
  }
}

/** A result moved to another record index (its problems name the record they belong to). */
export function reindex(result: RecordResult, index: number): RecordResult {
  return {
    ...result,
    index,
    problems: result.problems.map((p) => ({ ...p, data: { ...p.data, recordIndex: index } })),
  };
}

/**
 * Scans text[from, to) as a comma-separated list of array items. With
 * `itemFollows`, the region ends right before an unchanged item, so it must
 * end with a comma; otherwise it ends at the last item, without one. Returns
 * undefined when the region does not hold whole items (unbalanced brackets,
 * an unterminated string, an empty item, a missing or extra comma).
 */
export function scanItemList(text: string, from: number, to: number, itemFollows: boolean): { starts: number[]; ends: number[] } | undefined {
  const starts: number[] = [];
  const ends: number[] = [];
  let depth = 0;
  let itemStart = -1;
  let lastNonWs = -1;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isJsonWhitespace(c)) {
      i++;
      continue;
    }
    if (depth === 0 && itemStart < 0 && c !== 44) {
      itemStart = i;
    }
    if (c === 34) {
      const after = skipString(text, i, to);
      if (after < 0) {
        return undefined;
      }
      i = after;
      lastNonWs = i - 1;
      continue;
    }
    if (c === 123 || c === 91) {
      depth++;
    } else if (c === 125 || c === 93) {
      if (--depth < 0) {
        return undefined;
      }
    } else if (c === 44 && depth === 0) {
      if (itemStart < 0) {
        return undefined; // an empty item: ",,"
      }
      starts.push(itemStart);
      ends.push(lastNonWs + 1);
      itemStart = -1;
      i++;
      continue;
    }
    lastNonWs = i;
    i++;
  }
  if (depth !== 0) {
    return undefined;
  }
  if (itemFollows) {
    // The list must end with the comma before the next item.
    return itemStart < 0 && starts.length > 0 ? { starts, ends } : undefined;
  }
  if (itemStart < 0) {
    return undefined; // a trailing comma before "]"
  }
  starts.push(itemStart);
  ends.push(lastNonWs + 1);
  return { starts, ends };
}
