/**
 * Validation per document, incremental and progressive:
 * - each open document has a `RecordStore`; an edit updates it at once (only
 *   the touched records become unchecked), so no work is ever done for a
 *   version that is no longer current;
 * - checking runs in short slices that yield to the event loop, so completion
 *   and hover are answered while a large file is checked; what is done is
 *   published first, the rest as it comes;
 * - small edits are checked right away, larger ones after a short debounce;
 * - a publish always carries the version its diagnostics were computed for.
 */
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import type { ChunkedTextDocument } from './service/text/chunkedTextDocument';
import { DIAGNOSTIC_SOURCE, ruleDocUrl } from '../../common/diagnosticCodes';
import { severityResolver } from './service/config/config';
import { DiagnosticMarker, storeDiagnostics } from './service/documentChecker';
import { baselineMarker, resolveBaselinePath } from './baselines';
import { RecordStore, TextChange } from './service/incremental/recordStore';
import { formatOf } from './service/recordDocument';
import { checkSyntaxOnly, looksBinary, SNIFF_LENGTH } from './service/limits';
import type { ServerState } from './incidentServer';
import { filePathOf } from './uris';

/** Debounce for edits that leave many records to check (e.g. a paste); small edits run at once. */
const DEBOUNCE_MS = 80;
const SMALL_EDIT_RECORDS = 8;
/** Work per slice before yielding to the event loop, and the interval of progressive publishes. */
const SLICE_MS = 15;
const PROGRESS_PUBLISH_MS = 300;

interface Entry {
  store: RecordStore;
  /** Set while a run is going on for this document. */
  running: boolean;
  /** Another run was asked for while one was going on. */
  again: boolean;
  timer?: { dispose(): void };
  /**
   * The store does not follow the text: not built yet, the text was replaced
   * as a whole, the configuration changed, or only a reduced check applies
   * (too large, binary). It is not updated per change, and the next run
   * builds it again from the text when the file is within the limits.
   */
  stale: boolean;
}

export class DiagnosticsScheduler {
  private readonly entries = new Map<string, Entry>();
  private disposed = false;

  constructor(private readonly state: ServerState) {}

  /** A document was opened: check it (its store is built then, unless the file is too large or binary). */
  open(document: ChunkedTextDocument): void {
    this.entries.set(document.uri, { store: new RecordStore(formatOf(document), '', {}), running: false, again: false, stale: true });
    this.schedule(document.uri, 0);
  }

  /** One change was applied to a document (which now holds the text after it): update its store at once. */
  applied(document: ChunkedTextDocument, change: TextChange): void {
    const entry = this.entries.get(document.uri);
    if (entry && !entry.stale) {
      entry.store.applyChange(change, document.text);
    }
  }

  /** A document changed (its changes were applied): check it soon. */
  change(document: ChunkedTextDocument, replaced: boolean): void {
    const entry = this.entries.get(document.uri);
    if (!entry) {
      this.open(document);
      return;
    }
    if (replaced) {
      entry.stale = true;
    }
    this.schedule(document.uri, !entry.stale && entry.store.pending <= SMALL_EDIT_RECORDS ? 0 : DEBOUNCE_MS);
  }

  revalidateAll(): void {
    for (const document of this.state.documents.all()) {
      const entry = this.entries.get(document.uri);
      if (entry) {
        entry.stale = true;
      }
      this.schedule(document.uri, 0);
    }
  }

