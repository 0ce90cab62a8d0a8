/**
 * `incident-records lint`: checks files with the same core as the editor and
 * builds the report.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { Severity } from '../../../common/diagnosticCodes';
import { ProjectConfig, severityResolver } from '../service/config/config';
import { ConfigLoader } from '../service/config/configLoader';
import { checkDocument, toDiagnostics } from '../service/documentChecker';
import { isJsonLinesPath } from '../service/parsing/recordSpans';
import { LineIndex } from '../service/util/lineIndex';
import { nodeFileSystem } from '../node/nodeRuntime';
import { LintArgs, UsageError } from './args';
import { expandPaths, InputFile } from './files';
import { FileReport, Report, ReportDiagnostic, summarize } from './report';
import { FixEvent, fixFileInPlace } from './fix';

const SEVERITY_NAMES: Record<DiagnosticSeverity, Severity> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

export interface LintIO {
  readonly cwd: string;
  readStdin(): string;
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
    throw new UsageError(`cannot read ${file.displayPath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

export function lintText(text: string, filePath: string, format: 'json' | 'jsonl', config: ProjectConfig | undefined, now?: number): ReportDiagnostic[] {
  const check = checkDocument(text, format, { now });
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

export function runLint(args: LintArgs, io: LintIO): Report {
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
    const text = readInput(input, io);
    const filePath = input.absolutePath === '-' ? path.join(io.cwd, 'stdin.incidents.jsonl') : input.absolutePath;
    const config = explicit ?? loader.configFor(filePath);
    if (config && config.problems.length && !reportedConfigs.has(config.path)) {
      reportedConfigs.add(config.path);
      files.push(configReport(config, io.cwd, nodeFileSystem.readFile(config.path)));
    }
    const format = input.absolutePath === '-' || isJsonLinesPath(input.absolutePath) ? 'jsonl' : 'json';
    const outcome = args.fix ? fixFileInPlace(input, text, format, { severityOf: severityResolver(config, filePath), now: io.now }) : { text };
    if (outcome.event) {
      io.onFix?.(outcome.event);
    }
    files.push({ path: input.displayPath, diagnostics: lintText(outcome.text, filePath, format, config, io.now) });
  }
  return { files, summary: summarize(files, inputs.length) };
}
