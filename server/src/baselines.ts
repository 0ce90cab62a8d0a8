/**
 * The editor's side of baselines (`incidentRecords.baseline`): the baseline
 * file, read again only when it changed, and the marker that shows the
 * findings it lists at hint level, marked "(baselined)". Keys and matching
 * are the core's (service/baseline), the same as `lint --baseline`.
 */
import * as path from 'node:path';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { Baseline, BaselineError, BaselineMatcher, NO_RECORD, baselinePath, findingLocation, parseBaseline, recordIdentity } from './service/baseline/baseline';
import type { ConfigFileSystem } from './service/config/configLoader';
import type { DiagnosticMarker } from './service/documentChecker';
import type { RecordStore } from './service/incremental/recordStore';

export const BASELINED_SUFFIX = ' (baselined)';

export type LoadedBaseline = { readonly file: string; readonly baseline: Baseline } | { readonly file: string; readonly error: string };

/** Baseline files by absolute path, parsed once per version of the file. */
export class BaselineCache {
  private readonly cache = new Map<string, { version: string | undefined; loaded: LoadedBaseline }>();

  constructor(private readonly fs: ConfigFileSystem) {}

  load(file: string): LoadedBaseline {
    const version = this.fs.version?.(file);
    const cached = this.cache.get(file);
    if (cached && version !== undefined && cached.version === version) {
      return cached.loaded;
    }
    let loaded: LoadedBaseline;
    try {
      const text = this.fs.readFile(file);
      loaded = text === undefined ? { file, error: 'no such file' } : { file, baseline: parseBaseline(text) };
    } catch (error) {
      loaded = { file, error: error instanceof BaselineError ? error.message : ((error as NodeJS.ErrnoException).code ?? (error as Error).message) };
    }
    this.cache.set(file, { version, loaded });
    return loaded;
  }
}

/**
 * The baseline file a setting names for a document: an absolute path as
 * it is; a relative one from the workspace folder that holds the document
 * (else the first folder, else the document's own folder).
 */
export function resolveBaselinePath(setting: string, documentPath: string, workspaceFolders: readonly string[]): string {
  if (path.isAbsolute(setting)) {
    return path.normalize(setting);
  }
  const containing = workspaceFolders
    .filter((folder) => documentPath === folder || documentPath.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep))
    .sort((a, b) => b.length - a.length)[0];
  return path.resolve(containing ?? workspaceFolders[0] ?? path.dirname(documentPath), setting);
}

/**
 * A marker for one publish of a document: each diagnostic the baseline lists
 * (in document order, counted as the CLI counts) becomes a hint.
 */
export function baselineMarker(baseline: Baseline, baselineFile: string, documentPath: string, store: RecordStore): DiagnosticMarker {
  const matcher = new BaselineMatcher(baseline).file(baselinePath(baselineFile, documentPath));
  const identities = new Map<number, string>();
  return (diagnostic, record) => {
    let identity = NO_RECORD;
    if (record) {
      identity = identities.get(record.index) ?? recordIdentity(record.identityKeys, () => store.source.slice(store.start(record.index), store.end(record.index)));
      identities.set(record.index, identity);
    }
    const message = typeof diagnostic.message === 'string' ? diagnostic.message : String(diagnostic.message);
    const key = { record: identity, code: String(diagnostic.code), at: findingLocation(diagnostic.data, message, !!record) };
    if (!matcher.match(key)) {
      return diagnostic;
    }
    const marked: Diagnostic = { ...diagnostic, severity: DiagnosticSeverity.Hint, message: message + BASELINED_SUFFIX };
    if (diagnostic.data && typeof diagnostic.data === 'object') {
      marked.data = { ...(diagnostic.data as object), baselined: true };
    }
    return marked;
  };
}
