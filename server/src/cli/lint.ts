/**
 * `incident-records lint`: checks files with the same core as the editor and
 * hands each diagnostic, in document order, to the output (a sink), after
 * the baseline (`--baseline`, `--write-baseline`) had its say.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { Readable } from 'node:stream';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { RULES, Severity } from '../../../common/diagnosticCodes';
import type { ActionCatalog } from '../service/catalog';
import { ProjectConfig, catalogFor, severityResolver } from '../service/config/config';
import { ConfigLoader } from '../service/config/configLoader';
import { BatchChecker, DocumentCheck, checkDocument, checkDocumentInBatches, makeDiagnostic } from '../service/documentChecker';
import { RecordResult, checkRecord } from '../service/recordChecker';
import { MAX_FILE_FINDINGS, ResultCache, cacheFilePath, fileKey, hashFile } from './cache';
import { CheckPool, defaultPoolSize } from '../node/checkPool';
import { isJsonLinesPath } from '../service/parsing/recordSpans';
import { isJsonWhitespace } from '../service/parsing/scanner';
import type { LocatedProblem } from '../service/problems';
import { LineIndex } from '../service/util/lineIndex';
import { nodeFileSystem } from '../node/nodeRuntime';
import {
  Baseline,
  BaselineCollector,
  BaselineError,
  BaselineMatcher,
  FileMatcher,
  NO_RECORD,
  baselinePath,
  findingLocation,
  parseBaseline,
  recordIdentity,
  safePointer,
} from '../service/baseline/baseline';
import { LintArgs, UsageError } from './args';
import { expandPaths, InputFile, ioReason } from './files';
import { FindingInfo, ReportDiagnostic, Summary, SummaryCounter } from './report';
import { FixEvent, fixFileInPlace, writeAtomically } from './fix';
import { sha256 } from './hash';
import type { ReportSink } from './streamed';
import { lintJsonLinesStream } from './streamLint';
import { looksBinary } from '../service/limits';

const SEVERITY_NAMES: Record<DiagnosticSeverity, Severity> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

export interface LintIO {
  readonly cwd: string;
  readStdin(): string;
  /** Standard input as a stream, for checking JSON Lines line by line. */
  stdin(): Readable;
  readonly now?: number;
  /** With `--fix`: told what happened to each file that was fixed, or could not be. */
  onFix?(event: FixEvent): void;
  /**
   * The script to start as a check worker (the CLI's own bundle): records are
   * then checked in `--jobs` worker threads. Without it, in this thread.
   */
  readonly workerScript?: string;
  /** The product version (part of the cache's key). */
  readonly version?: string;
  /** Told things worth a line on standard error (a cache that could not be used or written). */
  onNote?(note: string): void;
}

interface WholeFile {
  readonly key: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * The whole-file cache key of a file: its bytes, its format, the
 * severities that apply to it, the declared actions and the flags that
 * change what is reported. Undefined when the file cannot be read (the lint
 * reports that).
 */
async function wholeFileKey(file: string, format: 'json' | 'jsonl', config: ProjectConfig | undefined, filePath: string, contentHash: boolean): Promise<WholeFile | undefined> {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) {
      return undefined;
    }
    const severityOf = severityResolver(config, filePath);
    const settings = JSON.stringify([format, RULES.map((r) => [r.code, severityOf(r.code)]), catalogFor(config).declared ?? null, contentHash]);
    return { key: fileKey(settings, await hashFile(file)), size: stat.size, mtimeMs: stat.mtimeMs };
  } catch {
    return undefined;
  }
}

/** Reports a file's diagnostics in order, with a flush point after each record's. */
function reportByRecord(diagnostics: Iterable<ReportDiagnostic>, emit: (d: ReportDiagnostic) => void, sink: ReportSink): void {
  let record: number | undefined;
  for (const d of diagnostics) {
    if (d.finding?.record !== record) {
      sink.endRecord();
      record = d.finding?.record;
    }
    emit(d);
  }
}

/** The file has the size and modification time it had when its key was taken. */
function sameFile(file: string, whole: WholeFile): boolean {
  try {
    const stat = fs.statSync(file);
    return stat.size === whole.size && stat.mtimeMs === whole.mtimeMs;
  } catch {
    return false;
  }
}

