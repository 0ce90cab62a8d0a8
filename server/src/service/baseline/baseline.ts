/**
 * Baselines: the findings a dataset has today, recorded in a file, so that a
 * team with a legacy dataset can gate CI on new findings only (as PHPStan's
 * and detekt's baselines do). `incident-records lint --write-baseline FILE`
 * writes one, `lint --baseline FILE` reports only the findings that are not
 * in it, and the editor shows baselined findings at hint level
 * (`incidentRecords.baseline`). Shared by the CLI and the server: no LSP, no
 * `vscode`, no file access here (the callers read and write the file).
 *
 * A finding's key is (file, record identity, code, location in the record):
 * - file: the path relative to the baseline file's folder, with `/`;
 * - record identity: IR402's (a hash of the title and the first action's
 *   instant, else of the record's content); for a record that does not
 *   parse, a hash of its text; for a problem outside every record (a broken
 *   outer array), `-`;
 * - code: `IR101`…;
 * - location: the JSON pointer of the node inside the record (for a missing
 *   required property, the pointer of that property), with any segment that
 *   holds a credential masked as `***`; for a problem outside every record,
 *   a hash of its message.
 *
 * Why these parts: none of them depends on a line number or on where the
 * record is in the file, so inserting, removing or reordering records leaves
 * the keys of every other record as they were. The message is not part of a
 * record's key: messages name line numbers ("the same incident as line 3")
 * and values, which change with unrelated edits. A record keeps its identity
 * while its title and first action timestamp stay (IR402's notion of the
 * same incident); editing other fields of it keeps its findings baselined.
 *
 * Counting: two findings of one record may share a key (two copies of the
 * same incident, or a rule reporting one node twice). The baseline stores
 * how many there were; a run baselines at most that many and reports the
 * rest as new.
 */
import * as path from 'node:path';
import { containsSecret, MASK } from '../secrets';
import { contentHash } from '../rules/datasets/duplicateRecord';

/** The `incident-records-baseline` version this module reads and writes. */
export const BASELINE_VERSION = 1;

/** Identity of a problem that belongs to no record. */
export const NO_RECORD = '-';

/** A finding as a baseline knows it (without its file). */
export interface FindingKey {
  /** The record's identity (IR402), `r:…` for a record that does not parse, `-` outside records. */
  readonly record: string;
  readonly code: string;
  /** Where in the record: a JSON pointer with credentials masked, or `~message:<hash>` outside records. */
  readonly at: string;
}

export interface BaselineEntry extends FindingKey {
  readonly count: number;
}

/** A parsed baseline: entries by file path (relative to the baseline's folder, with `/`). */
export interface Baseline {
  readonly files: ReadonlyMap<string, readonly BaselineEntry[]>;
}

/** A baseline file that cannot be used; the message is one line, for "cannot read the baseline FILE: …". */
export class BaselineError extends Error {}

/**
 * A record's identity: the first IR402 identity key when it has one (it
 * parsed as an object), else a hash of its text.
 */
export function recordIdentity(identityKeys: readonly string[], recordText: () => string): string {
  return identityKeys.length ? identityKeys[0] : `r:${contentHash(recordText().trim())}`;
}

/**
 * A JSON pointer whose segments holding a credential (a secret used as a
 * property name) are masked. Each segment is checked as the property name it
 * stands for (`~1` is `/`), so a URL with a password used as a key is found.
 */
export function safePointer(pointer: string): string {
  if (pointer === '') {
    return pointer;
  }
  let safe = safePointers.get(pointer);
  if (safe === undefined) {
    // Pointers repeat across records ("/incident/metadata"): remembered, so a large dataset checks each once.
    if (safePointers.size >= 10_000) {
      safePointers.clear();
    }
    safe = maskPointer(pointer);
    safePointers.set(pointer, safe);
  }
  return safe;
}

const safePointers = new Map<string, string>();

