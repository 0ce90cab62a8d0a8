/**
 * `incident-records lint --fix`: applies every safe fix of a file in place.
 *
 * A file is only ever replaced whole and atomically (written to a temporary
 * file in the same folder, then renamed over it), keeps its permissions, and
 * is left alone when:
 * - it is not valid UTF-8 (decoding and re-encoding would change bytes the
 *   fixes did not touch);
 * - it is a JSON file that does not parse (fix the syntax first); in JSON
 *   Lines a line that does not parse is left as it is and the others are fixed;
 * - the fixed text would not parse where the original did (never expected; a
 *   safety net);
 * - it changed on disk while the fixes were computed (someone else is
 *   editing it: their version wins and is what gets reported).
 * Running `--fix` again on a fixed file changes nothing: fix-all repeats its
 * passes until no safe fix is left.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SeverityResolver } from '../service/documentChecker';
import type { ActionCatalog } from '../service/catalog';
import { fixAll } from '../service/fixes';
import { DocumentFormat, contentStart } from '../service/parsing/recordSpans';
import { InputFile } from './files';

/** What happened to one file. */
export type FixEvent =
  | { readonly kind: 'fixed'; readonly path: string; readonly applied: number }
  | { readonly kind: 'skipped'; readonly path: string; readonly reason: string }
  | { readonly kind: 'failed'; readonly path: string; readonly reason: string };

export interface FixOutcome {
  /** The file's text after this step (what to report the remaining problems on). */
  readonly text: string;
  readonly event?: FixEvent;
}

const REASONS = {
  notUtf8: 'not fixed: the file is not valid UTF-8, and rewriting it would change bytes no fix touches',
  syntax: 'not fixed: the file is not valid JSON; fix its syntax first, then run --fix again',
  unsafe: 'not fixed: the fixed text would not parse (please report this as a bug)',
  changed: 'not fixed: the file changed on disk while the fixes were computed; its current content is reported',
  write: (code: string) => `could not write the fixed file (${code}); it was left unchanged`,
};

/** Lines of JSON Lines text that do not parse, by content (order kept). */
function brokenLines(text: string): string[] {
  const broken: string[] = [];
  for (const line of text.slice(contentStart(text)).split('\n')) {
    const trimmed = line.trim();
    if (trimmed) {
      try {
        JSON.parse(trimmed);
      } catch {
        broken.push(trimmed);
      }
    }
  }
  return broken;
}

function parsesWhole(text: string): boolean {
  try {
    JSON.parse(text.slice(contentStart(text)));
    return true;
  } catch {
    return false;
  }
}

/** Whether the fixed text parses everywhere the original did. */
function parsesAsBefore(before: string, after: string, format: DocumentFormat): boolean {
  if (format === 'json') {
    return parsesWhole(after);
  }
  const a = brokenLines(before);
  const b = brokenLines(after);
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

/** Writes `text` to `target` atomically: a temporary file in the same folder, flushed, then renamed over it. */
export function writeAtomically(target: string, text: string, mode: number): void {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(temp, 'wx', mode);
    try {
      fs.writeFileSync(fd, text, 'utf8');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.chmodSync(temp, mode); // openSync's mode is filtered by the umask
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

function readBuffer(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Fixes one file in place. `text` is the content read for linting; the file
 * is read again as bytes to make sure that is exactly what is on disk.
 */
export function fixFileInPlace(input: InputFile, text: string, format: DocumentFormat, options: { severityOf: SeverityResolver; now?: number; catalog?: ActionCatalog }): FixOutcome {
  const where = input.displayPath;
  let target: string;
  try {
    target = fs.realpathSync(input.absolutePath);
  } catch (error) {
    return { text, event: { kind: 'failed', path: where, reason: REASONS.write((error as NodeJS.ErrnoException).code ?? String(error)) } };
  }
  const bytes = Buffer.from(text, 'utf8');
  const onDisk = readBuffer(target);
  if (!onDisk || !onDisk.equals(bytes)) {
    const changed = onDisk && Buffer.from(onDisk.toString('utf8'), 'utf8').equals(onDisk);
    return { text: onDisk ? onDisk.toString('utf8') : text, event: { kind: 'skipped', path: where, reason: changed ? REASONS.changed : REASONS.notUtf8 } };
  }
  if (format === 'json' && !parsesWhole(text)) {
    return { text, event: { kind: 'skipped', path: where, reason: REASONS.syntax } };
  }
  const result = fixAll(text, format, options);
  if (result.text === text) {
    return { text };
  }
  if (!parsesAsBefore(text, result.text, format)) {
    return { text, event: { kind: 'skipped', path: where, reason: REASONS.unsafe } };
  }
  const stat = fs.statSync(target);
  const current = readBuffer(target);
  if (!current || !current.equals(bytes)) {
    return { text: current ? current.toString('utf8') : text, event: { kind: 'skipped', path: where, reason: REASONS.changed } };
  }
  try {
    writeAtomically(target, result.text, stat.mode & 0o7777);
  } catch (error) {
    return { text, event: { kind: 'failed', path: where, reason: REASONS.write((error as NodeJS.ErrnoException).code ?? String(error)) } };
  }
  return { text: result.text, event: { kind: 'fixed', path: where, applied: result.applied } };
}

/** `--fix` results as text: one line per fixed file (for the text report) and one per file left alone (for standard error). */
export function describeFixes(events: readonly FixEvent[]): { fixed: string[]; problems: string[] } {
  const fixed: string[] = [];
  const problems: string[] = [];
  for (const event of events) {
    if (event.kind === 'fixed') {
      fixed.push(`${event.path}: applied ${event.applied} fix${event.applied === 1 ? '' : 'es'}.`);
    } else {
      problems.push(`${event.path}: ${event.reason}`);
    }
  }
  return { fixed, problems };
}
