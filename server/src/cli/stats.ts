/**
 * `incident-records stats`: the dataset summary, charts and problem groups of
 * each input and of all of them, from the same checks as `lint` and the
 * same core as the editor's dataset view. JSON Lines are streamed line by
 * line (lint's splitting and checking): of each record only its numbers for
 * the aggregates are kept, never its text, so memory stays bounded whatever
 * the size. JSON files are read whole, as lint reads them.
 *
 * Stats is not a gate: problems in the data do not fail it (exit 0); only
 * usage and I/O errors do (exit 2).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import type { DatasetCharts, DatasetSummary, ProblemGroup } from '../../../common/dataset';
import { ProjectConfig, catalogFor, severityResolver } from '../service/config/config';
import { ConfigLoader } from '../service/config/configLoader';
import { checkDocument } from '../service/documentChecker';
import { DatasetAggregates, ProblemGroups, readBrokenRecord, rowFacts, RowProblem } from '../service/dataset';
import { groupKey } from '../service/dataset/problemGroups';
import { looksBinary } from '../service/limits';
import { isJsonLinesPath } from '../service/parsing/recordSpans';
import type { RecordSummary } from '../service/recordChecker';
import { nodeFileSystem } from '../node/nodeRuntime';
import { StatsArgs, UsageError } from './args';
import { expandPaths, InputFile, ioReason } from './files';
import { lintText } from './lint';
import type { ReportDiagnostic } from './report';
import { lintJsonLinesStream } from './streamLint';
import { defaultJobs, loadExplicitConfig } from './lint';
import { CheckPool } from '../node/checkPool';

export interface StatsIO {
  readonly cwd: string;
  /** Standard input as a stream (`-`: JSON Lines). */
  stdin(): Readable;
  readonly now?: number;
  /** The script to start as a check worker (the CLI's own bundle): large JSON Lines inputs are then checked in worker threads, as `lint` checks them. */
  readonly workerScript?: string;
}

/** One input's statistics: the `files[]` entries of `--format json`. */
export interface FileStats {
  /** As given on the command line (or found in a folder given). */
  readonly path: string;
  readonly format: 'json' | 'jsonl';
  /** Bytes read. */
  readonly bytes: number;
  /** The file looks binary (NUL bytes): not read as records. */
  readonly binary?: true;
  readonly summary: DatasetSummary;
  readonly charts: DatasetCharts;
  readonly groups: readonly ProblemGroup[];
}

/** A problem group of all inputs: its first occurrence names the file. */
export type TotalGroup = Omit<ProblemGroup, 'first'> & { readonly first: ProblemGroup['first'] & { readonly path: string } };

/** `--format json`: every input, then all of them together. */
export interface StatsReport {
  readonly files: readonly FileStats[];
  readonly total: {
    readonly files: number;
    readonly bytes: number;
    readonly summary: DatasetSummary;
    readonly charts: DatasetCharts;
    readonly groups: readonly TotalGroup[];
  };
}

/** Aggregates fed record by record, keeping no record text. */
class Collector {
  readonly aggregates = new DatasetAggregates({ appendOnly: true });
  readonly groups = new ProblemGroups({ appendOnly: true });

  add(index: number, summary: RecordSummary | undefined, problems: readonly RowProblem[], text: () => string): void {
    const broken = !summary && problems.some((p) => p.code === 'IR001');
    const facts = rowFacts({ summary, problems, partial: broken ? readBrokenRecord(text()) : undefined });
    this.aggregates.apply(facts, problems, 1);
    this.groups.apply(index, problems, 1);
  }

  outside(problems: readonly RowProblem[]): void {
    this.aggregates.applyOutside(problems, 1);
    this.groups.apply(-1, problems, 1);
  }
}

/** The totals over every input, with the file of each group's first occurrence. */
class TotalCollector extends Collector {
  private readonly firstPath = new Map<string, string>();
  files = 0;
  bytes = 0;

  addFrom(file: string, index: number, summary: RecordSummary | undefined, problems: readonly RowProblem[], text: () => string): void {
    this.remember(file, problems);
    this.add(index, summary, problems, text);
  }

  outsideFrom(file: string, problems: readonly RowProblem[]): void {
    this.remember(file, problems);
    this.outside(problems);
  }

  private remember(file: string, problems: readonly RowProblem[]): void {
    for (const p of problems) {
      const key = groupKey(p);
      if (!this.firstPath.has(key)) {
        this.firstPath.set(key, file);
      }
    }
  }

  totalGroups(): TotalGroup[] {
    return this.groups.list().map((g) => ({ ...g, first: { ...g.first, path: this.firstPath.get(`${g.code}\u0000${g.pattern}`) ?? '' } }));
  }
}

const asProblem = (d: ReportDiagnostic): RowProblem => ({ code: d.code, severity: d.severity, message: d.message, range: d.range });

