/**
 * `lint --cache`: per-record results kept between runs, as ESLint's and
 * Prettier's caches keep per-file ones, so a second run over an unchanged (or
 * slightly changed) dataset checks only the records that changed.
 *
 * A result is keyed by the record's content (a hash of its text), whether it
 * is a dataset entry, and the action catalogue it was checked with (the
 * configuration's own action types); the file as a whole carries the product
 * version. Severities are applied after the cache, so changing them needs no
 * new check. Results that depend on the clock (a timestamp in the future,
 * IR209, which also keeps it out of IR204/IR205) are never cached. The
 * dataset rule (IR402) runs over the identity keys each entry keeps. Only
 * problems and identity keys are kept (no record text, no record summary).
 *
 * A cache file that is missing, unreadable, corrupt, of another format or
 * of another version is ignored and written anew; it is never trusted.
 * Only the entries of this run are written, so it does not grow with
 * records that are gone. Written atomically (a temporary file, renamed).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DeclaredActions } from '../service/catalog';
import { reindex } from '../service/incremental/recordStore';
import type { LocatedProblem } from '../service/problems';
import type { RecordResult } from '../service/recordChecker';

export const DEFAULT_CACHE_FILE = '.incident-records-cache';
const FORMAT = 'incident-records-cache/1';

interface Entry {
  /** Identity keys (IR402). */
  readonly k: readonly string[];
  /** Problems, offsets relative to the record. */
  readonly p: readonly LocatedProblem[];
}

interface CacheFile {
  readonly format: string;
  readonly version: string;
  readonly entries: Readonly<Record<string, Entry>>;
}

function isEntry(value: unknown): value is Entry {
  const e = value as Entry;
  return !!e && Array.isArray(e.k) && e.k.every((k) => typeof k === 'string') && Array.isArray(e.p) && e.p.every(isProblem);
}

function isProblem(value: unknown): value is LocatedProblem {
  const p = value as LocatedProblem;
  return !!p && typeof p.code === 'string' && typeof p.message === 'string' && Number.isInteger(p.start) && Number.isInteger(p.end) && !!p.data && typeof p.data === 'object' && typeof p.data.pointer === 'string';
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
  readonly stats: CacheStats = { hits: 0, misses: 0 };
  private readonly catalogKeys = new WeakMap<DeclaredActions, string>();

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
      const parsed = JSON.parse(text) as CacheFile;
      if (!parsed || parsed.format !== FORMAT) {
        this.stats.ignored = 'not a cache of this product';
      } else if (parsed.version !== version) {
        this.stats.ignored = `made by version ${String(parsed.version).slice(0, 20)}`;
      } else if (!parsed.entries || typeof parsed.entries !== 'object') {
        this.stats.ignored = 'corrupt';
      } else {
        for (const key of Object.keys(parsed.entries)) {
          const entry = parsed.entries[key];
          if (isEntry(entry)) {
            this.old.set(key, entry);
          }
        }
      }
    } catch {
      this.stats.ignored = 'corrupt';
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
      return; // depends on the clock
    }
    this.next.set(key, { k: result.identityKeys, p: result.problems });
  }

  /** Writes this run's entries; a failure to write is reported by the caller, never fatal to the lint. */
  save(): void {
    const data: CacheFile = { format: FORMAT, version: this.version, entries: Object.fromEntries(this.next) };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(data));
    fs.renameSync(temporary, this.file);
  }
}
