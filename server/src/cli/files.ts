/**
 * Expands the CLI's PATH arguments into the files to check: files as given,
 * folders searched for incident files, globs, and `-` for standard input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { UsageError } from './args';

export const INCIDENT_FILE_GLOBS = ['**/*.incident.json', '**/*.incident.jsonl', '**/*.incidents.jsonl'];
const IGNORED = ['**/node_modules/**', '**/.git/**'];

export interface InputFile {
  /** The path as shown in output: as given, or the folder/glob as given joined with the found name. */
  readonly displayPath: string;
  /** Absolute path, or `-` for standard input. */
  readonly absolutePath: string;
}

function toDisplay(base: string, found: string): string {
  const joined = path.join(base, found);
  return base.startsWith('./') && !joined.startsWith('./') ? `./${joined}` : joined;
}

const IO_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many levels of symbolic links (a link loop?)',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** A file-system error as the end of a one-line reason: "permission denied (EACCES)". */
export function ioReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code) {
    return IO_REASONS[code] ? `${IO_REASONS[code]} (${code})` : code;
  }
  return error instanceof Error ? error.message : String(error);
}

export function expandPaths(paths: readonly string[], cwd: string): InputFile[] {
  const files: InputFile[] = [];
  const seen = new Set<string>();
  const add = (displayPath: string, absolutePath: string): void => {
    if (!seen.has(absolutePath)) {
      seen.add(absolutePath);
      files.push({ displayPath, absolutePath });
    }
  };
  for (const given of paths) {
    if (given === '-') {
      add('-', '-');
      continue;
    }
    const absolute = path.resolve(cwd, given);
    let stat: fs.Stats | undefined;
    let statError: unknown;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      stat = undefined;
      statError = error;
    }
    if (stat?.isDirectory()) {
      const found = globSync(INCIDENT_FILE_GLOBS, { cwd: absolute, ignore: IGNORED, dot: false, onlyFiles: true }).sort();
      if (found.length === 0) {
        throw new UsageError(`no incident files (*.incident.json, *.incident.jsonl, *.incidents.jsonl) in ${given}`);
      }
      for (const f of found) {
        add(toDisplay(given, f), path.join(absolute, f));
      }
    } else if (stat) {
      add(given, absolute);
    } else if (isDynamicPattern(given)) {
      const found = globSync([given.replace(/\\/g, '/')], { cwd, ignore: IGNORED, onlyFiles: true, absolute: false }).sort();
      if (found.length === 0) {
        throw new UsageError(`no files match ${given}`);
      }
      for (const f of found) {
        add(f, path.resolve(cwd, f));
      }
    } else {
      throw new UsageError(`cannot read ${given}: ${ioReason(statError)}`);
    }
  }
  return files;
}