  clear(uri: string): void {
    const entry = this.entries.get(uri);
    entry?.timer?.dispose();
    this.entries.delete(uri);
    void this.state.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /**
   * The per-record results of an open document (for features that need them,
   * e.g. the dataset overview); undefined while the document is not checked
   * record by record (not checked yet, too large, binary).
   */
  storeOf(uri: string): RecordStore | undefined {
    const entry = this.entries.get(uri);
    return entry && !entry.stale ? entry.store : undefined;
  }

  dispose(): void {
    this.disposed = true;
    for (const entry of this.entries.values()) {
      entry.timer?.dispose();
    }
    this.entries.clear();
  }


  private schedule(uri: string, delay: number): void {
    const entry = this.entries.get(uri);
    if (!entry || this.disposed) {
      return;
    }
    entry.timer?.dispose();
    const start = () => {
      entry.timer = undefined;
      if (entry.running) {
        entry.again = true;
      } else {
        void this.run(uri, entry);
      }
    };
    entry.timer = delay > 0 ? this.state.runtime.setTimeout(start, delay) : this.state.runtime.setImmediate(start);
  }

  private async run(uri: string, entry: Entry): Promise<void> {
    entry.running = true;
    try {
      do {
        entry.again = false;
        await this.validate(uri, entry);
      } while (entry.again && this.entries.get(uri) === entry);
    } catch (error) {
      this.state.connection.console.error(`Validation of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      entry.running = false;
    }
  }

  private async validate(uri: string, entry: Entry): Promise<void> {
    const document = this.state.documents.get(uri);
    if (!document) {
      return;
    }
    const settings = await this.state.settingsFor(uri);
    if (!settings.validateEnable) {
      await this.publish(uri, []);
      return;
    }
    const filePath = filePathOf(uri);
    const config = this.state.configs.configFor(filePath);
    const severityOf = severityResolver(config, filePath, { onlyLower: !this.state.workspaceTrusted });
    const header: Diagnostic[] = config?.problems.length ? [configProblemDiagnostic(config.path, config.problems.length, config.problems[0].message)] : [];
    let mark: ((store: RecordStore) => DiagnosticMarker) | undefined;
    if (settings.baseline && uri.startsWith('file:')) {
      // incidentRecords.baseline: the findings the baseline lists become hints (read again only when the file changed).
      const file = resolveBaselinePath(settings.baseline, filePath, this.state.workspaceFolders);
      this.state.watchFile(file);
      const loaded = this.state.baselines.load(file);
      if ('error' in loaded) {
        header.push(limitDiagnostic(`The baseline ${file} (incidentRecords.baseline) cannot be used: ${loaded.error}. Findings are shown at their own severity.`));
      } else {
        mark = (store) => baselineMarker(loaded.baseline, file, filePath, store);
      }
    }

    const source = document.text;
    if (looksBinary(source.slice(0, SNIFF_LENGTH))) {
      entry.stale = true;
      await this.publish(uri, [...header, limitDiagnostic('This file looks binary (it contains NUL bytes), so it is not checked.')]);
      return;
    }
    const limitBytes = settings.maxFileSizeMB * 1024 * 1024;
    if (source.length > limitBytes) {
      // Only the syntax is checked; the store is built again once the file is within the limit.
      entry.stale = true;
      const syntax = checkSyntaxOnly(source.toString(), formatOf(document), (o) => document.positionAt(o));
      await this.publish(uri, [
        ...header,
        limitDiagnostic(
          `This file is larger than ${settings.maxFileSizeMB} MB (incidentRecords.limits.maxFileSizeMB), so only its JSON syntax is checked. The command line checks files of any size: incident-records lint <file>.`,
        ),
        ...syntax,
      ]);
      return;
    }

    if (entry.stale) {
      // Opened, replaced, back under the limits, or the configuration changed: split the text again.
      entry.store = new RecordStore(formatOf(document), source, { catalog: this.state.catalogFor(uri) });
      entry.stale = false;
    }
    // A check that ends within PROGRESS_PUBLISH_MS publishes once; a longer one publishes what is done at that interval.
    let lastPublish = Date.now();
    for (;;) {
      if (entry.stale) {
        return; // replaced meanwhile: the run that follows starts again
      }
      const sliceEnd = Date.now() + SLICE_MS;
      const done = entry.store.checkSome(() => Date.now() >= sliceEnd);
      if (this.entries.get(uri) !== entry) {
        return; // closed meanwhile
      }
      if (done) {
        break;
      }
      if (Date.now() - lastPublish >= PROGRESS_PUBLISH_MS) {
        lastPublish = Date.now();
        await this.publishStore(uri, entry, header, severityOf, mark);
      }
      await new Promise<void>((resolve) => this.state.runtime.setImmediate(resolve));
    }
    await this.publishStore(uri, entry, header, severityOf, mark);
  }

  private async publishStore(
    uri: string,
    entry: Entry,
    header: Diagnostic[],
    severityOf: (code: string) => ReturnType<ReturnType<typeof severityResolver>>,
    mark?: (store: RecordStore) => DiagnosticMarker,
  ): Promise<void> {
    const document = this.state.documents.get(uri);
    if (!document) {
      return;
    }
    const diagnostics = storeDiagnostics(entry.store, (o) => document.positionAt(o), severityOf, mark?.(entry.store));
    await this.publish(uri, header.length ? [...header, ...diagnostics] : diagnostics);
  }

  private async publish(uri: string, diagnostics: Diagnostic[]): Promise<void> {
    const document = this.state.documents.get(uri);
    if (!document) {
      return;
    }
    await this.state.connection.sendDiagnostics({ uri, version: document.version, diagnostics });
  }
}

function limitDiagnostic(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: 'IR000',
    codeDescription: { href: ruleDocUrl('IR000') },
    source: DIAGNOSTIC_SOURCE,
    message,
  };
}

function configProblemDiagnostic(configPath: string, count: number, first: string): Diagnostic {
  return {
    ...limitDiagnostic(
      `The configuration ${configPath} has ${count} problem${count === 1 ? '' : 's'} (first: ${first}); the default severities apply to the entries it could not use.`,
    ),
  };
}
