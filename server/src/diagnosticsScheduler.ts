/**
 * Validation per document, incremental and progressive:
 * - each open document has a `RecordStore`; an edit updates it at once (only
 *   the touched records become unchecked), so no work is ever done for a
 *   version that is no longer current;
 * - checking runs in short slices that yield to the event loop, so completion
 *   and hover are answered while a large file is checked; what is done is
 *   published first, the rest as it comes; many records are checked in a
 *   pool of worker threads (both cores), with work-done progress for a large
 *   first check;
 * - small edits are checked right away, larger ones after a short debounce;
 * - a publish always carries the version its diagnostics were computed for;
 * - a publish carries at most the client's limit of diagnostics, the most
 *   useful first (syntax, secrets, what is on screen: `diagnosticPriority`),
 *   re-ranked without checking anything again when the visible ranges
 *   change; every diagnostic is kept for the features that need them all,
 *   and the real totals go to the client with each publish.
 */
import { Diagnostic, DiagnosticSeverity, Range, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { ProblemTotalsNotification } from '../../common/protocol';
import type { ProblemTotals } from '../../common/dataset';
import { prioritiseDiagnostics, severityCounts } from './service/diagnosticPriority';
import type { CheckPool } from './node/checkPool';
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
/** Fewer records than this are checked here, without a round trip to the workers. */
const INLINE_RECORDS = 128;
/** A first check of this many records reports its progress (records checked of total) to the client. */
const PROGRESS_RECORDS = 1000;
/** Records per batch sent to a worker, and batches in flight per worker. */
const BATCH_RECORDS = 128;
const BATCH_CHARS = 512 * 1024;
const BATCHES_PER_WORKER = 2;

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
  /** Every diagnostic of the last publish (not only those published), for re-ranking and for features that need them all. */
  published?: PublishedDiagnostics;
}

/** A document's diagnostics as last computed, whatever the client was sent of them. */
export interface PublishedDiagnostics {
  readonly version: number;
  readonly all: readonly Diagnostic[];
  /** Records of the document, and those with at least one diagnostic (0 when it was not checked record by record). */
  readonly records: number;
  readonly recordsWithProblems: number;
  /** Records not checked yet, when the publish is one of a first check's progressive ones. */
  readonly unchecked?: number;
}

export class DiagnosticsScheduler {
  private readonly entries = new Map<string, Entry>();
  private disposed = false;
  private pool: { readonly size: number; readonly pool: CheckPool | undefined } | undefined;
  /** The ranges on screen per document, as the client last said (`incidentRecords/visibleRanges`). */
  private readonly visible = new Map<string, readonly Range[]>();

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
    this.visible.delete(uri);
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

  /**
   * The ranges of a document on screen changed: when it has more diagnostics
   * than are published, publish those of the new screen first, from the
   * diagnostics kept (nothing is checked again).
   */
  async visibleRangesChanged(uri: string, ranges: readonly Range[]): Promise<void> {
    this.visible.set(uri, ranges);
    const published = this.entries.get(uri)?.published;
    const document = this.state.documents.get(uri);
    if (!published || !document || document.version !== published.version) {
      return; // a publish for the current version follows, with these ranges
    }
    const { maxPublishedDiagnostics } = await this.state.settingsFor(uri);
    if (maxPublishedDiagnostics > 0 && published.all.length > maxPublishedDiagnostics && this.entries.get(uri)?.published === published) {
      await this.send(uri, published, maxPublishedDiagnostics);
    }
  }

  /** Told after each publish of a document's diagnostics (e.g. the dataset view brings its rows up to date). */
  private readonly publishListeners = new Set<(uri: string) => void>();

  onDidPublish(listener: (uri: string) => void): { dispose(): void } {
    this.publishListeners.add(listener);
    return { dispose: () => this.publishListeners.delete(listener) };
  }

  /** Every diagnostic of an open document as last computed, with its version (the editor may show only some of them). */
  diagnosticsOf(uri: string): PublishedDiagnostics | undefined {
    return this.entries.get(uri)?.published;
  }

  dispose(): void {
    this.disposed = true;
    for (const entry of this.entries.values()) {
      entry.timer?.dispose();
    }
    this.entries.clear();
    void this.pool?.pool?.close();
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
    const publish = () => this.publishStore(uri, entry, header, severityOf, mark);
    const pool = entry.store.pending > INLINE_RECORDS ? this.poolOf(settings.workers) : undefined;
    const completed = pool ? await this.checkInWorkers(uri, entry, pool, publish) : await this.checkHere(uri, entry, publish);
    if (completed) {
      await publish();
    }
  }

  /** The worker threads for `size` (the setting), started at the first check that wants them. */
  private poolOf(size: number): CheckPool | undefined {
    if (this.pool?.size !== size) {
      void this.pool?.pool?.close();
      this.pool = { size, pool: this.state.runtime.createCheckPool?.(size) };
    }
    return this.pool.pool;
  }

  /** The entry is still the document's, and the store still its text. */
  private current(uri: string, entry: Entry): boolean {
    return !entry.stale && this.entries.get(uri) === entry && !this.disposed;
  }

  /**
   * Checks the store here, in slices that yield to the event loop. A check
   * that ends within PROGRESS_PUBLISH_MS publishes once (by the caller); a
   * longer one publishes what is done at that interval. False when the
   * document was closed or replaced meanwhile.
   */
  private async checkHere(uri: string, entry: Entry, publish: () => Promise<void>): Promise<boolean> {
    let lastPublish = Date.now();
    for (;;) {
      if (!this.current(uri, entry)) {
        return false; // replaced or closed meanwhile: the run that follows starts again
      }
      const sliceEnd = Date.now() + SLICE_MS;
      if (entry.store.checkSome(() => Date.now() >= sliceEnd)) {
        return this.current(uri, entry);
      }
      if (Date.now() - lastPublish >= PROGRESS_PUBLISH_MS) {
        lastPublish = Date.now();
        await publish();
      }
      await new Promise<void>((resolve) => this.state.runtime.setImmediate(resolve));
    }
  }

