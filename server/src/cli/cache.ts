/**
 * `lint --cache`: results kept between runs, as ESLint's and Prettier's
 * caches keep them, at two levels. A file whose bytes are unchanged (with the
 * same settings) is answered whole, without reading its records; in a file
 * that changed, only the records that changed are checked again.
 *
 * A whole file's findings are keyed by a hash of its bytes, its format, the
 * severities that apply to it, the declared actions and the flags that
 * change the report. A record's result is keyed by its content (a hash of
 * its text), whether it is a dataset entry, and the action catalogue it was
 * checked with; severities are applied after it, so changing them needs no
 * new check of a record. The cache file carries the product version.
 * Results that depend on the clock (a timestamp in the future, IR209, which
 * also keeps it out of IR204/IR205) are never cached, nor is a file that
 * holds one. The dataset rule (IR402) runs over the identity keys each entry
 * keeps. Only findings and identity keys are kept (no record text).
 *
 * The file has three lines: the header (format, version), the whole files'
 * findings, and the records' entries, which are read only when a record has
 * to be looked up. A cache file that is missing, unreadable, corrupt, of
 * another format or of another version is ignored and written anew; it is
 * never trusted. Only the entries of this run are written, so it does not
 * grow with records that are gone; an unchanged run does not write it.
 * Written atomically (a temporary file, renamed).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DeclaredActions } from '../service/catalog';
import { reindex } from '../service/incremental/recordStore';
import type { LocatedProblem } from '../service/problems';
import type { RecordResult } from '../service/recordChecker';
import { SEVERITY_SETTINGS } from '../../../common/diagnosticCodes';
import type { FindingInfo, ReportDiagnostic } from './report';

const SEVERITIES: readonly unknown[] = SEVERITY_SETTINGS.filter((s) => s !== 'off');

export const DEFAULT_CACHE_FILE = '.incident-records-cache';
const FORMAT = 'incident-records-cache/2';

interface Entry {
  /** Identity keys (IR402). */
  readonly k: readonly string[];
  /** Problems, offsets relative to the record. */
  readonly p: readonly LocatedProblem[];
}

/** A whole file's findings, as reported before the baseline, for a file whose bytes are unchanged. */
interface FileEntry {
  readonly d: readonly ReportDiagnostic[];
}

/** Line 1. */
interface Header {
  readonly format: string;
  readonly version: string;
  /** Every record entry belongs to a whole file's entry (so a run that answers every file whole leaves the cache as it is). */
  readonly complete: boolean;
}

/** Line 3. */
interface RecordsPart {
  readonly entries: Readonly<Record<string, Entry>>;
  /** By whole-file key: the keys of its records' entries, kept while the file is answered whole. */
  readonly fileRecords: Readonly<Record<string, readonly string[]>>;
}

/** A file's findings are kept whole only up to this many (beyond, its records are still cached one by one). */
export const MAX_FILE_FINDINGS = 20_000;

function isEntry(value: unknown): value is Entry {
  const e = value as Entry;
  return !!e && Array.isArray(e.k) && e.k.every((k) => typeof k === 'string') && Array.isArray(e.p) && e.p.every(isProblem);
}

function isProblem(value: unknown): value is LocatedProblem {
  const p = value as LocatedProblem;
  return !!p && typeof p.code === 'string' && typeof p.message === 'string' && Number.isInteger(p.start) && Number.isInteger(p.end) && !!p.data && typeof p.data === 'object' && typeof p.data.pointer === 'string';
}

function isPosition(value: unknown): boolean {
  const p = value as { line: unknown; character: unknown };
  return !!p && Number.isInteger(p.line) && Number.isInteger(p.character);
}

function isFinding(value: unknown): boolean {
  const f = value as FindingInfo;
  return (
    !!f &&
    typeof f.identity === 'string' &&
    typeof f.at === 'string' &&
    (f.record === undefined || Number.isInteger(f.record)) &&
    (f.pointer === undefined || typeof f.pointer === 'string') &&
    (f.contentHash === undefined || typeof f.contentHash === 'string')
  );
}

function isReportDiagnostic(value: unknown): value is ReportDiagnostic {
  const d = value as ReportDiagnostic;
  return (
    !!d &&
    typeof d.code === 'string' &&
    SEVERITIES.includes(d.severity) &&
    typeof d.message === 'string' &&
    !!d.range &&
    isPosition(d.range.start) &&
    isPosition(d.range.end) &&
    (d.finding === undefined || isFinding(d.finding))
  );
}

