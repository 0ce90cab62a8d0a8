/**
 * One dataset view panel, bound to one document. The webview asks for pages
 * of rows; the panel forwards them to the language server and answers. While
 * the document changes or its diagnostics are published, it re-requests the
 * aggregates and the page the webview last asked for, at most every ~300 ms.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WEBVIEW_BUNDLE_DIR } from '../../../common/bundles';
import type { DatasetView, DatasetViewParams } from '../../../common/dataset';
import type { FromDatasetWebviewMessage, ToDatasetWebviewMessage } from '../../../common/datasetMessages';
import { DatasetCardRequest, DatasetProblemRequest, DatasetViewRequest } from '../../../common/protocol';
import { webviewOptions } from '../preview/timelinePanel';
import { Throttle } from '../preview/throttle';
import { createNonce, datasetHtml } from './datasetHtml';
import { DatasetRequestPlanner, readWebviewMessage } from './datasetRequests';

export const DATASET_VIEW_TYPE = 'incidentRecords.datasetView';

/** What a panel needs from the extension. */
export interface DatasetPanelHost {
  readonly extensionUri: vscode.Uri;
  client(): LanguageClient | undefined;
  log(message: string): void;
  onDidDispose(panel: DatasetPanel): void;
}

const MESSAGES = {
  noServer: 'The Incident Records language server is not running. Run "Incident Records: Restart Language Server", then reopen the dataset view.',
  notOpen: (name: string) => `${name} is not open in the Incident Records language server yet.`,
  cannotOpen: (name: string, reason: string) => `Cannot open ${name}: ${reason}`,
  failed: (reason: string) => `The dataset view could not be computed: ${reason}. See "Incident Records: Show Output" for details.`,
  noCard: (name: string) => `${name} has no dataset card: it is not open in the language server.`,
  cardCopied: '$(check) Dataset card copied as Markdown',
};

