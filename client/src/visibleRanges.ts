/**
 * Tells the server which lines of an incident document are on screen
 * (`incidentRecords/visibleRanges`), so that when the document has more
 * problems than VS Code shows (1,000 markers per file) those on screen are
 * published first: scrolling to record 5,000 brings its squiggles. Sent when
 * an editor scrolls (debounced), when the active or visible editors change,
 * and once when the client starts.
 */
import * as vscode from 'vscode';
import { VisibleRangesNotification } from '../../common/protocol';
import type { IncidentLanguageClient } from './languageClient';
import { LANGUAGE_IDS } from './languageClient';

const DEBOUNCE_MS = 100;

function isIncident(document: vscode.TextDocument): boolean {
  return (LANGUAGE_IDS as readonly string[]).includes(document.languageId);
}

class VisibleRangesReporter implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** What was last sent per document, so an unchanged screen is not sent again. */
  private readonly sent = new Map<string, string>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly client: IncidentLanguageClient) {
    this.disposables = [
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => this.schedule(event.textEditor.document)),
      vscode.window.onDidChangeActiveTextEditor((editor) => editor && this.sendNow(editor.document)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.sendNow(e.document))),
      vscode.workspace.onDidCloseTextDocument((document) => this.sent.delete(document.uri.toString())),
    ];
  }

  /** Sends the screens of every visible incident editor (e.g. after the client started). */
  sendAll(): void {
    this.sent.clear();
    for (const editor of vscode.window.visibleTextEditors) {
      this.sendNow(editor.document);
    }
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isIncident(document)) {
      return;
    }
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.sendNow(document);
      }, DEBOUNCE_MS),
    );
  }

  /** The ranges of every editor showing `document` (a split shows two screens of it). */
  private sendNow(document: vscode.TextDocument): void {
    const client = this.client.languageClient;
    if (!isIncident(document) || !client?.isRunning()) {
      return;
    }
    const key = document.uri.toString();
    const ranges = vscode.window.visibleTextEditors
      .filter((e) => e.document === document)
      .flatMap((e) => e.visibleRanges)
      .map((r) => client.code2ProtocolConverter.asRange(r));
    const text = JSON.stringify(ranges);
    if (ranges.length === 0 || this.sent.get(key) === text) {
      return;
    }
    this.sent.set(key, text);
    void client.sendNotification(VisibleRangesNotification, { textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) }, ranges }).catch(() => this.sent.delete(key));
  }

  dispose(): void {
    for (const timer of this.timers.values()) {
      clearTimeout(timer);
    }
    this.timers.clear();
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}

/** Reports the visible ranges of incident editors to the server; call once the client has started. */
export function registerVisibleRanges(client: IncidentLanguageClient): vscode.Disposable {
  const reporter = new VisibleRangesReporter(client);
  reporter.sendAll();
  return reporter;
}
