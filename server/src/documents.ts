/**
 * Open documents, synchronised incrementally. The text of each is a
 * `ChunkedTextDocument`, so an edit of a large dataset costs the size of the
 * chunk it touches. Each incremental change is announced as it is applied,
 * in offsets of the text before it, so that per-record results can be
 * updated instead of recomputed; `onDidChangeContent` follows once per
 * notification.
 */
import { Connection, Emitter, Event } from 'vscode-languageserver/node';
import { ChunkedTextDocument } from './service/text/chunkedTextDocument';
import type { TextChange } from './service/incremental/recordStore';

export interface DocumentChangeEvent {
  readonly document: ChunkedTextDocument;
  /** Whether the text was replaced as a whole (otherwise every change was announced by `onDidApplyChange`). */
  readonly replaced: boolean;
}

export interface AppliedChangeEvent {
  readonly document: ChunkedTextDocument;
  /** The change, in offsets of the text before it; the document already holds the text after it. */
  readonly change: TextChange;
}

export class IncidentDocuments {
  private readonly documents = new Map<string, ChunkedTextDocument>();
  private readonly opened = new Emitter<{ document: ChunkedTextDocument }>();
  private readonly applied = new Emitter<AppliedChangeEvent>();
  private readonly changed = new Emitter<DocumentChangeEvent>();
  private readonly closed = new Emitter<{ document: ChunkedTextDocument }>();

  get onDidOpen(): Event<{ document: ChunkedTextDocument }> {
    return this.opened.event;
  }

  /** Fired for each incremental change of a notification, right after it is applied. */
  get onDidApplyChange(): Event<AppliedChangeEvent> {
    return this.applied.event;
  }

  get onDidChangeContent(): Event<DocumentChangeEvent> {
    return this.changed.event;
  }

  get onDidClose(): Event<{ document: ChunkedTextDocument }> {
    return this.closed.event;
  }

  get(uri: string): ChunkedTextDocument | undefined {
    return this.documents.get(uri);
  }

  all(): ChunkedTextDocument[] {
    return [...this.documents.values()];
  }

  keys(): string[] {
    return [...this.documents.keys()];
  }

  listen(connection: Connection): void {
    connection.onDidOpenTextDocument(({ textDocument }) => {
      const document = new ChunkedTextDocument(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
      this.documents.set(textDocument.uri, document);
      this.opened.fire({ document });
    });
    connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
      const document = this.documents.get(textDocument.uri);
      if (!document || textDocument.version === null) {
        return;
      }
      let replaced = false;
      document.update(contentChanges, textDocument.version, (change) => this.applied.fire({ document, change }), () => (replaced = true));
      this.changed.fire({ document, replaced });
    });
    connection.onDidCloseTextDocument(({ textDocument }) => {
      const document = this.documents.get(textDocument.uri);
      if (document) {
        this.documents.delete(textDocument.uri);
        this.closed.fire({ document });
      }
    });
  }
}
