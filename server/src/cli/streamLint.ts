/**
 * Lints a JSON Lines stream line by line, so a dataset of any size is checked
 * with bounded memory: only the current line, a small hash per record for
 * duplicate detection (IR402) and the diagnostics found are kept. Positions
 * follow LSP line counting (a lone `\r` also ends a line), as in the editor.
 */
import { StringDecoder } from 'node:string_decoder';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { Severity, SeveritySetting } from '../../../common/diagnosticCodes';
import { makeDiagnostic } from '../service/documentChecker';
import { isJsonWhitespace } from '../service/parsing/scanner';
import type { ActionCatalog } from '../service/catalog';
import { checkRecord } from '../service/recordChecker';
import { duplicateProblem, DuplicateTracker } from '../service/rules/datasets';
import { lineStarts } from '../service/util/lineIndex';
import { findingLocation, recordIdentity, safePointer } from '../service/baseline/baseline';
import { sha256 } from './hash';
import type { FindingInfo, ReportDiagnostic } from './report';

const SEVERITY_NAMES: Record<DiagnosticSeverity, Severity> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

export interface StreamLintOptions {
  readonly severityOf: (code: string) => SeveritySetting;
  readonly now?: number;
  /** The action catalogue with the configuration's own action types. */
  readonly catalog?: ActionCatalog;
  /** Called for each diagnostic as it is found, in document order, with the finding it is (record identity, location). */
  readonly onDiagnostic: (diagnostic: ReportDiagnostic) => void;
  /** Called after the diagnostics of each record that had any. */
  readonly onRecordEnd?: () => void;
  /** Awaited after each chunk of input is checked: lets a slow reader of the output hold the input back. */
  readonly afterChunk?: () => Promise<void>;
  /** Give each finding the SHA-256 of its record's text. */
  readonly contentHash?: boolean;
}

/** Checks one physical line (without its `\n`) that starts at LSP line `line`. */
class LineChecker {
  private readonly tracker = new DuplicateTracker();
  /** LSP line of each record (by record index), for "the same incident as line N". */
  private recordLines = new Int32Array(1024);
  private records = 0;
  private line = 0;
  private first = true;

  constructor(private readonly options: StreamLintOptions) {}

  check(raw: string): void {
    // The "\r" of a "\r\n" belongs to the line break that ended this line.
    let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (this.first) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) {
        text = ' ' + text.slice(1); // keep columns: the BOM is one UTF-16 unit, as in the editor
      }
    }
    const breaks = lineStarts(text); // lone CRs inside the line also end LSP lines
    let s = 0;
    let e = text.length;
    while (s < e && isJsonWhitespace(text.charCodeAt(s))) {
      s++;
    }
    while (e > s && isJsonWhitespace(text.charCodeAt(e - 1))) {
      e--;
    }
    if (e > s) {
      this.checkRecord(text, s, e, breaks);
    }
    this.line += breaks.length;
  }

  private checkRecord(text: string, s: number, e: number, breaks: number[]): void {
    const index = this.records++;
    if (index >= this.recordLines.length) {
      const grown = new Int32Array(this.recordLines.length * 2);
      grown.set(this.recordLines);
      this.recordLines = grown;
    }
    this.recordLines[index] = this.line + lineOf(breaks, s);
    const recordText = text.slice(s, e);
    const result = checkRecord(recordText, index, { inDataset: true, now: this.options.now ?? Date.now(), catalog: this.options.catalog });
    const problems = [...result.problems];
    if (result.identityKeys.length) {
      const duplicate = this.tracker.add(index, result.identityKeys);
      if (duplicate) {
        const where = `line ${this.recordLines[duplicate.first] + 1}`;
        problems.push(duplicateProblem(recordText, index, duplicate, where, result.identityKeys[0].startsWith('t:')));
      }
    }
    let identity: string | undefined;
    let contentHash: string | undefined;
    let reported = false;
    for (const problem of problems) {
      const severity = this.options.severityOf(problem.code);
      if (severity === 'off') {
        continue;
      }
      const position = (offset: number) => {
        const l = lineOf(breaks, s + offset);
        return { line: this.line + l, character: s + offset - breaks[l] };
      };
      const d = makeDiagnostic(problem, { start: position(problem.start), end: position(problem.end) }, severity);
      const message = typeof d.message === 'string' ? d.message : d.message.value;
      identity ??= recordIdentity(result.identityKeys, () => recordText);
      if (this.options.contentHash) {
        contentHash ??= sha256(recordText);
      }
      const finding: FindingInfo = { record: index, identity, at: findingLocation(problem.data, message, true), pointer: safePointer(problem.data.pointer), contentHash };
      reported = true;
      this.options.onDiagnostic({
        code: String(d.code),
        severity: SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error],
        message,
        range: d.range,
        finding,
      });
    }
    if (reported) {
      this.options.onRecordEnd?.();
    }
  }
}

function lineOf(breaks: number[], offset: number): number {
  let l = 0;
  while (l + 1 < breaks.length && breaks[l + 1] <= offset) {
    l++;
  }
  return l;
}

/** Lints a JSON Lines stream; resolves when the stream ends. */
export async function lintJsonLinesStream(input: AsyncIterable<Buffer | string>, options: StreamLintOptions): Promise<void> {
  const checker = new LineChecker(options);
  const decoder = new StringDecoder('utf8');
  // The unfinished line, in pieces, joined once its end arrives: only new text
  // is searched for "\n", so a line of any length costs linear time
  // (re-searching a growing string for each chunk was quadratic).
  let pieces: string[] = [];
  const take = (text: string): void => {
    let from = 0;
    let newline = text.indexOf('\n');
    while (newline >= 0) {
      const head = text.slice(from, newline);
      checker.check(pieces.length ? pieces.join('') + head : head);
      pieces = [];
      from = newline + 1;
      newline = text.indexOf('\n', from);
    }
    if (from < text.length) {
      pieces.push(text.slice(from));
    }
  };
  for await (const chunk of input) {
    take(typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    await options.afterChunk?.();
  }
  take(decoder.end());
  checker.check(pieces.join(''));
}