function isFileEntry(value: unknown): value is FileEntry {
  const e = value as FileEntry;
  return !!e && Array.isArray(e.d) && e.d.length <= MAX_FILE_FINDINGS && e.d.every(isReportDiagnostic);
}

/** SHA-1 of a file's bytes, read in chunks (memory does not grow with the file). */
export async function hashFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha1');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('base64');
}

/**
 * The key of a whole file's findings: its bytes, and everything else they
 * depend on (`settings`: the format, the severities that apply to the file,
 * the declared actions, the flags).
 */
export function fileKey(settings: string, contentHash: string): string {
  return `${hashText(settings)}:${contentHash}`;
}

const hashText: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) => (crypto as unknown as { hash(algorithm: string, data: string, encoding: string): string }).hash('sha1', text, 'base64')
    : (text) => crypto.createHash('sha1').update(text).digest('base64');

/** The cache file named by `--cache-location` (a file, or a folder that gets the default name), else the default in `cwd`. */
export function cacheFilePath(cwd: string, location: string | undefined): string {
  if (!location) {
    return path.join(cwd, DEFAULT_CACHE_FILE);
  }
  const absolute = path.resolve(cwd, location);
  const isFolder = location.endsWith('/') || location.endsWith(path.sep) || (fs.existsSync(absolute) && fs.statSync(absolute).isDirectory());
  return isFolder ? path.join(absolute, DEFAULT_CACHE_FILE) : absolute;
}

export interface CacheStats {
  hits: number;
  misses: number;
  /** Why an existing file was not used ("corrupt", "another version"…), when it was not. */
  ignored?: string;
}

export class ResultCache {
  private readonly old = new Map<string, Entry>();
  private readonly next = new Map<string, Entry>();
  private readonly oldFiles = new Map<string, FileEntry>();
  private readonly nextFiles = new Map<string, FileEntry>();
  private readonly oldFileRecords = new Map<string, readonly string[]>();
  private readonly nextFileRecords = new Map<string, readonly string[]>();
  /** Whole files answered from the cache in this run. */
  private readonly answered = new Set<string>();
  readonly stats: CacheStats = { hits: 0, misses: 0 };
  private readonly catalogKeys = new WeakMap<DeclaredActions, string>();
  private header: Header | undefined;
  private filesInFile = 0;
  /** Line 3 of the file, parsed at the first record looked up (undefined once parsed, or when there is none). */
  private recordsText: string | undefined;
  private recordsRead = false;
  /** Record keys looked up since `beginFile`, while a file is checked. */
  private fileRecords: string[] | undefined;

