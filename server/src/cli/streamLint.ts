/**
 * Lints a JSON Lines stream line by line, so a dataset of any size is checked
 * with bounded memory: only the lines in flight, a small hash per record for
 * duplicate detection (IR402) and the diagnostics found are kept. Positions
 * follow LSP line counting (a lone `\r` also ends a line), as in the editor.
 *
 * The input is split into lines as bytes (a line is decoded once, whole), and
 * the lines are checked in batches: in the pool of worker threads when one
 * is given, else here. Results are reported in input order, so the output is
 * the same whatever checks them.
 */
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { Severity, SeveritySetting } from '../../../common/diagnosticCodes';
import { makeDiagnostic } from '../service/documentChecker';
import { isJsonWhitespace } from '../service/parsing/scanner';
import type { ActionCatalog } from '../service/catalog';
import { RecordResult, checkRecord } from '../service/recordChecker';
import type { BatchChecker } from '../service/documentChecker';
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
  /** Called for every record once its diagnostics were reported, with its result and text (for `stats`). */
  readonly onRecord?: (index: number, result: RecordResult, text: string) => void;
  /** Awaited after each chunk of input is checked: lets a slow reader of the output hold the input back. */
  readonly afterChunk?: () => Promise<void>;
  /** Give each finding the SHA-256 of its record's text. */
  readonly contentHash?: boolean;
  /**
   * Checks a batch of records (in worker threads, from a cache…); in this
   * thread when absent. `parallel`: batches it may have in flight.
   */
  readonly checkBatch?: BatchChecker;
  readonly parallel?: number;
}

/** A line waiting for its check: where it is and what the report needs of it. */
interface PendingRecord {
  readonly index: number;
  /** LSP line of the line's first character. */
  readonly line: number;
  /** Offset of the record in the line (after leading whitespace). */
  readonly s: number;
  /** LSP line starts inside the line (a lone `\r` ends a line too). */
  readonly breaks: number[];
  readonly text: string;
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

  /** Splits off one physical line (without its `\n`); returns the record it holds, if any. */
  prepare(raw: string): PendingRecord | undefined {
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
    const line = this.line;
    this.line += breaks.length;
    if (e <= s) {
      return undefined;
    }
    const index = this.records++;
    if (index >= this.recordLines.length) {
      const grown = new Int32Array(this.recordLines.length * 2);
      grown.set(this.recordLines);
      this.recordLines = grown;
    }
    this.recordLines[index] = line + lineOf(breaks, s);
    return { index, line, s, breaks, text: s === 0 && e === text.length ? text : text.slice(s, e) };
  }

  /** Reports a record's diagnostics (its own, and IR402 against the records before it). */
  report(pending: PendingRecord, result: RecordResult): void {
    const { index, line, s, breaks, text: recordText } = pending;
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
        return { line: line + l, character: s + offset - breaks[l] };
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
    this.options.onRecord?.(index, result, recordText);
  }
}

function lineOf(breaks: number[], offset: number): number {
  let l = 0;
  while (l + 1 < breaks.length && breaks[l + 1] <= offset) {
    l++;
  }
  return l;
}

/** Lines checked together: enough to keep a worker busy, few enough to bound what is in flight. */
const BATCH_RECORDS = 256;
const BATCH_CHARS = 1 << 20;

const STALLED = Symbol('stalled');

/** Resolves once pending I/O has had its turn: input that is not there by then has stalled. */
function afterIo(): Promise<typeof STALLED> {
  return new Promise((resolve) => setImmediate(() => setImmediate(() => resolve(STALLED))));
}

/** Lints a JSON Lines stream; resolves when the stream ends. */
export async function lintJsonLinesStream(input: AsyncIterable<Buffer | string>, options: StreamLintOptions): Promise<void> {
  const checker = new LineChecker(options);
  const now = options.now ?? Date.now();
  const checkBatch = options.checkBatch;
  const maxInFlight = checkBatch ? (options.parallel ?? 2) : 0;
  let batch: PendingRecord[] = [];
  let batchChars = 0;
  // Batches are reported in input order as their results arrive (a chain),
  // whatever the order the workers finish them in; at most `maxInFlight`
  // wait to be reported before reading goes on.
  let reported: Promise<void> = Promise.resolve();
  const inFlight: Promise<void>[] = [];

  const flush = (): void => {
    if (batch.length === 0) {
      return;
    }
    const records = batch;
    batch = [];
    batchChars = 0;
    const texts = records.map((r) => r.text);
    const indices = records.map((r) => r.index);
    const results = checkBatch
      ? checkBatch({ texts, firstIndex: indices[0], indices, inDataset: true, now })
      : Promise.resolve(texts.map((text, i) => checkRecord(text, indices[i], { inDataset: true, now, catalog: options.catalog })));
    reported = reported.then(async () => {
      const checked = await results;
      records.forEach((record, i) => checker.report(record, checked[i]));
    });
    inFlight.push(reported);
  };
  /** Waits until at most `limit` batches are still to be reported. */
  const settle = async (limit: number): Promise<void> => {
    while (inFlight.length > limit) {
      await inFlight.shift();
    }
  };
  const line = (raw: string): void => {
    const record = checker.prepare(raw);
    if (record) {
      batch.push(record);
      batchChars += record.text.length;
      if (batch.length >= BATCH_RECORDS || batchChars >= BATCH_CHARS) {
        flush();
      }
    }
  };

  // The unfinished line, in pieces, joined (and decoded) once its end arrives:
  // only new input is searched for "\n", so a line of any length costs linear time.
  let bytes: Buffer[] = [];
  let pieces: string[] = [];
  const takeBytes = (chunk: Buffer): void => {
    let from = 0;
    let newline = chunk.indexOf(0x0a, from);
    while (newline >= 0) {
      line(bytes.length ? Buffer.concat([...bytes, chunk.subarray(from, newline)]).toString('utf8') : chunk.toString('utf8', from, newline));
      bytes = [];
      from = newline + 1;
      newline = chunk.indexOf(0x0a, from);
    }
    if (from < chunk.length) {
      bytes.push(chunk.subarray(from));
    }
  };
  const takeText = (text: string): void => {
    let from = 0;
    let newline = text.indexOf('\n');
    while (newline >= 0) {
      const head = text.slice(from, newline);
      line(pieces.length ? pieces.join('') + head : head);
      pieces = [];
      from = newline + 1;
      newline = text.indexOf('\n', from);
    }
    if (from < text.length) {
      pieces.push(text.slice(from));
    }
  };
  // When the input stalls (a pipe that writes a record now and the next one
  // later), everything read so far goes to be checked and reported before
  // the next input arrives: a reader of the output sees each record's
  // findings as it goes.
  const chunks = input[Symbol.asyncIterator]();
  let next = chunks.next();
  for (;;) {
    let step = await Promise.race([next, afterIo()]);
    if (step === STALLED) {
      // What was read so far is checked and reported while the input is awaited.
      flush();
      step = await next;
    }
    if (step.done) {
      break;
    }
    next = chunks.next();
    const chunk = step.value;
    if (typeof chunk === 'string') {
      takeText(chunk);
    } else {
      takeBytes(chunk as Buffer);
    }
    await settle(maxInFlight);
    await options.afterChunk?.();
  }
  line(bytes.length ? Buffer.concat(bytes).toString('utf8') : pieces.join(''));
  flush();
  await settle(0);
}
