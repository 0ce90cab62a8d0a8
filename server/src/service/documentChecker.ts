/**
 * Checks a whole document: splits it into records, checks each record, runs
 * the dataset rules across them, and turns the results into LSP diagnostics.
 */
import { Diagnostic, DiagnosticSeverity, Position, Range } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE, RuleInfo, SeveritySetting, ruleDocUrl, ruleInfo } from '../../../common/diagnosticCodes';
import { DocumentFormat, DocumentLayout } from './parsing/recordSpans';
import type { ActionCatalog } from './catalog';
import { RecordStore } from './incremental/recordStore';
import { LocatedProblem } from './problems';
import { LineIndex } from './util/lineIndex';
import type { RecordResult } from './recordChecker';
import { duplicateRecordProblems, RecordLocator } from './rules/datasets/duplicateRecord';

export interface DocumentCheck {
  readonly format: DocumentFormat;
  readonly layout: DocumentLayout;
  /** One result per span of `layout`, in the same order. */
  readonly records: readonly RecordResult[];
  /** Problems that belong to no single record (a broken outer array), with absolute offsets. */
  readonly documentProblems: readonly LocatedProblem[];
}

export interface CheckOptions {
  readonly now?: number;
  /** The action catalogue with the configuration's own action types; the built-in one by default. */
  readonly catalog?: ActionCatalog;
}

/** Checks every record of a document. */
export function checkDocument(text: string, format: DocumentFormat, options: CheckOptions = {}): DocumentCheck {
  const now = options.now ?? Date.now();
  const store = new RecordStore(format, text, { now: () => now, catalog: options.catalog });
  store.checkSome();
  return documentCheckOf(store, format);
}

/** Checks a batch of records elsewhere (a pool of workers): their texts, the first one's index, whether they are dataset entries, the clock. */
export type BatchChecker = (batch: { readonly texts: readonly string[]; readonly firstIndex: number; readonly indices: readonly number[]; readonly inDataset: boolean; readonly now: number }) => Promise<readonly RecordResult[]>;

/** Records checked together by a `BatchChecker`. */
const BATCH_RECORDS = 256;
const BATCH_CHARS = 1 << 20;

/**
 * `checkDocument` with the records checked by `checkBatches` (worker
 * threads), several batches at once; the result is the same.
 */
export async function checkDocumentInBatches(text: string, format: DocumentFormat, checkBatches: BatchChecker, options: CheckOptions & { readonly parallel?: number } = {}): Promise<DocumentCheck> {
  const now = options.now ?? Date.now();
  const store = new RecordStore(format, text, { now: () => now, catalog: options.catalog });
  const epoch = store.epoch;
  const inFlight: Promise<void>[] = [];
  let from = 0;
  for (;;) {
    const { indices, texts } = store.takeUnchecked(from, BATCH_RECORDS, BATCH_CHARS);
    if (indices.length === 0) {
      break;
    }
    from = indices[indices.length - 1] + 1;
    inFlight.push(
      checkBatches({ texts, firstIndex: indices[0], indices, inDataset: store.inDataset, now }).then((results) => {
        results.forEach((result, i) => store.accept(epoch, indices[i], { ...result, index: indices[i] }));
      }),
    );
    if (inFlight.length >= (options.parallel ?? 4)) {
      await inFlight.shift();
    }
  }
  await Promise.all(inFlight);
  store.checkSome(); // anything a batch did not answer
  return documentCheckOf(store, format);
}

function documentCheckOf(store: RecordStore, format: DocumentFormat): DocumentCheck {
  const records = withDatasetProblems(store);
  const spans = records.map((r) => ({ index: r.index, start: store.start(r.index), end: store.end(r.index) }));
  return {
    format,
    layout: { shape: store.documentShape, spans, brokenArray: store.isBrokenArray },
    records,
    documentProblems: store.problemsOutsideRecords,
  };
}