/**
 * Checks batches of records: answered from the cache where it knows a
 * record's content, the rest in the workers (or here), whose results then go
 * into the cache.
 */
function batchChecker(poolOf: () => CheckPool | undefined, catalog: ActionCatalog, cache: ResultCache | undefined, clock: number | undefined): BatchChecker {
  return async (batch) => {
    const now = clock ?? batch.now;
    const indexOf = (i: number) => batch.indices[i] ?? batch.firstIndex + i;
    const results: RecordResult[] = new Array(batch.texts.length);
    const keys: string[] = [];
    const missing: number[] = [];
    batch.texts.forEach((text, i) => {
      const key = cache ? cache.key(text, batch.inDataset, catalog.declared) : '';
      keys.push(key);
      const hit = cache?.get(key, indexOf(i));
      if (hit) {
        results[i] = hit;
      } else {
        missing.push(i);
      }
    });
    if (missing.length) {
      const texts = missing.map((i) => batch.texts[i]);
      const indices = missing.map(indexOf);
      // The workers start with the first record the cache does not answer: an unchanged dataset needs none.
      const pool = poolOf();
      const checked = pool
        ? await pool.check({ texts, indices, firstIndex: indices[0], inDataset: batch.inDataset, now, declared: catalog.declared })
        : texts.map((text, j) => checkRecord(text, indices[j], { inDataset: batch.inDataset, now, catalog }));
      missing.forEach((i, j) => {
        results[i] = checked[j];
        cache?.set(keys[i], checked[j]);
      });
    }
    return results;
  };
}

export interface LintOutcome {
  /** Counts of the findings reported (baselined ones are not). */
  readonly summary: Summary;
  /** With `--baseline`: findings not reported because the baseline lists them, and its findings that no longer occur. */
  readonly baseline?: { readonly file: string; readonly baselined: number; readonly unmatched: number };
  /** With `--write-baseline`: what was written. */
  readonly written?: { readonly file: string; readonly findings: number; readonly files: number };
}

