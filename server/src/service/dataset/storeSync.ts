/**
 * Keeps a `DatasetModel` in step with a document's `RecordStore` and the
 * diagnostics published for it. Each sync compares the store's per-record
 * results with those the rows were made from: an unchanged prefix and suffix
 * (a result keeps its identity across edits, and a record moved by an
 * insertion keeps its summary and identity keys), one spliced middle, and
 * rows elsewhere whose published problems changed (IR402 links records far
 * apart) are replaced; rows whose problems only moved get their new ranges.
 * The cost is a comparison per record plus the work of what changed.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ProblemSeverity } from '../../../../common/dataset';
import type { RecordStore } from '../incremental/recordStore';
import type { RecordResult } from '../recordChecker';
import { DatasetModel } from './datasetModel';
import { readBrokenRecord, RecordInput, RowProblem } from './rowFacts';

const SEVERITY_NAMES: readonly ProblemSeverity[] = ['error', 'error', 'warning', 'information', 'hint'];

export function rowProblem(d: Diagnostic): RowProblem {
  return {
    code: String(d.code ?? ''),
    severity: SEVERITY_NAMES[d.severity ?? 1] ?? 'error',
    message: typeof d.message === 'string' ? d.message : String(d.message),
    range: d.range,
  };
}

/** The published diagnostics per record index (by `data.recordIndex`), and those outside records. */
export function problemsByRecord(diagnostics: readonly Diagnostic[], size: number): { byRecord: RowProblem[][]; outside: RowProblem[] } {
  const byRecord: RowProblem[][] = new Array(size);
  const outside: RowProblem[] = [];
  for (const d of diagnostics) {
    const index = (d.data as { recordIndex?: unknown } | undefined)?.recordIndex;
    if (typeof index === 'number' && index >= 0 && index < size) {
      (byRecord[index] ??= []).push(rowProblem(d));
    } else {
      outside.push(rowProblem(d));
    }
  }
  return { byRecord, outside };
}

/** Two results are of the same check of the same text (a shifted record is re-indexed, but keeps its summary and identity keys). */
function sameOrigin(a: RecordResult | undefined, b: RecordResult | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.identityKeys === b.identityKeys && a.summary === b.summary);
}

/** The same problems, wherever they are now. */
function sameProblems(a: readonly RowProblem[] | undefined, b: readonly RowProblem[]): boolean {
  if (!a || a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < b.length; i++) {
    if (a[i].code !== b[i].code || a[i].severity !== b[i].severity || a[i].message !== b[i].message) {
      return false;
    }
  }
  return true;
}

const NO_PROBLEMS: readonly RowProblem[] = [];

export class DatasetTracker {
  readonly model = new DatasetModel();
  /** The store results the rows were made from, by index. */
  private origins: (RecordResult | undefined)[] = [];
  /** The store epoch and document version of the last sync. */
  epoch = -1;
  version = 0;
  /** The store synced last: a new store (the text was split again) is synced from scratch. */
  private store: RecordStore | undefined;

  /** What the model holds for record `index` of `store` with these problems. */
  private inputOf(store: RecordStore, index: number, problems: readonly RowProblem[]): RecordInput {
    const result = store.result(index);
    if (!result) {
      return { problems, unchecked: true };
    }
    if (!result.summary && problems.some((p) => p.code === 'IR001')) {
      return { problems, partial: readBrokenRecord(store.source.slice(store.start(index), store.end(index))) };
    }
    return { summary: result.summary, problems };
  }

  /** Brings the model up to `store` and the `diagnostics` just computed for it (severities as published). */
  sync(store: RecordStore, diagnostics: readonly Diagnostic[], version: number): void {
    const size = store.size;
    const { byRecord, outside } = problemsByRecord(diagnostics, size);
    const problemsAt = (i: number): readonly RowProblem[] => byRecord[i] ?? NO_PROBLEMS;
    const model = this.model;
    if (this.store !== store) {
      this.store = store;
      this.origins = [];
      model.splice(0, model.size, []);
    }
    const old = this.origins;
    const oldSize = old.length;
    let prefix = 0;
    while (prefix < oldSize && prefix < size && sameOrigin(old[prefix], store.result(prefix))) {
      prefix++;
    }
    let suffix = 0;
    while (suffix < oldSize - prefix && suffix < size - prefix && sameOrigin(old[oldSize - 1 - suffix], store.result(size - 1 - suffix))) {
      suffix++;
    }
    if (oldSize === size) {
      // As many records as before (edits inside records): only those whose result changed are replaced.
      for (let i = prefix; i < size - suffix; i++) {
        if (!sameOrigin(old[i], store.result(i))) {
          model.replace(i, this.inputOf(store, i, problemsAt(i)));
        }
      }
    } else {
      const inserted: RecordInput[] = [];
      for (let i = prefix; i < size - suffix; i++) {
        inserted.push(this.inputOf(store, i, problemsAt(i)));
      }
      model.splice(prefix, oldSize - prefix - suffix, inserted);
    }
    const origins: (RecordResult | undefined)[] = new Array(size);
    for (let i = 0; i < size; i++) {
      origins[i] = store.result(i);
    }
    this.origins = origins;
    // Rows kept as they were: their problems may have changed (IR402 elsewhere) or only moved.
    const keep = (i: number) => {
      const problems = problemsAt(i);
      if (sameProblems(model.problemsOf(i), problems)) {
        model.moveProblems(i, problems);
      } else {
        model.replace(i, this.inputOf(store, i, problems));
      }
    };
    for (let i = 0; i < size; i++) {
      if (i < prefix || i >= size - suffix || (oldSize === size && sameOrigin(old[i], origins[i]))) {
        keep(i);
      }
    }
    if (sameProblems(model.outsideProblems, outside)) {
      model.moveOutsideProblems(outside);
    } else {
      model.setOutsideProblems(outside);
    }
    this.epoch = store.epoch;
    this.version = version;
  }

  /** Whether every record of `store` is checked and in the model. */
  complete(store: RecordStore): boolean {
    return this.store === store && this.epoch === store.epoch && store.pending === 0;
  }
}
