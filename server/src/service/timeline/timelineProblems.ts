/**
 * The problems of the record a timeline shows: its diagnostics (those the
 * server keeps for the document, or the record's own check when there are
 * none), each placed on the action it is inside, so the preview lists them
 * beside the story of the incident. Messages are the rules' own: they never
 * repeat a secret.
 */
import { Diagnostic, DiagnosticSeverity, Position, Range } from 'vscode-languageserver-types';
import type { TimelineProblem } from '../../../../common/timeline';
import type { ActionCatalog } from '../catalog';
import { defaultSeverities, makeDiagnostic, SeverityResolver } from '../documentChecker';
import { checkRecord } from '../recordChecker';
import type { RecordView } from '../recordDocument';

const SEVERITY_NAMES: Readonly<Record<number, TimelineProblem['severity']>> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function inside(range: Range, outer: Range): boolean {
  return !before(range.start, outer.start) && !before(outer.end, range.end);
}

export interface TimelineProblemOptions {
  /**
   * The document's diagnostics as the server keeps them (configured
   * severities, dataset rules): the record's are taken from there. Absent:
   * the record is checked on its own with the options below.
   */
  readonly diagnostics?: readonly Diagnostic[];
  readonly now?: number;
  readonly catalog?: ActionCatalog;
  readonly severityOf?: SeverityResolver;
}

/** The record's diagnostics when nobody keeps any: the record checked on its own (no dataset rules), with `severityOf`. */
export function recordDiagnostics(view: RecordView, inDataset: boolean, options: TimelineProblemOptions = {}): Diagnostic[] {
  const result = checkRecord(view.text, view.span.index, { inDataset, now: options.now ?? Date.now(), catalog: options.catalog });
  const severityOf = options.severityOf ?? defaultSeverities;
  const out: Diagnostic[] = [];
  for (const problem of result.problems) {
    const severity = severityOf(problem.code);
    if (severity !== 'off') {
      out.push(makeDiagnostic(problem, view.rangeOfOffsets(problem.start, problem.end), severity));
    }
  }
  return out;
}

/** Those of `diagnostics` (a document's) that start inside `recordRange`, in document order, on the action whose range holds them. */
export function timelineProblems(diagnostics: readonly Diagnostic[], recordRange: Range, actions: readonly { readonly index: number; readonly range: Range }[]): TimelineProblem[] {
  const problems = diagnostics
    .filter((d) => !before(d.range.start, recordRange.start) && !before(recordRange.end, d.range.start))
    .map((d): TimelineProblem => {
      const action = actions.find((a) => inside(d.range, a.range));
      return {
        code: String(d.code ?? ''),
        severity: SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error] ?? 'error',
        message: typeof d.message === 'string' ? d.message : d.message.value,
        range: d.range,
        ...(action ? { actionIndex: action.index } : {}),
      };
    });
  return problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