/** Reads a file as text; an unreadable file is a usage/I-O error (exit 2). */
function readInput(file: InputFile, io: LintIO): string {
  if (file.absolutePath === '-') {
    return io.readStdin();
  }
  try {
    return fs.readFileSync(file.absolutePath, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file.displayPath}: ${ioReason(error)}`);
  }
}

/** A finding that belongs to no record: keyed by its message. */
function outsideRecords(message: string): FindingInfo {
  return { identity: NO_RECORD, at: findingLocation(undefined, message, false) };
}

/** The one diagnostic of a file that is not text. */
function binaryDiagnostic(): ReportDiagnostic {
  const message = 'This file looks binary (it contains NUL bytes), so it is not checked.';
  return {
    code: 'IR000',
    severity: 'information',
    message,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    finding: outsideRecords(message),
  };
}

function trimJson(text: string): string {
  let s = 0;
  let e = text.length;
  while (s < e && isJsonWhitespace(text.charCodeAt(s))) {
    s++;
  }
  while (e > s && isJsonWhitespace(text.charCodeAt(e - 1))) {
    e--;
  }
  return text.slice(s, e);
}

/**
 * Checks a JSON Lines file or standard input line by line, so memory stays
 * bounded whatever the size: a binary file is recognised from its first
 * chunk, before any line is checked.
 */
async function lintJsonLinesInput(
  input: InputFile,
  io: LintIO,
  severityOf: ReturnType<typeof severityResolver>,
  catalog: ActionCatalog,
  emit: (d: ReportDiagnostic) => void,
  sink: ReportSink,
  contentHash: boolean,
  checker: { readonly checkBatch: BatchChecker; readonly parallel: number } | undefined,
): Promise<void> {
  const stream = input.absolutePath === '-' ? io.stdin() : fs.createReadStream(input.absolutePath);
  let sniffed = false;
  let binary = false;
  const sniffing = async function* (source: AsyncIterable<Buffer | string>) {
    for await (const chunk of source) {
      if (!sniffed) {
        sniffed = true;
        const head = typeof chunk === 'string' ? chunk : chunk.subarray(0, 8192).toString('utf8');
        if (looksBinary(head)) {
          binary = true;
          return;
        }
      }
      yield chunk;
    }
  };
  try {
    await lintJsonLinesStream(sniffing(stream), {
      severityOf,
      now: io.now,
      catalog,
      contentHash,
      ...checker,
      onDiagnostic: emit,
      onRecordEnd: () => sink.endRecord(),
      afterChunk: () => sink.drain(),
    });
  } catch (error) {
    throw new UsageError(`cannot read ${input.displayPath}: ${ioReason(error)}`);
  } finally {
    stream.destroy();
  }
  if (binary) {
    emit(binaryDiagnostic());
  }
}

/**
 * The diagnostics of a whole text, in document order, each with the finding
 * it is (the record's identity and the location inside it).
 */
export function lintText(
  text: string,
  filePath: string,
  format: 'json' | 'jsonl',
  config: ProjectConfig | undefined,
  now?: number,
  options: { contentHash?: boolean; check?: DocumentCheck } = {},
): ReportDiagnostic[] {
  const check = options.check ?? checkDocument(text, format, { now, catalog: catalogFor(config) });
  const lines = new LineIndex(text);
  const severityOf = severityResolver(config, filePath);
  const out: ReportDiagnostic[] = [];
  const push = (problem: LocatedProblem, base: number, finding: () => FindingInfo) => {
    const severity = severityOf(problem.code);
    if (severity === 'off') {
      return;
    }
    const d = makeDiagnostic(problem, { start: lines.positionAt(base + problem.start), end: lines.positionAt(base + problem.end) }, severity);
    out.push({
      code: String(d.code),
      severity: SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error],
      message: problem.message,
      range: d.range,
      finding: finding(),
    });
  };
  for (const problem of check.documentProblems) {
    push(problem, 0, () => outsideRecords(problem.message));
  }
  check.records.forEach((record, i) => {
    const span = check.layout.spans[i];
    const recordText = () => trimJson(text.slice(span.start, span.end));
    let identity: string | undefined;
    let hash: string | undefined;
    for (const problem of record.problems) {
      push(problem, span.start, () => {
        identity ??= recordIdentity(record.identityKeys, recordText);
        if (options.contentHash) {
          hash ??= sha256(recordText());
        }
        return { record: record.index, identity, at: findingLocation(problem.data, problem.message, true), pointer: safePointer(problem.data.pointer), contentHash: hash };
      });
    }
  });
  return out;
}

function configDiagnostics(config: ProjectConfig, text: string | undefined): ReportDiagnostic[] {
  const lines = new LineIndex(text ?? '');
  return config.problems.map((p) => {
    const message = `Configuration: ${p.message}`;
    return {
      code: 'IR000',
      severity: 'error' as const,
      message,
      range: { start: lines.positionAt(p.start), end: lines.positionAt(p.end) },
      finding: outsideRecords(message),
    };
  });
}

function loadBaseline(file: string, cwd: string): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the baseline ${file}: ${ioReason(error)}`);
  }
  try {
    return parseBaseline(text);
  } catch (error) {
    if (error instanceof BaselineError) {
      throw new UsageError(`cannot use the baseline ${file}: ${error.message}`);
    }
    throw error;
  }
}