function maskPointer(pointer: string): string {
  const segments = pointer.split('/');
  let masked = false;
  for (let i = 1; i < segments.length; i++) {
    if (containsSecret(segments[i].replace(/~1/g, '/').replace(/~0/g, '~'))) {
      segments[i] = MASK;
      masked = true;
    }
  }
  return masked ? segments.join('/') : pointer;
}

/**
 * Where a finding is, for its key: the diagnostic data's pointer (the
 * missing property's own pointer for IR002), masked; a hash of the message
 * when the finding belongs to no record.
 */
export function findingLocation(data: unknown, message: string, inRecord: boolean): string {
  const d = (data && typeof data === 'object' ? data : {}) as { pointer?: unknown; propertyPointer?: unknown };
  const pointer = typeof d.propertyPointer === 'string' ? d.propertyPointer : typeof d.pointer === 'string' ? d.pointer : undefined;
  if (inRecord && pointer !== undefined) {
    return safePointer(pointer);
  }
  return `~message:${contentHash(message)}`;
}

/** The path of a checked file as a baseline names it: relative to the baseline's folder, with `/`. */
export function baselinePath(baselineFile: string, filePath: string): string {
  if (filePath === '-') {
    return '-';
  }
  const relative = path.relative(path.dirname(path.resolve(baselineFile)), path.resolve(filePath));
  return (relative || path.basename(filePath)).split(path.sep).join('/');
}

function keyString(key: FindingKey): string {
  return `${key.record}\u0000${key.code}\u0000${key.at}`;
}

function fail(message: string): never {
  throw new BaselineError(message);
}

