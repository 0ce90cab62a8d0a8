/**
 * `incident-records lint`: checks files with the same core as the editor and
 * builds the report.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { Severity } from '../../../common/diagnosticCodes';
import { ProjectConfig, catalogFor, severityResolver } from '../service/config/config';
import { ConfigLoader } from '../service/config/configLoader';
import { checkDocument, toDiagnostics } from '../service/documentChecker';
import { isJsonLinesPath } from '../service/parsing/recordSpans';
import { LineIndex } from '../service/util/lineIndex';
import { nodeFileSystem } from '../node/nodeRuntime';
import { LintArgs, UsageError } from './args';
import { expandPaths, InputFile, ioReason } from './files';
import { FileReport, Report, ReportDiagnostic, summarize } from './report';
import { FixEvent, fixFileInPlace } from './fix';
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

/** The one diagnostic of a file that is not text. */
function binaryDiagnostic(): ReportDiagnostic {
  return {
    code: 'IR000',
    severity: 'information',
    message: 'This file looks binary (it contains NUL bytes), so it is not checked.',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}

/**
 * Checks a JSON Lines file or standard input line by line, so memory stays
 * bounded whatever the size: a binary file is recognised from its first chunk.
 */
async function lintJsonLinesInput(input: InputFile, io: LintIO, config: ProjectConfig | undefined, filePath: string): Promise<ReportDiagnostic[]> {
  const severityOf = severityResolver(config, filePath);
  const stream = input.absolutePath === '-' ? io.stdin() : fs.createReadStream(input.absolutePath);
  const diagnostics: ReportDiagnostic[] = [];
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
    await lintJsonLinesStream(sniffing(stream), { severityOf, now: io.now, catalog: catalogFor(config), onDiagnostic: (d) => diagnostics.push(d) });
  } catch (error) {
    throw new UsageError(`cannot read ${input.displayPath}: ${ioReason(error)}`);
  } finally {
    stream.destroy();
  }
  return binary ? [binaryDiagnostic()] : diagnostics;
}

export function lintText(text: string, filePath: string, format: 'json' | 'jsonl', config: ProjectConfig | undefined, now?: number): ReportDiagnostic[] {
  const check = checkDocument(text, format, { now, catalog: catalogFor(config) });
  const lines = new LineIndex(text);
  const diagnostics = toDiagnostics(check, (offset) => lines.positionAt(offset), severityResolver(config, filePath));
  return diagnostics.map((d) => ({
    code: String(d.code),
    severity: SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error],
    message: typeof d.message === 'string' ? d.message : d.message.value,
    range: d.range,
  }));
}

function configReport(config: ProjectConfig, cwd: string, text: string | undefined): FileReport {
  const lines = new LineIndex(text ?? '');
  return {
    path: path.relative(cwd, config.path) || config.path,
    diagnostics: config.problems.map((p) => ({
      code: 'IR000',
      severity: 'error',
      message: `Configuration: ${p.message}`,
      range: { start: lines.positionAt(p.start), end: lines.positionAt(p.end) },
    })),
  };
}

export async function runLint(args: LintArgs, io: LintIO): Promise<Report> {
  const loader = new ConfigLoader(nodeFileSystem);
  let explicit: ProjectConfig | undefined;
  if (args.config) {
    try {
      explicit = loader.loadExplicit(path.resolve(io.cwd, args.config));
    } catch (error) {
      throw new UsageError(`cannot read the configuration ${args.config}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  if (args.fix && args.paths.includes('-')) {
    throw new UsageError('--fix rewrites files in place and cannot fix standard input (-); give the files instead');
  }
  const inputs = expandPaths(args.paths, io.cwd);
  const files: FileReport[] = [];
  const reportedConfigs = new Set<string>();
  for (const input of inputs) {
    const filePath = input.absolutePath === '-' ? path.join(io.cwd, 'stdin.incidents.jsonl') : input.absolutePath;
    const config = explicit ?? loader.configFor(filePath);
    if (config && config.problems.length && !reportedConfigs.has(config.path)) {
      reportedConfigs.add(config.path);
      files.push(configReport(config, io.cwd, nodeFileSystem.readFile(config.path)));
    }
    const format = input.absolutePath === '-' || isJsonLinesPath(input.absolutePath) ? 'jsonl' : 'json';
    if (format === 'jsonl' && !args.fix) {
      files.push({ path: input.displayPath, diagnostics: await lintJsonLinesInput(input, io, config, filePath) });
      continue;
    }
    const text = readInput(input, io);
    if (looksBinary(text)) {
      files.push({ path: input.displayPath, diagnostics: [binaryDiagnostic()] });
      continue;
    }
    const outcome = args.fix ? fixFileInPlace(input, text, format, { severityOf: severityResolver(config, filePath), now: io.now, catalog: catalogFor(config) }) : { text };
    if (outcome.event) {
      io.onFix?.(outcome.event);
    }
    files.push({ path: input.displayPath, diagnostics: lintText(outcome.text, filePath, format, config, io.now) });
  }
  return { files, summary: summarize(files, inputs.length) };
}