  constructor(
    readonly file: string,
    private readonly version: string,
  ) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      return; // none yet
    }
    try {
      const first = text.indexOf('\n');
      const second = first < 0 ? -1 : text.indexOf('\n', first + 1);
      const header = JSON.parse(first < 0 ? text : text.slice(0, first)) as Header;
      if (!header || typeof header.format !== 'string' || !header.format.startsWith('incident-records-cache/')) {
        this.stats.ignored = 'not a cache of this product';
      } else if (header.format !== FORMAT) {
        this.stats.ignored = 'of an older format';
      } else if (header.version !== version) {
        this.stats.ignored = `made by version ${String(header.version).slice(0, 20)}`;
      } else if (second < 0) {
        this.stats.ignored = 'corrupt';
      } else {
        const files = JSON.parse(text.slice(first + 1, second)) as Record<string, unknown>;
        if (!files || typeof files !== 'object') {
          throw new Error('corrupt');
        }
        for (const key of Object.keys(files)) {
          this.filesInFile++;
          const entry = files[key];
          if (isFileEntry(entry)) {
            this.oldFiles.set(key, entry);
          }
        }
        this.header = header;
        this.recordsText = text.slice(second + 1);
      }
    } catch {
      this.stats.ignored = 'corrupt';
    }
  }

  /** Reads the records' entries (line 3), once, when the first is needed. */
  private readRecords(): void {
    if (this.recordsRead) {
      return;
    }
    this.recordsRead = true;
    const text = this.recordsText;
    this.recordsText = undefined;
    if (text === undefined) {
      return;
    }
    try {
      const part = JSON.parse(text) as RecordsPart;
      const entries = part?.entries && typeof part.entries === 'object' ? part.entries : {};
      for (const key of Object.keys(entries)) {
        if (isEntry(entries[key])) {
          this.old.set(key, entries[key]);
        }
      }
      const fileRecords = part?.fileRecords && typeof part.fileRecords === 'object' ? part.fileRecords : {};
      for (const key of Object.keys(fileRecords)) {
        const keys = fileRecords[key];
        if (Array.isArray(keys) && keys.every((k) => typeof k === 'string')) {
          this.oldFileRecords.set(key, keys);
        }
      }
    } catch {
      this.stats.ignored = 'corrupt';
      this.old.clear();
      this.oldFileRecords.clear();
    }
  }

  /** The key of a record's result: its content, whether it is a dataset entry, the catalogue. */
  key(text: string, inDataset: boolean, declared: DeclaredActions | undefined): string {
    let catalog = '';
    if (declared) {
      catalog = this.catalogKeys.get(declared) ?? hashText(JSON.stringify(declared));
      this.catalogKeys.set(declared, catalog);
    }
    return `${inDataset ? 'd' : 's'}${catalog}:${hashText(text)}`;
  }

  /** The cached result of a record at `index`, if its key is known. */
  get(key: string, index: number): RecordResult | undefined {
    this.readRecords();
    this.fileRecords?.push(key);
    const entry = this.old.get(key) ?? this.next.get(key);
    if (!entry) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    this.next.set(key, entry);
    return reindex({ index: 0, problems: entry.p, identityKeys: entry.k }, index);
  }

  set(key: string, result: RecordResult): void {
    if (result.problems.some((p) => p.code === 'IR209')) {
      this.fileRecords = undefined; // depends on the clock, and so does its file's report
      return;
    }
    this.next.set(key, { k: result.identityKeys, p: result.problems });
  }

  /** A whole file's findings, when a file with this key (`fileKey`) was checked before. */
  fileFindings(key: string): readonly ReportDiagnostic[] | undefined {
    const entry = this.oldFiles.get(key) ?? this.nextFiles.get(key);
    if (!entry) {
      return undefined;
    }
    this.nextFiles.set(key, entry);
    this.answered.add(key);
    return entry.d;
  }

  /** From now on, remember the record keys looked up: those of the file whose check starts. */
  beginFile(): void {
    this.fileRecords = [];
  }

  /**
   * Keeps a whole file's findings with the record keys looked up since
   * `beginFile`; nothing when a record's result depends on the clock or
   * there are more than MAX_FILE_FINDINGS.
   */
  setFileFindings(key: string, findings: readonly ReportDiagnostic[]): void {
    const records = this.fileRecords;
    this.fileRecords = undefined;
    if (records && findings.length <= MAX_FILE_FINDINGS) {
      this.nextFiles.set(key, { d: findings });
      this.nextFileRecords.set(key, [...new Set(records)]);
    }
  }

  /** The check of a file ended without keeping it whole. */
  endFile(): void {
    this.fileRecords = undefined;
  }

  /** Whether the file on disk already holds exactly what this run would write: every file answered whole, nothing else looked up. */
  get unchanged(): boolean {
    return (
      this.header?.complete === true &&
      !this.recordsRead &&
      this.oldFiles.size === this.filesInFile &&
      this.answered.size === this.oldFiles.size &&
      this.nextFiles.size === this.answered.size
    );
  }

  /** Writes this run's entries; a failure to write is reported by the caller, never fatal to the lint. */
  save(): void {
    if (this.unchanged) {
      return; // it would be written as it is
    }
    this.readRecords();
    // The records of a file answered whole were not looked up: they stay, as they were.
    for (const key of this.answered) {
      const records = this.oldFileRecords.get(key) ?? this.nextFileRecords.get(key) ?? [];
      const kept = records.filter((k) => this.old.has(k) || this.next.has(k));
      for (const k of kept) {
        this.next.set(k, (this.next.get(k) ?? this.old.get(k))!);
      }
      this.nextFileRecords.set(key, kept);
    }
    const covered = new Set<string>();
    for (const keys of this.nextFileRecords.values()) {
      keys.forEach((k) => covered.add(k));
    }
    const header: Header = { format: FORMAT, version: this.version, complete: [...this.next.keys()].every((k) => covered.has(k)) };
    const records: RecordsPart = { entries: Object.fromEntries(this.next), fileRecords: Object.fromEntries(this.nextFileRecords) };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(header)}\n${JSON.stringify(Object.fromEntries(this.nextFiles))}\n${JSON.stringify(records)}\n`);
    fs.renameSync(temporary, this.file);
  }
}