export function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function toRange(range: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export class DatasetPanel implements vscode.Disposable {
  readonly key: string;
  private disposed = false;
  private readonly planner = new DatasetRequestPlanner();
  private readonly refresher: Throttle;
  private readonly disposables: vscode.Disposable[] = [];
  /** Where next/previous problem goes on from when no editor of the document is visible. */
  private problemPosition = new vscode.Position(0, 0);

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly uri: vscode.Uri,
    private readonly host: DatasetPanelHost,
  ) {
    this.key = uri.toString();
    this.refresher = new Throttle(
      () => this.refresh(),
      (error) => this.host.log(`Dataset view refresh failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    );
    panel.title = `Dataset: ${fileName(uri)}`;
    panel.webview.options = webviewOptions(host.extensionUri);
    panel.webview.html = this.html();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** The document changed or got new diagnostics: refresh the aggregates and the current page, throttled. */
  changed(): void {
    this.refresher.schedule();
  }

  private html(): string {
    const webview = this.panel.webview;
    const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.host.extensionUri, ...path)).toString();
    return datasetHtml({
      cspSource: webview.cspSource,
      scriptUri: asset(WEBVIEW_BUNDLE_DIR, 'dataset.js'),
      styleUri: asset('media', 'dataset.css'),
      nonce: createNonce(),
    });
  }

  private post(message: ToDatasetWebviewMessage): void {
    if (!this.disposed) {
      void this.panel.webview.postMessage(message);
    }
  }

  private postEmpty(reason: string): void {
    this.planner.reset();
    this.post({ type: 'empty', uri: this.key, reason });
  }

  private async document(): Promise<vscode.TextDocument | undefined> {
    try {
      // Re-opens a document VS Code closed meanwhile, so the server has it again.
      return await vscode.workspace.openTextDocument(this.uri);
    } catch (error) {
      this.postEmpty(MESSAGES.cannotOpen(fileName(this.uri), errorText(error)));
      return undefined;
    }
  }

  private protocolUri(client: LanguageClient): string {
    return client.code2ProtocolConverter.asUri(this.uri);
  }

  /** Sends one request and posts its answer; false when the view was not drawn. */
  private async request(params: DatasetViewParams, key: string): Promise<void> {
    const client = this.host.client();
    if (!client) {
      return this.postEmpty(MESSAGES.noServer);
    }
    let view: DatasetView | null;
    try {
      view = await client.sendRequest(DatasetViewRequest, params);
    } catch (error) {
      this.host.log(`Dataset view request failed: ${errorText(error)}`);
      return this.postEmpty(MESSAGES.failed(errorText(error)));
    }
    if (this.disposed) {
      return;
    }
    if (!view) {
      return this.postEmpty(MESSAGES.notOpen(fileName(this.uri)));
    }
    const stale = this.planner.received(view);
    this.post({ type: 'dataset', uri: this.key, name: fileName(this.uri), key, view });
    if (stale || !view.complete) {
      // Rows newer than the aggregates, or a first check still running: come back for the rest.
      this.refresher.schedule();
    }
  }

  private async refresh(): Promise<void> {
    const client = this.host.client();
    if (!client) {
      return this.postEmpty(MESSAGES.noServer);
    }
    if (!(await this.document())) {
      return;
    }
    const { params, key } = this.planner.refresh(this.protocolUri(client));
    await this.request(params, key);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const message = readWebviewMessage(raw);
    if (!message) {
      return;
    }
    if (message.type === 'ready') {
      // A (re)loaded webview has at most its saved state: send the aggregates and its page again.
      this.planner.reset(message.query && message.key ? { key: message.key, query: message.query, offset: message.offset ?? 0, limit: message.limit ?? 0 } : undefined);
      return this.refresher.now();
    }
    if (message.uri !== this.key) {
      return;
    }
    return this.handle(message);
  }

  private async handle(message: Exclude<FromDatasetWebviewMessage, { type: 'ready' }>): Promise<void> {
    switch (message.type) {
      case 'query': {
        const client = this.host.client();
        const document = await this.document();
        if (!client || !document) {
          return client ? undefined : this.postEmpty(MESSAGES.noServer);
        }
        return this.request(this.planner.params(this.protocolUri(client), document.version, message), message.key);
      }
      case 'reveal':
        return this.reveal(toRange(message.range), !message.focusEditor);
      case 'goToProblem':
        return this.goToProblem(message.direction, message.code);
      case 'copyCard':
        return this.copyCard();
    }
  }

  /** The editor column beside the panel where the document is (or goes). */
  private editorColumn(): vscode.ViewColumn {
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.key);
    return visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
  }

  /** Selects a range in the document's editor. With `preserveFocus` the view keeps the keyboard; the timeline preview follows the selection. */
  private async reveal(range: vscode.Range, preserveFocus: boolean): Promise<void> {
    const document = await this.document();
    if (!document) {
      return;
    }
    const selection = document.validateRange(range);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: this.editorColumn(), selection, preserveFocus, preview: false });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    this.problemPosition = selection.start;
  }

  async goToProblem(direction: 'next' | 'previous', code?: string): Promise<void> {
    const client = this.host.client();
    if (!client) {
      void vscode.window.showWarningMessage(MESSAGES.noServer);
      return;
    }
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.key);
    // From the selection's far side, so the problem selected last is not found again.
    const position = editor ? (direction === 'next' ? editor.selection.end : editor.selection.start) : this.problemPosition;
    const problem = await client.sendRequest(DatasetProblemRequest, {
      textDocument: { uri: this.protocolUri(client) },
      position: { line: position.line, character: position.character },
      direction,
      ...(code ? { code } : {}),
    });
    this.post({ type: 'problem', uri: this.key, problem });
    if (problem) {
      await this.reveal(toRange(problem.range), true);
    }
  }

  async copyCard(): Promise<void> {
    const client = this.host.client();
    if (!client) {
      void vscode.window.showWarningMessage(MESSAGES.noServer);
      return;
    }
    await copyDatasetCard(client, this.uri);
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.refresher.dispose();
    for (const d of this.disposables) {
      d.dispose();
    }
    this.panel.dispose();
    this.host.onDidDispose(this);
  }
}

/** Copies the document's dataset card (Markdown, computed by the server) to the clipboard. */
export async function copyDatasetCard(client: LanguageClient, uri: vscode.Uri): Promise<void> {
  const markdown = await client.sendRequest(DatasetCardRequest, { textDocument: { uri: client.code2ProtocolConverter.asUri(uri) } });
  if (!markdown) {
    void vscode.window.showWarningMessage(MESSAGES.noCard(fileName(uri)));
    return;
  }
  await vscode.env.clipboard.writeText(markdown);
  vscode.window.setStatusBarMessage(MESSAGES.cardCopied, 4000);
}