  /**
   * Checks the store's unchecked records in the worker threads, a few batches
   * per worker at a time, while this thread keeps answering the client. A
   * result is kept only if the store has not changed since its batch was
   * sent (an edit meanwhile makes the store refuse it; those records are
   * sent again), so nothing stale is ever published. A large first check
   * reports its progress, records checked of total.
   */
  private async checkInWorkers(uri: string, entry: Entry, pool: CheckPool, publish: () => Promise<void>): Promise<boolean> {
    const store = entry.store;
    const total = store.size;
    // Progress is shown once the client has made room for it; checking never waits for that.
    const progress = store.pending >= PROGRESS_RECORDS ? this.beginProgress(`Checking ${total.toLocaleString('en-US')} records`) : undefined;
    let lastPublish = Date.now();
    try {
      while (this.current(uri, entry) && store.pending > 0) {
        const epoch = store.epoch;
        const inFlight: Promise<void>[] = [];
        let from = 0;
        while (this.current(uri, entry) && store.epoch === epoch) {
          const { indices, texts } = store.takeUnchecked(from, BATCH_RECORDS, BATCH_CHARS);
          if (indices.length === 0) {
            break;
          }
          from = indices[indices.length - 1] + 1;
          const batch = { texts, indices, firstIndex: indices[0], inDataset: store.inDataset, now: Date.now(), declared: this.state.catalogFor(uri).declared };
          inFlight.push(
            pool.check(batch).then((results) => {
              results.forEach((result, i) => store.accept(epoch, indices[i], result));
            }),
          );
          if (inFlight.length >= pool.size * BATCHES_PER_WORKER) {
            await inFlight.shift();
            const checked = total - store.pending;
            progress?.report(Math.floor((100 * checked) / Math.max(1, total)), `${checked.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} records`);
            if (Date.now() - lastPublish >= PROGRESS_PUBLISH_MS) {
              lastPublish = Date.now();
              await publish();
            }
          }
        }
        await Promise.all(inFlight);
      }
      return this.current(uri, entry);
    } finally {
      progress?.done();
    }
  }

  /**
   * Work-done progress in the client (VS Code shows it in the status bar),
   * when the client supports it: reports before the client has answered are
   * dropped, and `done` ends it whenever it began.
   */
  private beginProgress(title: string): { report(percentage: number, message: string): void; done(): void } | undefined {
    if (!this.state.clientCapabilities.window?.workDoneProgress) {
      return undefined;
    }
    let reporter: WorkDoneProgressServerReporter | undefined;
    let ended = false;
    this.state.connection.window.createWorkDoneProgress().then(
      (created) => {
        if (ended) {
          return;
        }
        reporter = created;
        reporter.begin(`Incident Records: ${title}`, 0, undefined, false);
      },
      () => undefined,
    );
    return {
      report: (percentage, message) => reporter?.report(percentage, message),
      done: () => {
        ended = true;
        reporter?.done();
      },
    };
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
    // Records with problems, counted as the diagnostics are made (each record's come together, in record order).
    const marker = mark?.(entry.store);
    let recordsWithProblems = 0;
    let lastRecord = -1;
    const counting: DiagnosticMarker = (diagnostic, record) => {
      if (record && record.index !== lastRecord) {
        lastRecord = record.index;
        recordsWithProblems++;
      }
      return marker ? marker(diagnostic, record) : diagnostic;
    };
    const diagnostics = storeDiagnostics(entry.store, (o) => document.positionAt(o), severityOf, counting);
    await this.publish(uri, header.length ? [...header, ...diagnostics] : diagnostics, { records: entry.store.size, recordsWithProblems, unchecked: entry.store.pending });
  }

  private async publish(
    uri: string,
    diagnostics: Diagnostic[],
    counts: { records: number; recordsWithProblems: number; unchecked?: number } = { records: 0, recordsWithProblems: 0 },
  ): Promise<void> {
    const document = this.state.documents.get(uri);
    const entry = this.entries.get(uri);
    if (!document) {
      return;
    }
    const published: PublishedDiagnostics = { version: document.version, all: diagnostics, ...counts };
    if (entry) {
      entry.published = published;
    }
    await this.send(uri, published, (await this.state.settingsFor(uri)).maxPublishedDiagnostics);
    for (const listener of this.publishListeners) {
      try {
        listener(uri);
      } catch (error) {
        this.state.connection.console.error(`A listener of ${uri}'s diagnostics failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  }

  /** Publishes at most `limit` of the diagnostics (ranked only when there are more), then the real totals. */
  private async send(uri: string, published: PublishedDiagnostics, limit: number): Promise<void> {
    const { all } = published;
    const diagnostics = limit > 0 && all.length > limit ? prioritiseDiagnostics(all, limit, this.visible.get(uri)) : (all as Diagnostic[]);
    await this.state.connection.sendDiagnostics({ uri, version: published.version, diagnostics });
    const totals: ProblemTotals = {
      uri,
      problems: all.length,
      records: published.records,
      recordsWithProblems: published.recordsWithProblems,
      published: diagnostics.length,
      ...severityCounts(all),
      ...(published.unchecked ? { unchecked: published.unchecked } : {}),
    };
    await this.state.connection.sendNotification(ProblemTotalsNotification, totals);
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