/** The configuration `--config` names (a usage error when it cannot be read), or undefined: each file's nearest. */
export function loadExplicitConfig(loader: ConfigLoader, config: string | undefined, cwd: string): ProjectConfig | undefined {
  if (!config) {
    return undefined;
  }
  try {
    return loader.loadExplicit(path.resolve(cwd, config));
  } catch (error) {
    throw new UsageError(`cannot read the configuration ${config}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Inputs of this many bytes or more are worth worker threads by default. */
export const WORKERS_FROM_BYTES = 64 * 1024 * 1024;
/** Below this heap limit (node's `--max-old-space-size`), the default is one thread: each worker has a heap of its own. */
const WORKERS_FROM_HEAP_BYTES = 256 * 1024 * 1024;

/**
 * Worker threads when `--jobs` does not say: each costs a start-up (its own
 * heap, the rules compiled again) that a small input does not earn back, so
 * the machine's parallelism is used for inputs of 64 MB or more (standard
 * input, whose size is unknown, is checked in this thread), and not when the
 * process was given a small heap, which is a request to stay small.
 */
export function defaultJobs(inputs: readonly InputFile[]): number {
  if (v8.getHeapStatistics().heap_size_limit < WORKERS_FROM_HEAP_BYTES) {
    return 1;
  }
  let bytes = 0;
  for (const input of inputs) {
    if (input.absolutePath !== '-') {
      try {
        bytes += fs.statSync(input.absolutePath).size;
      } catch {
        // Reported when the file is read.
      }
    }
  }
  return bytes >= WORKERS_FROM_BYTES ? defaultPoolSize() : 1;
}

/**
 * Lints the paths of `args`, giving each reported diagnostic to `sink`
 * (with `--write-baseline`, to the baseline file instead).
 */
export async function runLint(args: LintArgs, io: LintIO, sink: ReportSink, options: { contentHash?: boolean } = {}): Promise<LintOutcome> {
  const loader = new ConfigLoader(nodeFileSystem);
  const explicit = loadExplicitConfig(loader, args.config, io.cwd);
  if (args.fix && args.paths.includes('-')) {
    throw new UsageError('--fix rewrites files in place and cannot fix standard input (-); give the files instead');
  }
  const baselineFile = args.baseline ?? args.writeBaseline;
  const baselineAbsolute = baselineFile ? path.resolve(io.cwd, baselineFile) : undefined;
  const matcher = args.baseline ? new BaselineMatcher(loadBaseline(args.baseline, io.cwd)) : undefined;
  const collector = args.writeBaseline ? new BaselineCollector() : undefined;
  const inputs = expandPaths(args.paths, io.cwd);
  const counter = new SummaryCounter();
  let baselined = 0;

  /** Starts a file: returns what to call with each of its diagnostics. */
  const beginFile = (displayPath: string, absolutePath: string): ((d: ReportDiagnostic) => void) => {
    sink.beginFile({ path: displayPath, absolutePath });
    const key = baselineAbsolute ? baselinePath(baselineAbsolute, absolutePath) : '';
    const fileMatcher: FileMatcher | undefined = matcher?.file(key);
    return (d) => {
      const finding = d.finding ?? outsideRecords(d.message);
      const findingKey = { record: finding.identity, code: d.code, at: finding.at };
      if (fileMatcher?.match(findingKey)) {
        baselined++;
        return;
      }
      if (collector) {
        collector.add(key, findingKey);
        return;
      }
      counter.add(d);
      sink.diagnostic(d);
    };
  };

  const reportedConfigs = new Set<string>();
  // Worker threads, started with the first file checked in them (small inputs are checked here, without the start-up).
  let workers: CheckPool | undefined;
  const jobs = args.jobs ?? defaultJobs(inputs);
  const pool = (): CheckPool | undefined => {
    if (!workers && io.workerScript && jobs > 1) {
      workers = new CheckPool(io.workerScript, jobs);
    }
    return workers;
  };
  const cache = args.cache ? new ResultCache(cacheFilePath(io.cwd, args.cacheLocation), io.version ?? '0.0.0-dev') : undefined;
  /** How the records of a file are checked: in the workers when there are some, through the cache when asked for. */
  const checkerFor = (catalog: ActionCatalog, now: number | undefined) => {
    const threads = io.workerScript && jobs > 1 ? jobs : 1;
    if (threads === 1 && !cache) {
      return undefined;
    }
    return { checkBatch: batchChecker(pool, catalog, cache, now), parallel: threads * 2 };
  };
  try {
    for (const input of inputs) {
      const filePath = input.absolutePath === '-' ? path.join(io.cwd, 'stdin.incidents.jsonl') : input.absolutePath;
      const config = explicit ?? loader.configFor(filePath);
      if (config && config.problems.length && !reportedConfigs.has(config.path)) {
        reportedConfigs.add(config.path);
        const emit = beginFile(path.relative(io.cwd, config.path) || config.path, config.path);
        configDiagnostics(config, nodeFileSystem.readFile(config.path)).forEach(emit);
        sink.endFile();
      }
      const format = input.absolutePath === '-' || isJsonLinesPath(input.absolutePath) ? 'jsonl' : 'json';
      // With --cache, a file whose bytes (and settings) are unchanged is answered whole, without reading its records.
      const whole = cache && input.absolutePath !== '-' && !args.fix ? await wholeFileKey(input.absolutePath, format, config, filePath, !!options.contentHash) : undefined;
      const replayed = whole ? cache!.fileFindings(whole.key) : undefined;
      if (replayed) {
        reportByRecord(replayed, beginFile(input.displayPath, input.absolutePath), sink);
        sink.endFile();
        await sink.drain();
        continue;
      }
      const kept: ReportDiagnostic[] = [];
      /** Reports a diagnostic of this file, and keeps it for the whole-file cache. */
      const keeping = (emit: (d: ReportDiagnostic) => void) => (d: ReportDiagnostic) => {
        if (whole && kept.length <= MAX_FILE_FINDINGS) {
          kept.push(d);
        }
        emit(d);
      };
      /** The file is checked: keep its findings whole, unless it changed while it was read. */
      const keepWhole = () => {
        if (whole) {
          if (sameFile(input.absolutePath, whole)) {
            cache!.setFileFindings(whole.key, kept);
          } else {
            cache!.endFile();
          }
        }
      };
      if (whole) {
        cache!.beginFile();
      }
      if (format === 'jsonl' && !args.fix) {
        const emit = keeping(beginFile(input.displayPath, input.absolutePath));
        await lintJsonLinesInput(input, io, severityResolver(config, filePath), catalogFor(config), emit, sink, !!options.contentHash, checkerFor(catalogFor(config), io.now));
        sink.endFile();
        keepWhole();
        continue;
      }
      const text = readInput(input, io);
      const emit = keeping(beginFile(input.displayPath, input.absolutePath));
      if (looksBinary(text)) {
        emit(binaryDiagnostic());
        sink.endFile();
        keepWhole();
        continue;
      }
      const outcome = args.fix ? fixFileInPlace(input, text, format, { severityOf: severityResolver(config, filePath), now: io.now, catalog: catalogFor(config) }) : { text };
      if (outcome.event) {
        io.onFix?.(outcome.event);
      }
      const checker = checkerFor(catalogFor(config), io.now);
      const check = checker
        ? await checkDocumentInBatches(outcome.text, format, checker.checkBatch, { now: io.now, catalog: catalogFor(config), parallel: checker.parallel })
        : undefined;
      reportByRecord(lintText(outcome.text, filePath, format, config, io.now, { ...options, check }), emit, sink);
      sink.endFile();
      keepWhole();
      await sink.drain();
    }
  } finally {
    await workers?.close();
  }
  if (cache) {
    try {
      cache.save();
    } catch (error) {
      io.onNote?.(`could not write the cache ${cache.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    if (cache.stats.ignored) {
      io.onNote?.(`the cache ${cache.file} was ${cache.stats.ignored}: ignored, and written anew`);
    }
  }

  const summary = counter.summary(inputs.length);
  if (collector && args.writeBaseline && baselineAbsolute) {
    let mode = 0o644;
    try {
      mode = fs.statSync(baselineAbsolute).mode & 0o7777;
    } catch {
      // a new file
    }
    try {
      if (!fs.existsSync(path.dirname(baselineAbsolute))) {
        fs.mkdirSync(path.dirname(baselineAbsolute), { recursive: true });
      }
      writeAtomically(baselineAbsolute, collector.toText(), mode);
    } catch (error) {
      throw new UsageError(`cannot write the baseline ${args.writeBaseline}: ${ioReason(error)}`);
    }
    return { summary, written: { file: args.writeBaseline, findings: collector.findingCount, files: collector.fileCount } };
  }
  if (matcher && args.baseline && baselineAbsolute) {
    const folder = path.dirname(baselineAbsolute);
    const unmatched = matcher.unmatched((file) => file === '-' || fs.existsSync(path.resolve(folder, file)));
    return { summary, baseline: { file: args.baseline, baselined, unmatched } };
  }
  return { summary };
}