/** Where a record is, for messages: "line 12" in JSON Lines, "item 3 (line 40)" in an array. */
function recordLocator(store: RecordStore, lineAt?: (offset: number) => number): RecordLocator {
  let lines: LineIndex | undefined;
  const lineOf = (index: number): number => (lineAt ? lineAt(store.start(index)) : (lines ??= new LineIndex(store.documentText)).lineAt(store.start(index))) + 1;
  return store.documentShape === 'lines' ? (i) => `line ${lineOf(i)}` : (i) => `item ${i + 1} (line ${lineOf(i)})`;
}

/** The checked records' results with the dataset rules' problems added (unchecked records are absent). */
export function withDatasetProblems(store: RecordStore, lineAt?: (offset: number) => number): RecordResult[] {
  const records: RecordResult[] = [];
  for (let i = 0; i < store.size; i++) {
    const r = store.result(i);
    if (r) {
      records.push(r);
    }
  }
  if (store.documentShape === 'single' || store.documentShape === 'empty') {
    return records;
  }
  const duplicates = duplicateRecordProblems(store.source, store, recordLocator(store, lineAt));
  if (duplicates.size === 0) {
    return records;
  }
  return records.map((record) => {
    const extra = duplicates.get(record.index);
    return extra ? { ...record, problems: [...record.problems, ...extra] } : record;
  });
}

/** Adjusts each diagnostic as it is made, knowing the record it belongs to (undefined outside records); e.g. the editor's baseline. */
export type DiagnosticMarker = (diagnostic: Diagnostic, record: RecordResult | undefined) => Diagnostic;

/**
 * Diagnostics of the records checked so far in a store (for progressive and
 * incremental publishing), with dataset rules applied across them.
 */
export function storeDiagnostics(store: RecordStore, positionAt: (offset: number) => Position, severityOf: SeverityResolver = defaultSeverities, mark?: DiagnosticMarker): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const problem of store.problemsOutsideRecords) {
    pushDiagnostic(out, problem, 0, positionAt, severityOf, mark, undefined);
  }
  for (const record of withDatasetProblems(store, (offset) => positionAt(offset).line)) {
    const base = store.start(record.index);
    for (const problem of record.problems) {
      pushDiagnostic(out, problem, base, positionAt, severityOf, mark, record);
    }
  }
  return out;
}

function pushDiagnostic(
  out: Diagnostic[],
  problem: LocatedProblem,
  base: number,
  positionAt: (offset: number) => Position,
  severityOf: SeverityResolver,
  mark?: DiagnosticMarker,
  record?: RecordResult,
): void {
  const severity = severityOf(problem.code);
  if (severity !== 'off') {
    const diagnostic = makeDiagnostic(problem, { start: positionAt(base + problem.start), end: positionAt(base + problem.end) }, severity);
    out.push(mark ? mark(diagnostic, record) : diagnostic);
  }
}

const SEVERITY: Record<Exclude<SeveritySetting, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Decides the severity of a code for one file (from configuration); `off` drops the diagnostic. */
export type SeverityResolver = (code: string) => SeveritySetting;

export const defaultSeverities: SeverityResolver = (code) => ruleInfo(code)?.defaultSeverity ?? 'error';

export function makeDiagnostic(problem: LocatedProblem, range: Range, severity: Exclude<SeveritySetting, 'off'>): Diagnostic {
  const info: RuleInfo | undefined = ruleInfo(problem.code);
  const diagnostic: Diagnostic = {
    range,
    severity: SEVERITY[severity],
    code: problem.code,
    source: DIAGNOSTIC_SOURCE,
    message: problem.message,
    data: problem.data,
  };
  if (info) {
    diagnostic.codeDescription = { href: ruleDocUrl(problem.code) };
  }
  return diagnostic;
}

/** Converts a document check into diagnostics; `positionAt` maps absolute offsets to positions. */
export function toDiagnostics(check: DocumentCheck, positionAt: (offset: number) => Position, severityOf: SeverityResolver = defaultSeverities): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const problem of check.documentProblems) {
    pushDiagnostic(out, problem, 0, positionAt, severityOf);
  }
  check.records.forEach((record, i) => {
    const base = check.layout.spans[i].start;
    for (const problem of record.problems) {
      pushDiagnostic(out, problem, base, positionAt, severityOf);
    }
  });
  return out;
}
