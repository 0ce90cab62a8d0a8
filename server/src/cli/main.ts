/**
 * Entry point of the `incident-records` command.
 */
import * as fs from 'node:fs';
import { runCheckWorkerIfWorker } from '../node/checkPool';
import { nodeRuntime } from '../node/nodeRuntime';
import { parseArgs, StatsArgs, USAGE, UsageError } from './args';
import { describeFixes, FixEvent } from './fix';
import { LintOutcome, runLint } from './lint';
import { FileReport, formatJson, formatText, plural, ReportDiagnostic } from './report';
import { formatSarif } from './sarif';
import { GithubSink, JsonLinesSink, ReportSink } from './streamed';
import { runStats } from './stats';
import { formatStatsJson, formatStatsMarkdown, formatStatsText } from './statsFormat';

/** Keeps every file's diagnostics, for the formats printed at the end (text, json, sarif). */
class CollectingSink implements ReportSink {
  readonly files: FileReport[] = [];
  private current: ReportDiagnostic[] = [];

  beginFile(file: { readonly path: string; readonly absolutePath: string }): void {
    this.current = [];
    this.files.push({ path: file.path, absolutePath: file.absolutePath, diagnostics: this.current });
  }

  diagnostic(d: ReportDiagnostic): void {
    this.current.push(d);
  }

  endRecord(): void {}

  endFile(): void {}

  drain(): Promise<void> {
    return Promise.resolve();
  }
}

/** What `--baseline` left out and what of it no longer occurs, as lines for the report or standard error. */
function baselineNotes(outcome: LintOutcome): string[] {
  if (!outcome.baseline) {
    return [];
  }
  const { file, baselined, unmatched } = outcome.baseline;
  const notes = [`${plural(baselined, 'finding')} of the baseline ${file} not reported.`];
  if (unmatched > 0) {
    notes.push(
      `${plural(unmatched, 'finding')} of the baseline ${file} no longer ${unmatched === 1 ? 'occurs' : 'occur'}: prune ${unmatched === 1 ? 'it' : 'them'} by writing the baseline again (--write-baseline ${file}).`,
    );
  }
  return notes;
}

async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    process.stderr.write(`incident-records: ${(error as Error).message}\n`);
    return 2;
  }
  if (args.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.command === 'version') {
    process.stdout.write(`${nodeRuntime.version}\n`);
    return 0;
  }
  if (args.command === 'stats') {
    return stats(args);
  }
  try {
    const fixEvents: FixEvent[] = [];
    const cwd = process.cwd();
    const collected = new CollectingSink();
    const sink = args.writeBaseline ? collected : args.format === 'jsonl' ? new JsonLinesSink(process.stdout) : args.format === 'github' ? new GithubSink(process.stdout, cwd) : collected;
    const outcome = await runLint(
      args,
      {
        cwd,
        readStdin: () => fs.readFileSync(0, 'utf8'),
        stdin: () => process.stdin,
        onFix: (e) => fixEvents.push(e),
        workerScript: __filename,
        version: nodeRuntime.version,
        onNote: (note) => process.stderr.write(`incident-records: ${note}\n`),
      },
      sink,
      { contentHash: args.format === 'jsonl' },
    );
    const { fixed, problems } = describeFixes(fixEvents);
    for (const line of problems) {
      process.stderr.write(`incident-records: ${line}\n`);
    }
    if (outcome.written) {
      const { file, findings, files } = outcome.written;
      process.stdout.write(`Wrote the baseline ${file}: ${plural(findings, 'finding')} in ${plural(files, 'file')}. Lint with --baseline ${file} to report only new findings.\n`);
      return fixEvents.some((e) => e.kind === 'failed') ? 2 : 0;
    }
    const notes = baselineNotes(outcome);
    const report = { files: collected.files, summary: outcome.summary };
    if (sink instanceof GithubSink) {
      sink.finish(outcome.summary, [...fixed, ...notes]);
    } else if (sink instanceof JsonLinesSink) {
      notes.forEach((note) => process.stderr.write(`incident-records: ${note}\n`));
    } else if (args.format === 'json' || args.format === 'sarif') {
      process.stdout.write(`${args.format === 'json' ? formatJson(report) : formatSarif(report, nodeRuntime.version, cwd)}\n`);
      notes.forEach((note) => process.stderr.write(`incident-records: ${note}\n`));
    } else {
      process.stdout.write(`${formatText(report, args.color && !!process.stdout.isTTY && !process.env.NO_COLOR, [...fixed, ...notes])}\n`);
    }
    const { errors, warnings } = outcome.summary;
    const tooManyWarnings = args.maxWarnings !== undefined && warnings > args.maxWarnings;
    if (fixEvents.some((e) => e.kind === 'failed')) {
      return 2;
    }
    return errors > 0 || tooManyWarnings ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`incident-records: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`incident-records: internal error: ${(error as Error).message}\n`);
    return 2;
  }
}

/** `incident-records stats`: exit 0 whatever the data holds, 2 on a usage or I/O error. */
async function stats(args: StatsArgs): Promise<number> {
  try {
    const report = await runStats(args, { cwd: process.cwd(), stdin: () => process.stdin, workerScript: __filename });
    const out = args.format === 'json' ? formatStatsJson(report) : args.format === 'markdown' ? formatStatsMarkdown(report) : formatStatsText(report);
    process.stdout.write(`${out}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`incident-records: ${error instanceof UsageError ? '' : 'internal error: '}${(error as Error).message}\n`);
    return 2;
  }
}

// The same bundle checks records in worker threads (--jobs): there it serves batches and nothing else.
if (!runCheckWorkerIfWorker()) {
  // A reader that goes away (`incident-records lint --format jsonl . | head`) ends the run: an I/O error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    process.stderr.write(`incident-records: cannot write the output: ${error.code === 'EPIPE' ? 'the reader closed it (EPIPE)' : (error.code ?? error.message)}\n`);
    process.exit(2);
  });

  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