/** Parses a baseline file's text; throws `BaselineError` with a one-line reason. */
export function parseBaseline(text: string): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    fail(`not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(value) || !('incident-records-baseline' in value)) {
    fail('not an incident-records baseline (no "incident-records-baseline" version); write one with --write-baseline');
  }
  if (value['incident-records-baseline'] !== BASELINE_VERSION) {
    fail(`baseline version ${JSON.stringify(value['incident-records-baseline'])} is not supported (this version reads ${BASELINE_VERSION}); write it again with --write-baseline`);
  }
  const findings = value.findings;
  if (!isObject(findings)) {
    fail('"findings" must be an object of file paths');
  }
  const files = new Map<string, BaselineEntry[]>();
  for (const [file, list] of Object.entries(findings)) {
    const where = `findings[${JSON.stringify(file)}]`;
    if (!Array.isArray(list)) {
      fail(`${where} must be a list`);
    }
    const entries: BaselineEntry[] = [];
    list.forEach((entry, i) => {
      if (!isObject(entry)) {
        fail(`${where}[${i}] must be an object`);
      }
      for (const field of ['record', 'code', 'at'] as const) {
        if (typeof entry[field] !== 'string') {
          fail(`${where}[${i}].${field} must be a string`);
        }
      }
      const count = entry.count ?? 1;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
        fail(`${where}[${i}].count must be a whole number of at least 1`);
      }
      entries.push({ record: entry.record as string, code: entry.code as string, at: entry.at as string, count });
    });
    files.set(file, entries);
  }
  return { files };
}

/** Counts findings by file and key, and writes them as a baseline file. */
export class BaselineCollector {
  private readonly files = new Map<string, Map<string, { key: FindingKey; count: number }>>();

  add(file: string, key: FindingKey): void {
    let keys = this.files.get(file);
    if (!keys) {
      keys = new Map();
      this.files.set(file, keys);
    }
    const id = keyString(key);
    const found = keys.get(id);
    if (found) {
      found.count++;
    } else {
      keys.set(id, { key: { record: key.record, code: key.code, at: key.at }, count: 1 });
    }
  }

  get findingCount(): number {
    let n = 0;
    for (const keys of this.files.values()) {
      for (const { count } of keys.values()) {
        n += count;
      }
    }
    return n;
  }

  get fileCount(): number {
    return this.files.size;
  }

  /** The baseline file's text: files and entries sorted, one entry per line, so it diffs well. */
  toText(): string {
    const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const lines = [
      '{',
      `  "incident-records-baseline": ${BASELINE_VERSION},`,
      '  "note": "Known findings of incident-records lint, by file, record identity (IR402), code and JSON pointer. Findings listed here are not reported by lint --baseline; write it again with lint --write-baseline to drop the ones that no longer occur.",',
    ];
    const files = [...this.files.keys()].sort(compare);
    if (files.length === 0) {
      lines.push('  "findings": {}', '}');
      return lines.join('\n') + '\n';
    }
    lines.push('  "findings": {');
    files.forEach((file, f) => {
      const entries = [...this.files.get(file)!.values()].sort(
        (a, b) => compare(a.key.record, b.key.record) || compare(a.key.code, b.key.code) || compare(a.key.at, b.key.at),
      );
      lines.push(`    ${JSON.stringify(file)}: [`);
      entries.forEach(({ key, count }, i) => {
        lines.push(`      ${JSON.stringify({ record: key.record, code: key.code, at: key.at, count })}${i < entries.length - 1 ? ',' : ''}`);
      });
      lines.push(`    ]${f < files.length - 1 ? ',' : ''}`);
    });
    lines.push('  }', '}');
    return lines.join('\n') + '\n';
  }
}

/** Matches one file's findings against its baseline entries, in document order. */
export class FileMatcher {
  constructor(private readonly remaining: Map<string, number>) {}

  /** Whether the finding is in the baseline (and uses up one of its count). */
  match(key: FindingKey): boolean {
    const id = keyString(key);
    const left = this.remaining.get(id);
    if (!left) {
      return false;
    }
    this.remaining.set(id, left - 1);
    return true;
  }

  /** Baselined findings of this file not matched so far. */
  get unmatched(): number {
    let n = 0;
    for (const left of this.remaining.values()) {
      n += left;
    }
    return n;
  }
}

/** Each file's counts by key, computed once per baseline (the editor matches on every publish). */
const countsCache = new WeakMap<Baseline, Map<string, ReadonlyMap<string, number>>>();

function countsOf(baseline: Baseline, file: string): ReadonlyMap<string, number> {
  let byFile = countsCache.get(baseline);
  if (!byFile) {
    byFile = new Map();
    countsCache.set(baseline, byFile);
  }
  let counts = byFile.get(file);
  if (!counts) {
    const built = new Map<string, number>();
    for (const entry of baseline.files.get(file) ?? []) {
      const id = keyString(entry);
      built.set(id, (built.get(id) ?? 0) + entry.count);
    }
    counts = built;
    byFile.set(file, counts);
  }
  return counts;
}

/** A baseline applied to one run: a fresh matcher per checked file, and what did not occur. */
export class BaselineMatcher {
  private readonly checked = new Map<string, FileMatcher>();

  constructor(private readonly baseline: Baseline) {}

  /** The matcher of a file for this run (the same one when a file is asked for twice). */
  file(file: string): FileMatcher {
    let matcher = this.checked.get(file);
    if (!matcher) {
      matcher = new FileMatcher(new Map(countsOf(this.baseline, file)));
      this.checked.set(file, matcher);
    }
    return matcher;
  }

  /**
   * Baselined findings that no longer occur: those of the checked files that
   * were not matched, and all of those of files that no longer exist. Files
   * that exist but were not checked in this run (a pre-commit run checks the
   * staged files only) are not counted.
   */
  unmatched(exists: (file: string) => boolean): number {
    let n = 0;
    for (const [file, entries] of this.baseline.files) {
      const matcher = this.checked.get(file);
      if (matcher) {
        n += matcher.unmatched;
      } else if (!exists(file)) {
        n += entries.reduce((sum, e) => sum + e.count, 0);
      }
    }
    return n;
  }
}
