/**
 * Command-line arguments of `incident-records`.
 */

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface LintArgs {
  readonly command: 'lint';
  readonly format: OutputFormat;
  readonly config?: string;
  readonly fix: boolean;
  readonly maxWarnings?: number;
  readonly paths: readonly string[];
  readonly color: boolean;
}

export type ParsedArgs = LintArgs | { readonly command: 'help' } | { readonly command: 'version' };

export class UsageError extends Error {}

export const USAGE = `Usage: incident-records lint [options] PATH...

Checks incident records: *.incident.json (one record or an array of records)
and *.incident.jsonl / *.incidents.jsonl (JSON Lines, one record per line).

PATH        a file, a folder (searched for incident files), a glob, or - to
            read JSON Lines from standard input

Options:
  --format text|json|sarif   output format (default: text)
  --config FILE              use this configuration instead of the nearest
                             .incident-records.json
  --fix                      apply every safe fix in place, then report what remains
  --max-warnings N           fail when there are more than N warnings
  --no-color                 plain text output
  -h, --help                 show this help
  -v, --version              show the version

Exit status: 0 no errors (and warnings within --max-warnings), 1 problems
found, 2 usage or I/O error.`;

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0 || argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') {
    return { command: 'help' };
  }
  if (argv[0] === '-v' || argv[0] === '--version') {
    return { command: 'version' };
  }
  if (argv[0] !== 'lint') {
    throw new UsageError(`unknown command "${argv[0]}"; try "incident-records lint --help"`);
  }
  let format: OutputFormat = 'text';
  let config: string | undefined;
  let fix = false;
  let maxWarnings: number | undefined;
  let color = true;
  const paths: string[] = [];
  let onlyPaths = false;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    const takeValue = (name: string): string => {
      const eq = arg.indexOf('=');
      if (eq > 0) {
        return arg.slice(eq + 1);
      }
      const value = argv[++i];
      if (value === undefined) {
        throw new UsageError(`${name} needs a value`);
      }
      return value;
    };
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      paths.push(arg);
    } else if (arg === '--') {
      onlyPaths = true;
    } else if (arg === '-h' || arg === '--help') {
      return { command: 'help' };
    } else if (arg === '--format' || arg.startsWith('--format=') || arg === '-f') {
      const value = takeValue('--format');
      if (value !== 'text' && value !== 'json' && value !== 'sarif') {
        throw new UsageError(`--format must be text, json or sarif, not "${value}"`);
      }
      format = value;
    } else if (arg === '--config' || arg.startsWith('--config=') || arg === '-c') {
      config = takeValue('--config');
    } else if (arg === '--fix') {
      fix = true;
    } else if (arg === '--no-color') {
      color = false;
    } else if (arg === '--max-warnings' || arg.startsWith('--max-warnings=')) {
      const value = takeValue('--max-warnings');
      if (!/^\d+$/.test(value)) {
        throw new UsageError(`--max-warnings needs a whole number, not "${value}"`);
      }
      maxWarnings = Number(value);
    } else {
      throw new UsageError(`unknown option "${arg}"; try "incident-records lint --help"`);
    }
  }
  if (paths.length === 0) {
    throw new UsageError('no PATH given; try "incident-records lint examples/"');
  }
  return { command: 'lint', format, config, fix, maxWarnings, paths, color };
}
