/**
 * The dataset view's model: one row per record and the dataset's aggregates,
 * updated incrementally. When records are replaced, inserted or removed (as
 * `RecordStore` splices them on an edit), the old rows' contributions are
 * subtracted and the new ones added; nothing is rebuilt. Sorted orders,
 * problem groups' first occurrences and the position index of problems are
 * derived on demand and cached until the next change.
 *
 * Pure: no LSP connection, no document. Where rows are in the document is
 * asked of the caller (`locate`) for the page it returns only.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { DatasetCharts, DatasetProblem, DatasetRow, DatasetSortKey, DatasetSummary, DatasetViewParams, ProblemGroup } from '../../../../common/dataset';
import { formatDuration } from '../util/durations';
import { DatasetAggregates } from './aggregates';
import { ModelRow, pageOf, queryRows, sortedOrder } from './datasetQuery';
import { groupKey, ProblemGroups } from './problemGroups';
import { codesOf, RecordInput, rowFacts, RowProblem, shownTitle, worstOf } from './rowFacts';

/** Where record `index` is in the document. */
export type RecordLocator = (index: number) => Range;

export interface DatasetPage {
  readonly matching: number;
  readonly offset: number;
  readonly rows: DatasetRow[];
}

/** A problem in the position index: record `index` (-1 outside records). */
interface IndexedProblem {
  readonly problem: RowProblem;
  readonly index: number;
}

const SORT_KEYS: ReadonlySet<string> = new Set<DatasetSortKey>(['line', 'title', 'service', 'severity', 'success', 'resolution', 'actions', 'firstAction', 'problems']);

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function makeRow(input: RecordInput): ModelRow {
  return { facts: rowFacts(input), problems: input.problems, worst: worstOf(input.problems), codes: codesOf(input.problems) };
}

export class DatasetModel {
  private rows: ModelRow[] = [];
  private outside: readonly RowProblem[] = [];
  private readonly aggregates = new DatasetAggregates();
  private readonly groupCounts = new ProblemGroups();
  /** Bumped by every change of rows or problems (content); caches are keyed by it. */
  private changes = 0;
  private orders = new Map<string, Int32Array>();
  private firsts: { revision: number; map: Map<string, { index: number; range: Range }> } | undefined;
  private positions: { revision: number; all: IndexedProblem[]; byCode: Map<string, IndexedProblem[]> } | undefined;
  /** Bumped by every change, also when only problems' ranges moved: what is derived from positions is keyed by it. */
  private revision = 0;

  constructor(records: readonly RecordInput[] = []) {
    this.splice(0, 0, records);
  }

  get size(): number {
    return this.rows.length;
  }

  /** Changes of content since the model was made (not counting ranges that only moved). */
  get version(): number {
    return this.changes;
  }

  /** Replaces rows [start, start + deleteCount) with rows for `inserted`. */
  splice(start: number, deleteCount: number, inserted: readonly RecordInput[]): void {
    const from = Math.max(0, Math.min(start, this.rows.length));
    const count = Math.max(0, Math.min(deleteCount, this.rows.length - from));
    if (count === 0 && inserted.length === 0) {
      return;
    }
    for (let i = from; i < from + count; i++) {
      this.contribute(this.rows[i], i, -1);
    }
    const added = inserted.map(makeRow);
    this.rows.splice(from, count, ...added);
    added.forEach((row, k) => this.contribute(row, from + k, 1));
    this.changed();
  }

  /** Replaces the row of record `index`. */
  replace(index: number, input: RecordInput): void {
    this.splice(index, 1, [input]);
  }

  /**
   * Gives record `index` the same problems at new ranges (an edit elsewhere
   * moved them): no aggregate changes, so nothing is subtracted or added.
   * The caller guarantees the codes, severities and messages are the same.
   */
  moveProblems(index: number, problems: readonly RowProblem[]): void {
    const row = this.rows[index];
    if (row && row.problems !== problems) {
      row.problems = problems;
      this.revision++;
    }
  }

  /** The problems that belong to no record (a broken outer array). */
  setOutsideProblems(problems: readonly RowProblem[]): void {
    if (problems === this.outside) {
      return;
    }
    this.aggregates.applyOutside(this.outside, -1);
    this.groupCounts.apply(-1, this.outside, -1);
    this.outside = problems;
    this.aggregates.applyOutside(problems, 1);
    this.groupCounts.apply(-1, problems, 1);
    this.changed();
  }

  /** The same problems outside records at new ranges (see `moveProblems`). */
  moveOutsideProblems(problems: readonly RowProblem[]): void {
    if (problems !== this.outside) {
      this.outside = problems;
      this.revision++;
    }
  }

  /** A row's problems (for comparisons by a caller that syncs the model). */
  problemsOf(index: number): readonly RowProblem[] | undefined {
    return this.rows[index]?.problems;
  }

  get outsideProblems(): readonly RowProblem[] {
    return this.outside;
  }

  private contribute(row: ModelRow, index: number, by: 1 | -1): void {
    this.aggregates.apply(row.facts, row.problems, by);
    this.groupCounts.apply(index, row.problems, by);
  }

