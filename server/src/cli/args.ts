/**
 * Command-line arguments of `incident-records`.
 */

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'jsonl', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface LintArgs {
  readonly command: 'lint';
  readonly format: OutputFormat;
  readonly config?: string;
  readonly fix: boolean;
  readonly maxWarnings?: number;
  /** Report only the findings this baseline file does not list. */
  readonly baseline?: string;
  /** Write the findings to this baseline file instead of reporting them. */
  readonly writeBaseline?: string;
  readonly paths: readonly string[];
  readonly color: boolean;
  /** Worker threads that check records (1: this thread only); the available parallelism by default. */
  readonly jobs?: number;
  /** Keep per-record results between runs (`--cache`), in `cacheLocation` or `.incident-records-cache`. */
  readonly cache?: boolean;
  readonly cacheLocation?: string;
}

export const STATS_FORMATS = ['text', 'json', 'markdown'] as const;
export type StatsFormat = (typeof STATS_FORMATS)[number];

/** `incident-records stats`: the dataset summary (text, json) or dataset card (markdown) of the inputs. */
export interface StatsArgs {
  readonly command: 'stats';
  readonly format: StatsFormat;
  readonly config?: string;
  readonly paths: readonly string[];
}

export type ParsedArgs = LintArgs | StatsArgs | { readonly command: 'help' } | { readonly command: 'version' };

export class UsageError extends Error {}

export const USAGE = `Usage: incident-records lint [options] PATH...

Checks incident records: *.incident.json (one record or an array of records)
and *.incident.jsonl / *.incidents.jsonl (JSON Lines, one record per line).

PATH        a file, a folder (searched for incident files), a glob, or - to
            read JSON Lines from standard input

Options:
  --format FORMAT            output format (default: text):
                               text    file:line:col, severity, code, message
                               json    one JSON object with every file's diagnostics
                               sarif   SARIF 2.1.0, for code scanning
                               jsonl   one JSON object per diagnostic per line, as
                                       found, with the record's identity and content hash
                               github  GitHub Actions annotations (::error file=…)
  --config FILE              use this configuration instead of the nearest
                             .incident-records.json
  --fix                      apply every safe fix in place, then report what remains
  --max-warnings N           fail when there are more than N warnings
  --baseline FILE            report only findings that FILE does not list, and
                             say how many of its findings no longer occur
  --write-baseline FILE      write today's findings to FILE (keyed by record
                             identity, code and JSON pointer, not by line), and
                             exit 0; then lint with --baseline FILE
  --jobs N                   check records in N worker threads (default: the
                             machine's available parallelism for inputs of 64 MB
                             or more, else one thread; 1 checks in one thread)
  --cache                    keep each record's results between runs, so the next
                             run checks only records that changed (restore the
                             cache file between CI runs)
  --cache-location PATH      the cache file, or a folder for it (default:
                             .incident-records-cache)
  --no-color                 plain text output
  -h, --help                 show this help
  -v, --version              show the version

Exit status: 0 no errors (and warnings within --max-warnings), 1 problems
found, 2 usage or I/O error.

Usage: incident-records stats [--format text|json|markdown] [--config FILE] PATH...

Summarises datasets (the same PATHs as lint; JSON Lines are streamed):
records, problems by worst severity, success and failure, services by
severity, the incidents' date range, resolution-time medians per service,
action types and how they went, problems by code.

  --format FORMAT            text      a summary for people (default)
                             json      {"files":[{"path","format","bytes",
                                       "summary","charts","groups"}],
                                       "total":{"files","summary","charts","groups"}}
                             markdown  the dataset card, for a README or review
  --config FILE              severities from this configuration

Exit status: 0 (problems in the data do not fail stats), 2 usage or I/O error.`;

/**
 * Walks a command's arguments (after its name): paths (and everything after
 * `--`) are collected, `-h`/`--help` ends the walk with "help", and each
 * option goes to `option` with a reader of its value (`--name VALUE` or
 * `--name=VALUE`), which throws a usage error for an option it does not know.
 */
