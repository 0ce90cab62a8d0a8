/**
 * `incidentRecords/datasetView`, `incidentRecords/datasetProblem` and
 * `incidentRecords/datasetCard`: the dataset view of an open document, from
 * the per-record results and the diagnostics the pipeline keeps. One
 * `DatasetTracker` per document whose view was asked for; after that it is
 * brought up to date with each publish (and before each answer), by
 * replacing only the rows whose records changed.
 */
import * as path from 'node:path';
import type { DatasetView } from '../../../common/dataset';
import { DatasetCardRequest, DatasetProblemRequest, DatasetViewRequest } from '../../../common/protocol';
import type { Position } from 'vscode-languageserver-types';
import { datasetCard, DatasetTracker } from '../service/dataset';
import type { RecordStore } from '../service/incremental/recordStore';
import type { ServerState } from '../incidentServer';
import { ServerFeature } from './feature';
import { withDocument } from './requests';

interface Kept {
  readonly tracker: DatasetTracker;
  /** The diagnostics the tracker was last synced with (the scheduler's object, compared by identity). */
  synced?: unknown;
}

/** Diagnostics about the tool itself (limits, configuration) are not the data's problems. */
const TOOL_CODE = 'IR000';

class DatasetViews {
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly state: ServerState) {}

  forget(uri: string): void {
    this.kept.delete(uri);
  }

  /** The tracker of `uri`, brought up to the last publish; undefined when the document is not checked record by record. */
  current(uri: string, create: boolean): { tracker: DatasetTracker; store: RecordStore; complete: boolean } | undefined {
    const store = this.state.scheduler.storeOf(uri);
    if (!store) {
      this.kept.delete(uri);
      return undefined;
    }
    let kept = this.kept.get(uri);
    if (!kept) {
      if (!create) {
        return undefined;
      }
      kept = { tracker: new DatasetTracker() };
      this.kept.set(uri, kept);
    }
    const published = this.state.scheduler.diagnosticsOf(uri);
    const document = this.state.documents.get(uri);
    // Diagnostics of the store's current text only: after an edit not yet published, the rows stay as they were.
    if (published && published !== kept.synced && document && published.version === document.version) {
      kept.tracker.sync(
        store,
        published.all.filter((d) => d.code !== TOOL_CODE),
        published.version,
      );
      kept.synced = published;
    }
    const complete = kept.tracker.complete(store) && !!document && kept.tracker.version === document.version;
    return { tracker: kept.tracker, store, complete };
  }
}

function locator(document: { positionAt(offset: number): Position }, store: RecordStore) {
  return (index: number) =>
    index < store.size
      ? { start: document.positionAt(store.start(index)), end: document.positionAt(store.end(index)) }
      : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

export const datasetViewFeature: ServerFeature = {
  capabilities: () => ({}),
  register(state) {
    const views = new DatasetViews(state);
    state.documents.onDidClose((e) => views.forget(e.document.uri));
    // After a publish, a document whose view is open is brought up to date at once (the next answer is then immediate).
    state.scheduler.onDidPublish((uri) => views.current(uri, false));

    state.connection.onRequest(DatasetViewRequest, (params, token) =>
      withDocument(state, params.textDocument.uri, token, 'Dataset view', null, (): DatasetView | null => {
        const document = state.documents.get(params.textDocument.uri);
        const current = document && views.current(document.uri, true);
        if (!document || !current) {
          return null;
        }
        const { tracker, store, complete } = current;
        const model = tracker.model;
        const page = model.query(params, locator(document, store));
        return {
          uri: document.uri,
          version: tracker.version,
          format: store.format,
          complete,
          ...(params.rowsOnly ? {} : { summary: model.summary(), charts: model.charts(), groups: model.groups() }),
          ...page,
        };
      }),
    );

    state.connection.onRequest(DatasetProblemRequest, (params, token) =>
      withDocument(state, params.textDocument.uri, token, 'Dataset problem', null, (document) => {
        const current = views.current(document.uri, true);
        if (!current || !params.position || (params.direction !== 'next' && params.direction !== 'previous')) {
          return null;
        }
        return current.tracker.model.problemFrom(params.position, params.direction, typeof params.code === 'string' ? params.code : undefined);
      }),
    );

    state.connection.onRequest(DatasetCardRequest, (params, token) =>
      withDocument(state, params.textDocument.uri, token, 'Dataset card', null, (document) => {
        const current = views.current(document.uri, true);
        if (!current) {
          return null;
        }
        const model = current.tracker.model;
        const name = decodeURIComponent(path.posix.basename(document.uri.replace(/[?#].*$/, '')));
        return datasetCard({ name, bytes: Buffer.byteLength(current.store.source.toString()), summary: model.summary(), charts: model.charts() });
      }),
    );
  },
};