  private changed(): void {
    this.changes++;
    this.revision++;
    this.orders.clear();
  }

  summary(): DatasetSummary {
    return this.aggregates.summary();
  }

  charts(): DatasetCharts {
    return this.aggregates.charts();
  }

  /** Problem groups, most frequent first, each with its first occurrence in the document. */
  groups(): ProblemGroup[] {
    return this.groupCounts.list(() => this.firstOccurrences());
  }

  private firstOccurrences(): Map<string, { index: number; range: Range }> {
    if (this.firsts && this.firsts.revision === this.revision) {
      return this.firsts.map;
    }
    const map = new Map<string, { index: number; range: Range }>();
    const wanted = this.groupCounts.size;
    for (const p of this.outside) {
      const key = groupKey(p);
      if (!map.has(key)) {
        map.set(key, { index: -1, range: p.range });
      }
    }
    for (let i = 0; i < this.rows.length && map.size < wanted; i++) {
      for (const p of this.rows[i].problems) {
        const key = groupKey(p);
        if (!map.has(key)) {
          map.set(key, { index: i, range: p.range });
        }
      }
    }
    this.firsts = { revision: this.revision, map };
    return map;
  }

  private order(key: DatasetSortKey, descending: boolean): Int32Array {
    const cacheKey = `${key}:${descending}`;
    let order = this.orders.get(cacheKey);
    if (!order) {
      order = sortedOrder(this.rows, key, descending);
      this.orders.set(cacheKey, order);
    }
    return order;
  }

  /** A page of rows matching `params.filter`, in the order of `params.sort`. */
  query(params: Pick<DatasetViewParams, 'filter' | 'sort' | 'offset' | 'limit'>, locate: RecordLocator): DatasetPage {
    const key: DatasetSortKey = params.sort && SORT_KEYS.has(params.sort.key) ? params.sort.key : 'line';
    const { offset, limit } = pageOf(params.offset, params.limit);
    const { matching, indices } = queryRows(this.rows, this.order(key, !!params.sort?.descending), params.filter, offset, limit);
    return { matching, offset, rows: indices.map((i) => this.datasetRow(i, locate(i))) };
  }

  /** Record `index` as a row of the table. */
  datasetRow(index: number, range: Range): DatasetRow {
    const { facts, problems, worst, codes } = this.rows[index];
    return {
      index,
      line: range.start.line,
      range,
      ...(facts.rawTitle !== undefined ? { title: shownTitle(facts) } : {}),
      ...(facts.service !== undefined ? { service: facts.service } : {}),
      ...(facts.severity !== undefined ? { severity: facts.severity } : {}),
      ...(facts.success !== undefined ? { success: facts.success } : {}),
      ...(facts.resolutionSeconds !== undefined ? { resolutionSeconds: facts.resolutionSeconds, resolutionText: formatDuration(facts.resolutionSeconds) } : {}),
      actions: facts.actions,
      ...(facts.firstActionTime !== undefined ? { firstActionTime: facts.firstActionTime } : {}),
      problems: problems.length,
      ...(worst ? { worst } : {}),
      codes,
      ...(facts.broken ? { broken: true } : {}),
    };
  }

  private positionIndex(): { all: IndexedProblem[]; byCode: Map<string, IndexedProblem[]> } {
    if (this.positions && this.positions.revision === this.revision) {
      return this.positions;
    }
    const all: IndexedProblem[] = this.outside.map((problem) => ({ problem, index: -1 }));
    this.rows.forEach((row, index) => {
      for (const problem of row.problems) {
        all.push({ problem, index });
      }
    });
    // Stable: problems at the same start keep their record order.
    all.sort((a, b) => a.problem.range.start.line - b.problem.range.start.line || a.problem.range.start.character - b.problem.range.start.character);
    const byCode = new Map<string, IndexedProblem[]>();
    for (const entry of all) {
      let list = byCode.get(entry.problem.code);
      if (!list) {
        list = [];
        byCode.set(entry.problem.code, list);
      }
      list.push(entry);
    }
    this.positions = { revision: this.revision, all, byCode };
    return this.positions;
  }

  /**
   * The first problem after `position` (`next`) or the last one before it
   * (`previous`), wrapping around the document; only of `code` when given.
   * Its ordinal counts among the problems considered (of that code, or all).
   */
  problemFrom(position: Position, direction: 'next' | 'previous', code?: string): DatasetProblem | null {
    const index = this.positionIndex();
    const list = code === undefined ? index.all : (index.byCode.get(code) ?? []);
    if (list.length === 0) {
      return null;
    }
    // First entry whose start is after the position.
    let low = 0;
    let high = list.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (before(position, list[mid].problem.range.start)) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    let k: number;
    if (direction === 'next') {
      k = low < list.length ? low : 0;
    } else {
      // Last entry starting strictly before the position.
      let j = low - 1;
      while (j >= 0 && !before(list[j].problem.range.start, position)) {
        j--;
      }
      k = j >= 0 ? j : list.length - 1;
    }
    const { problem, index: recordIndex } = list[k];
    return { code: problem.code, severity: problem.severity, message: problem.message, range: problem.range, index: recordIndex, ordinal: k + 1, total: list.length };
  }
}
