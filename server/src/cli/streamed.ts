/**
 * Output written as the check goes, for pipelines and CI logs:
 * - `--format jsonl`: one JSON object per diagnostic per line, flushed per
 *   record, with the record's identity (IR402's) and a SHA-256 of its text,
 *   so another tool can join findings back to records whatever their lines;
 * - `--format github`: GitHub Actions workflow commands
 *   (`::error file=…,line=…,col=…,title=IR101::…`), which annotate the
 *   files of a run that does not upload SARIF.
 * Nothing is kept per diagnostic, so memory stays bounded at any input size.
 */
import * as path from 'node:path';
import type { ReportDiagnostic, Summary } from './report';
import { summaryLine } from './report';

/** Where streamed output goes: a writable stream such as standard output. */
export interface OutputStream {
  write(text: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
  readonly writableNeedDrain?: boolean;
}

/** Receives a run's diagnostics in document order, file by file. */
export interface ReportSink {
  beginFile(file: { readonly path: string; readonly absolutePath: string }): void;
  diagnostic(d: ReportDiagnostic): void;
  /** All diagnostics of one record were given: a point to flush. */
  endRecord(): void;
  endFile(): void;
  /** Resolves once the output has taken what was written (backpressure of a slow reader). */
  drain(): Promise<void>;
}

abstract class StreamingSink implements ReportSink {
  private pending: string[] = [];
  protected file = { path: '', absolutePath: '' };

  constructor(protected readonly out: OutputStream) {}

  beginFile(file: { readonly path: string; readonly absolutePath: string }): void {
    this.file = { path: file.path, absolutePath: file.absolutePath };
  }

  diagnostic(d: ReportDiagnostic): void {
    this.pending.push(this.line(d));
  }

  endRecord(): void {
    if (this.pending.length) {
      this.out.write(this.pending.join('\n') + '\n');
      this.pending = [];
    }
  }

  endFile(): void {
    this.endRecord();
  }

  drain(): Promise<void> {
    return this.out.writableNeedDrain ? new Promise((resolve) => this.out.once('drain', () => resolve())) : Promise.resolve();
  }

  protected abstract line(d: ReportDiagnostic): string;
}

/** `--format jsonl`. */
export class JsonLinesSink extends StreamingSink {
  protected line(d: ReportDiagnostic): string {
    const f = d.finding;
    return JSON.stringify({
      path: this.file.path,
      line: d.range.start.line + 1,
      code: d.code,
      severity: d.severity,
      message: d.message,
      range: d.range,
      record: f?.record ?? null,
      pointer: f?.pointer ?? null,
      identity: f && f.record !== undefined ? f.identity : null,
      contentHash: f?.contentHash ?? null,
    });
  }
}

const COMMAND: Record<ReportDiagnostic['severity'], 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** Escapes a workflow command's message (as @actions/core does). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `--format github`. */
export class GithubSink extends StreamingSink {
  constructor(
    out: OutputStream,
    private readonly cwd: string,
  ) {
    super(out);
  }

  /** The file as GitHub expects it: relative to the working folder (the checkout), with `/`. */
  private filePath(): string {
    if (this.file.absolutePath === '-') {
      return '-';
    }
    const relative = path.relative(this.cwd, this.file.absolutePath);
    return (relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : this.file.absolutePath).split(path.sep).join('/');
  }

  protected line(d: ReportDiagnostic): string {
    const { start, end } = d.range;
    const properties = [`file=${escapeProperty(this.filePath())}`, `line=${start.line + 1}`, `col=${start.character + 1}`, `endLine=${end.line + 1}`];
    if (end.line === start.line) {
      properties.push(`endColumn=${end.character + 1}`);
    }
    properties.push(`title=${escapeProperty(d.code)}`);
    return `::${COMMAND[d.severity]} ${properties.join(',')}::${escapeData(d.message)}`;
  }

  /** The run's last lines: notes as notices, then the summary as plain log text. */
  finish(summary: Summary, notes: readonly string[]): void {
    for (const note of notes) {
      this.out.write(`::notice title=incident-records::${escapeData(note)}\n`);
    }
    this.out.write(`${summaryLine(summary)}\n`);
  }
}