/** Streams a JSON Lines input, feeding both collectors; returns the bytes read, or undefined when it looks binary. */
async function streamJsonLines(
  input: InputFile,
  io: StatsIO,
  config: ProjectConfig | undefined,
  filePath: string,
  file: Collector,
  total: TotalCollector,
  pool: CheckPool | undefined,
): Promise<number | undefined> {
  const stream = input.absolutePath === '-' ? io.stdin() : fs.createReadStream(input.absolutePath);
  let bytes = 0;
  let binary = false;
  const counted = async function* (source: AsyncIterable<Buffer | string>) {
    for await (const chunk of source) {
      if (bytes === 0) {
        const head = typeof chunk === 'string' ? chunk : chunk.subarray(0, 8192).toString('utf8');
        if (looksBinary(head)) {
          binary = true;
          return;
        }
      }
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      yield chunk;
    }
  };
  let pending: RowProblem[] = [];
  try {
    await lintJsonLinesStream(counted(stream), {
      severityOf: severityResolver(config, filePath),
      now: io.now,
      catalog: catalogFor(config),
      ...(pool
        ? {
            checkBatch: (batch) => pool.check({ ...batch, declared: catalogFor(config).declared }),
            parallel: pool.size * 2,
          }
        : {}),
      onDiagnostic: (d) => pending.push(asProblem(d)),
      onRecord: (index, result, text) => {
        const problems = pending;
        pending = [];
        file.add(index, result.summary, problems, () => text);
        total.addFrom(input.displayPath, index, result.summary, problems, () => text);
      },
    });
  } catch (error) {
    throw new UsageError(`cannot read ${input.displayPath}: ${ioReason(error)}`);
  } finally {
    stream.destroy();
  }
  return binary ? undefined : bytes;
}

/** Reads a JSON file whole and checks it as lint does, feeding both collectors; undefined when it looks binary. */
function readJson(input: InputFile, io: StatsIO, config: ProjectConfig | undefined, filePath: string, file: Collector, total: TotalCollector): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(input.absolutePath, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${input.displayPath}: ${ioReason(error)}`);
  }
  if (looksBinary(text)) {
    return undefined;
  }
  const check = checkDocument(text, 'json', { now: io.now, catalog: catalogFor(config) });
  const byRecord = new Map<number, RowProblem[]>();
  const outside: RowProblem[] = [];
  for (const d of lintText(text, filePath, 'json', config, io.now, { check })) {
    const index = d.finding?.record;
    if (index === undefined) {
      outside.push(asProblem(d));
    } else {
      let list = byRecord.get(index);
      if (!list) {
        list = [];
        byRecord.set(index, list);
      }
      list.push(asProblem(d));
    }
  }
  file.outside(outside);
  total.outsideFrom(input.displayPath, outside);
  check.records.forEach((record, i) => {
    const span = check.layout.spans[i];
    const problems = byRecord.get(record.index) ?? [];
    const recordText = () => text.slice(span.start, span.end);
    file.add(record.index, record.summary, problems, recordText);
    total.addFrom(input.displayPath, record.index, record.summary, problems, recordText);
  });
  return Buffer.byteLength(text);
}

/** Statistics of every input of `args` and of all of them. */
export async function runStats(args: StatsArgs, io: StatsIO): Promise<StatsReport> {
  const loader = new ConfigLoader(nodeFileSystem);
  const explicit = loadExplicitConfig(loader, args.config, io.cwd);
  const inputs = expandPaths(args.paths, io.cwd);
  const total = new TotalCollector();
  const files: FileStats[] = [];
  // Large inputs are checked in worker threads, as lint checks them (the results, and so the statistics, are the same).
  const jobs = defaultJobs(inputs);
  const pool = io.workerScript && jobs > 1 && inputs.some((i) => i.absolutePath !== '-' && isJsonLinesPath(i.absolutePath)) ? new CheckPool(io.workerScript, jobs) : undefined;
  try {
    for (const input of inputs) {
      const filePath = input.absolutePath === '-' ? path.join(io.cwd, 'stdin.incidents.jsonl') : input.absolutePath;
      const config = explicit ?? loader.configFor(filePath);
      const format = input.absolutePath === '-' || isJsonLinesPath(input.absolutePath) ? 'jsonl' : 'json';
      const file = new Collector();
      const bytes =
        format === 'jsonl' ? await streamJsonLines(input, io, config, filePath, file, total, pool) : readJson(input, io, config, filePath, file, total);
      total.files++;
      total.bytes += bytes ?? 0;
      files.push({
        path: input.displayPath,
        format,
        bytes: bytes ?? 0,
        ...(bytes === undefined ? { binary: true as const } : {}),
        summary: file.aggregates.summary(),
        charts: file.aggregates.charts(),
        groups: file.groups.list(),
      });
    }
  } finally {
    await pool?.close();
  }
  return {
    files,
    total: { files: total.files, bytes: total.bytes, summary: total.aggregates.summary(), charts: total.aggregates.charts(), groups: total.totalGroups() },
  };
}
