/**
 * The CLI's report: the SPEC's JSON shape and the human text format. SARIF is
 * in sarif.ts; the streamed formats (jsonl, github) in streamed.ts.
 */
import { Severity } from '../../../common/diagnosticCodes';

/** Which finding a diagnostic is, independent of line numbers (see service/baseline). */
export interface FindingInfo {
  /** Index of the record in its file; undefined for a problem outside every record. */
  readonly record?: number;
  /** The record's identity (IR402), `r:…` for a record that does not parse, `-` outside records. */
  readonly identity: string;
  /** The location inside the record, as the baseline keys it. */
  readonly at: string;
  /** The JSON pointer of the node inside the record (credentials masked); undefined outside records. */
  readonly pointer?: string;
  /** SHA-256 (hex) of the record's text as it is in the file, when asked for (`--format jsonl`). */
  readonly contentHash?: string;
}

export interface ReportDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
  /** Not part of `--format json`: what the baseline, jsonl and SARIF fingerprints need. */
  readonly finding?: FindingInfo;
}

export interface FileReport {
  /** The path as given on the command line (or found under a folder or glob given there). */
  readonly path: string;
  /** Absolute path, `-` for standard input. Not part of `--format json`. */
  readonly absolutePath?: string;
  readonly diagnostics: ReportDiagnostic[];
}

export interface Summary {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  readonly information: number;
}

export interface Report {
  readonly files: FileReport[];
  readonly summary: Summary;
}

/** Counts diagnostics by severity as they are reported. */
export class SummaryCounter {
  errors = 0;
  warnings = 0;
  information = 0;

  add(d: ReportDiagnostic): void {
    if (d.severity === 'error') {
      this.errors++;
    } else if (d.severity === 'warning') {
      this.warnings++;
    } else if (d.severity === 'information') {
      this.information++;
    }
  }

  summary(files: number): Summary {
    return { files, errors: this.errors, warnings: this.warnings, information: this.information };
  }
}

export function summarize(files: readonly FileReport[], fileCount = files.length): Summary {
  const counter = new SummaryCounter();
  for (const file of files) {
    for (const d of file.diagnostics) {
      counter.add(d);
    }
  }
  return counter.summary(fileCount);
}

/** The SPEC's `--format json`: exactly `files[{path, diagnostics[{code, severity, message, range}]}]` and `summary`. */
export function formatJson(report: Report): string {
  return JSON.stringify({
    files: report.files.map((file) => ({
      path: file.path,
      diagnostics: file.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range })),
    })),
    summary: report.summary,
  });
}

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[2m', reset: '\x1b[0m', dim: '\x1b[2m', bold: '\x1b[1m' };

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : word === 'information' ? '' : 's'}`;
}

/** The summary line of the text format: "No problems in 2 files." or "3 problems (…) in 2 files." */
export function summaryLine(summary: Summary): string {
  const { errors, warnings, information, files } = summary;
  const total = errors + warnings + information;
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(information, 'information')}`;
  return total === 0 ? `No problems in ${plural(files, 'file')}.` : `${plural(total, 'problem')} (${counts}) in ${plural(files, 'file')}.`;
}

export function formatText(report: Report, color: boolean, extra: readonly string[] = []): string {
  const c = (name: keyof typeof COLORS, s: string): string => (color ? COLORS[name] + s + COLORS.reset : s);
  const lines: string[] = [];
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      const where = `${file.path}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      lines.push(`${c('bold', where)}: ${c(d.severity, d.severity)} ${c('dim', d.code)} ${d.message}`);
    }
  }
  lines.push(...extra);
  lines.push(summaryLine(report.summary));
  return lines.join('\n');
}
