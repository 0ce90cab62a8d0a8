/**
 * Checks a whole document: splits it into records, checks each record, runs
 * the dataset rules across them, and turns the results into LSP diagnostics.
 */
import { Diagnostic, DiagnosticSeverity, Position, Range } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE, RuleInfo, SeveritySetting, ruleDocUrl, ruleInfo } from '../../../common/diagnosticCodes';
import { parseRecordTree } from './parsing/locator';
import { DocumentFormat, DocumentLayout, RecordSpan, splitDocument } from './parsing/recordSpans';
import { syntaxProblems } from './parsing/syntax';
import { LocatedProblem } from './problems';
import { LineIndex } from './util/lineIndex';
import { checkRecord, RecordResult } from './recordChecker';
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
}

/** Spans of the items of a JSON array whose outer structure is broken, from the tolerant parser. */
function tolerantArray(text: string, start: number): { spans: RecordSpan[]; problems: LocatedProblem[] } {
  const body = text.slice(start);
  const problems = syntaxProblems(body, -1).map((p) => ({ ...p, start: p.start + start, end: p.end + start }));
  const root = parseRecordTree(body);
  const spans: RecordSpan[] = [];
  if (root?.type === 'array') {
    for (const child of root.children ?? []) {
      spans.push({ index: spans.length, start: child.offset + start, end: child.offset + child.length + start, keyCount: -1, maxDepth: 0 });
    }
  }
  return { spans, problems };
}

/** Checks every record of a document. */
export function checkDocument(text: string, format: DocumentFormat, options: CheckOptions = {}): DocumentCheck {
  const now = options.now ?? Date.now();
  let layout = splitDocument(text, format);
  let documentProblems: LocatedProblem[] = [];
  let suppressRecordSyntax = false;
  if (layout.brokenArray) {
    const start = text.indexOf('[');
    const tolerant = tolerantArray(text, start);
    layout = { shape: 'array', spans: tolerant.spans, brokenArray: true };
    documentProblems = tolerant.problems;
    suppressRecordSyntax = true; // the whole-text parse already reported them
  }
  const inDataset = layout.shape !== 'single';
  const records = layout.spans.map((span) => {
    const recordText = text.slice(span.start, span.end);
    const scan = span.keyCount >= 0 ? { keyCount: span.keyCount, maxDepth: span.maxDepth } : undefined;
    const result = checkRecord(recordText, span.index, { inDataset, now, scan });
    if (suppressRecordSyntax && result.problems.some((p) => p.code === 'IR001')) {
      return { ...result, problems: result.problems.filter((p) => p.code !== 'IR001') };
    }
    return result;
  });
  const withDataset = inDataset ? applyDatasetRules(text, layout, records) : records;
  return { format, layout, records: withDataset, documentProblems };
}

function applyDatasetRules(text: string, layout: DocumentLayout, records: readonly RecordResult[]): RecordResult[] {
  let lines: LineIndex | undefined;
  const lineOf = (index: number): number => (lines ??= new LineIndex(text)).lineAt(layout.spans[index].start) + 1;
  const describe: RecordLocator =
    layout.shape === 'lines' ? (i) => `line ${lineOf(i)}` : (i) => `item ${i + 1} (line ${lineOf(i)})`;
  const duplicates = duplicateRecordProblems(text, layout, records, describe);
  if (duplicates.size === 0) {
    return records as RecordResult[];
  }
  return records.map((record, i) => {
    const extra = duplicates.get(i);
    return extra ? { ...record, problems: [...record.problems, ...extra] } : record;
  });
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
  const push = (problem: LocatedProblem, base: number): void => {
    const severity = severityOf(problem.code);
    if (severity === 'off') {
      return;
    }
    out.push(makeDiagnostic(problem, { start: positionAt(base + problem.start), end: positionAt(base + problem.end) }, severity));
  };
  for (const problem of check.documentProblems) {
    push(problem, 0);
  }
  check.records.forEach((record, i) => {
    const base = check.layout.spans[i].start;
    for (const problem of record.problems) {
      push(problem, base);
    }
  });
  return out;
}
