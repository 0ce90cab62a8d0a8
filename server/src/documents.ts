/**
 * Open documents, synchronised incrementally. Unlike `TextDocuments` from
 * vscode-languageserver, change events carry each edit as offsets in the text
 * before it, so the per-record results can be updated instead of recomputed.
 */
import { Connection, Emitter, Event, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextChange } from './service/incremental/recordStore';

export interface DocumentChangeEvent {
  readonly document: TextDocument;
  /** The edits in order, each in offsets of the text before it; undefined for a full replacement. */
  readonly changes: readonly TextChange[] | undefined;
}

export class IncidentDocuments {
  private readonly documents = new Map<string, TextDocument>();
  private readonly opened = new Emitter<{ document: TextDocument }>();
  private readonly changed = new Emitter<DocumentChangeEvent>();
  private readonly closed = new Emitter<{ document: TextDocument }>();

  get onDidOpen(): Event<{ document: TextDocument }> {
    return this.opened.event;
  }

  get onDidChangeContent(): Event<DocumentChangeEvent> {
    return this.changed.event;
  }

  get onDidClose(): Event<{ document: TextDocument }> {
    return this.closed.event;
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  all(): TextDocument[] {
    return [...this.documents.values()];
  }

  keys(): string[] {
    return [...this.documents.keys()];
  }

  listen(connection: Connection): void {
    connection.onDidOpenTextDocument(({ textDocument }) => {
      const document = TextDocument.create(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
      this.documents.set(textDocument.uri, document);
      this.opened.fire({ document });
    });
    connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
      const document = this.documents.get(textDocument.uri);
      if (!document || textDocument.version === null) {
        return;
      }
      const changes = this.apply(document, contentChanges, textDocument.version);
      this.changed.fire({ document, changes });
    });
    connection.onDidCloseTextDocument(({ textDocument }) => {
      const document = this.documents.get(textDocument.uri);
      if (document) {
        this.documents.delete(textDocument.uri);
        this.closed.fire({ document });
      }
    });
  }

  /** Applies the changes one by one, recording each as offsets; a full replacement makes the result undefined. */
  private apply(document: TextDocument, contentChanges: TextDocumentContentChangeEvent[], version: number): TextChange[] | undefined {
    let changes: TextChange[] | undefined = [];
    for (const change of contentChanges) {
      if ('range' in change) {
        const start = document.offsetAt(change.range.start);
        const end = document.offsetAt(change.range.end);
        changes?.push({ start, end, text: change.text });
      } else {
        changes = undefined;
      }
      TextDocument.update(document, [change], version);
    }
    return changes;
  }
}
