/**
 * Entry point of the `incident-records` command.
 */
import * as fs from 'node:fs';
import { nodeRuntime } from '../node/nodeRuntime';
import { parseArgs, USAGE, UsageError } from './args';
import { describeFixes, FixEvent } from './fix';
import { runLint } from './lint';
import { formatJson, formatSarif, formatText } from './report';

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
  try {
    const fixEvents: FixEvent[] = [];
    const report = await runLint(args, {
      cwd: process.cwd(),
      readStdin: () => fs.readFileSync(0, 'utf8'),
      stdin: () => process.stdin,
      onFix: (e) => fixEvents.push(e),
    });
    const { fixed, problems } = describeFixes(fixEvents);
    for (const line of problems) {
      process.stderr.write(`incident-records: ${line}\n`);
    }
    const output =
      args.format === 'json'
        ? formatJson(report)
        : args.format === 'sarif'
          ? formatSarif(report, nodeRuntime.version)
          : formatText(report, args.color && !!process.stdout.isTTY && !process.env.NO_COLOR, fixed);
    process.stdout.write(`${output}\n`);
    const { errors, warnings } = report.summary;
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

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