function walkArgs(argv: readonly string[], option: (arg: string, takeValue: (name: string) => string) => void): string[] | 'help' {
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
      return 'help';
    } else {
      option(arg, takeValue);
    }
  }
  return paths;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0 || argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') {
    return { command: 'help' };
  }
  if (argv[0] === '-v' || argv[0] === '--version') {
    return { command: 'version' };
  }
  if (argv[0] === 'stats') {
    return parseStatsArgs(argv);
  }
  if (argv[0] !== 'lint') {
    throw new UsageError(`unknown command "${argv[0]}"; try "incident-records lint --help" or "incident-records stats --help"`);
  }
  let format: OutputFormat = 'text';
  let config: string | undefined;
  let fix = false;
  let maxWarnings: number | undefined;
  let baseline: string | undefined;
  let writeBaseline: string | undefined;
  let color = true;
  let jobs: number | undefined;
  let cache = false;
  let cacheLocation: string | undefined;
  const walked = walkArgs(argv, (arg, takeValue) => {
    if (arg === '--format' || arg.startsWith('--format=') || arg === '-f') {
      const value = takeValue('--format');
      if (!(OUTPUT_FORMATS as readonly string[]).includes(value)) {
        throw new UsageError(`--format must be text, json, sarif, jsonl or github, not "${value}"`);
      }
      format = value as OutputFormat;
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
    } else if (arg === '--jobs' || arg.startsWith('--jobs=') || arg === '-j') {
      const value = takeValue('--jobs');
      if (!/^[1-9]\d{0,2}$/.test(value)) {
        throw new UsageError(`--jobs needs a whole number of worker threads from 1 to 999, not "${value}"`);
      }
      jobs = Number(value);
    } else if (arg === '--cache') {
      cache = true;
    } else if (arg === '--cache-location' || arg.startsWith('--cache-location=')) {
      cacheLocation = takeValue('--cache-location');
      if (cacheLocation === '' || cacheLocation === '-') {
        throw new UsageError('--cache-location needs a file or folder name');
      }
    } else if (arg === '--baseline' || arg.startsWith('--baseline=')) {
      baseline = takeValue('--baseline');
    } else if (arg === '--write-baseline' || arg.startsWith('--write-baseline=')) {
      writeBaseline = takeValue('--write-baseline');
    } else {
      throw new UsageError(`unknown option "${arg}"; try "incident-records lint --help"`);
    }
  });
  if (walked === 'help') {
    return { command: 'help' };
  }
  const paths = walked;
  if (paths.length === 0) {
    throw new UsageError('no PATH given; try "incident-records lint examples/"');
  }
  if (baseline !== undefined && writeBaseline !== undefined) {
    throw new UsageError('--baseline and --write-baseline do not go together: --write-baseline FILE writes a new baseline of every finding');
  }
  for (const [name, value] of [['--baseline', baseline], ['--write-baseline', writeBaseline]] as const) {
    if (value === '' || value === '-') {
      throw new UsageError(`${name} needs a file name`);
    }
  }
  if (cacheLocation !== undefined && !cache) {
    throw new UsageError('--cache-location names the cache of --cache: add --cache');
  }
  return { command: 'lint', format, config, fix, maxWarnings, baseline, writeBaseline, paths, color, jobs, cache, cacheLocation };
}

function parseStatsArgs(argv: readonly string[]): ParsedArgs {
  let format: StatsFormat = 'text';
  let config: string | undefined;
  const walked = walkArgs(argv, (arg, takeValue) => {
    if (arg === '--format' || arg.startsWith('--format=') || arg === '-f') {
      const value = takeValue('--format');
      if (!(STATS_FORMATS as readonly string[]).includes(value)) {
        throw new UsageError(`--format of stats must be text, json or markdown, not "${value}"`);
      }
      format = value as StatsFormat;
    } else if (arg === '--config' || arg.startsWith('--config=') || arg === '-c') {
      config = takeValue('--config');
    } else {
      throw new UsageError(`unknown option "${arg}" of stats; try "incident-records stats --help"`);
    }
  });
  if (walked === 'help') {
    return { command: 'help' };
  }
  const paths = walked;
  if (paths.length === 0) {
    throw new UsageError('no PATH given; try "incident-records stats examples/"');
  }
  return { command: 'stats', format, config, paths };
}
