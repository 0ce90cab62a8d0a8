/**
 * One timeline preview panel, bound to one document. It shows the record at
 * its anchor (where it was opened, or the cursor when it follows the cursor),
 * refreshes at most every ~300 ms while the document changes, skips the
 * request when neither the version nor the record changed, and reveals an
 * action's JSON when the webview asks.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WEBVIEW_BUNDLE_DIR } from '../../../common/bundles';
import { TimelineMarkdownRequest, TimelineRequest } from '../../../common/protocol';
import type { TimelineModel } from '../../../common/timeline';
import type { FromWebviewMessage, ToWebviewMessage } from '../../../common/webviewMessages';
import { contains, Pos, shiftAnchor } from './anchor';
import { createNonce, timelineHtml } from './timelineHtml';
import { Throttle } from './throttle';

export const TIMELINE_VIEW_TYPE = 'incidentRecords.timeline';

/** What a panel needs from the extension. */
export interface PanelHost {
  readonly extensionUri: vscode.Uri;
  /** The running language client, if any. */
  client(): LanguageClient | undefined;
  log(message: string): void;
  onDidDispose(panel: TimelinePanel): void;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableForms: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, WEBVIEW_BUNDLE_DIR), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

const MESSAGES = {
  noServer: 'The Incident Records language server is not running. Run "Incident Records: Restart Language Server", then reopen the preview.',
  noRecord: (name: string) => `${name} has no incident record to draw yet.`,
  cannotOpen: (name: string, reason: string) => `Cannot open ${name}: ${reason}`,
  failed: (reason: string) => `The timeline could not be computed: ${reason}. See "Incident Records: Show Output" for details.`,
};

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
}

function isFromWebview(value: unknown): value is FromWebviewMessage {
  const m = value as FromWebviewMessage | undefined;
  if (!m || typeof m !== 'object') {
    return false;
  }
  switch (m.type) {
    case 'ready':
      return m.uri === undefined || typeof m.uri === 'string';
    case 'reveal':
      return typeof m.uri === 'string' && typeof m.version === 'number' && (Number.isInteger(m.actionIndex) || Number.isInteger(m.problemIndex));
    case 'copyMarkdown':
      return typeof m.uri === 'string';
    default:
      return false;
  }
}

export class TimelinePanel implements vscode.Disposable {
  readonly key: string;
  private model: TimelineModel | undefined;
  private shown: { version: number; recordIndex: number } | undefined;
  private disposed = false;
  private readonly refresher: Throttle;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly uri: vscode.Uri,
    private anchor: Pos,
    private readonly host: PanelHost,
  ) {
    this.key = uri.toString();
    this.refresher = new Throttle(
      () => this.refresh(),
      (error) => this.host.log(`Timeline refresh failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    );
    panel.webview.options = webviewOptions(host.extensionUri);
    panel.webview.html = this.html();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Shows the record at `position`: now when asked by a command, throttled when following the cursor. */
  moveTo(position: Pos, immediately: boolean): void {
    this.anchor = position;
    if (this.model && contains(this.model.recordRange, position) && this.isCurrent()) {
      return;
    }
    if (immediately) {
      void this.refresher.now();
    } else {
      this.refresher.schedule();
    }
  }

  documentChanged(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0) {
      return;
    }
    this.anchor = shiftAnchor(this.anchor, event.contentChanges);
    this.refresher.schedule();
  }

  async copyMarkdown(): Promise<void> {
    const client = this.host.client();
    if (!client) {
      void vscode.window.showWarningMessage(MESSAGES.noServer);
      return;
    }
    await copyTimelineMarkdown(client, this.uri, this.anchor);
  }

  private html(): string {
    const webview = this.panel.webview;
    const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.host.extensionUri, ...path)).toString();
    return timelineHtml({
      cspSource: webview.cspSource,
      scriptUri: asset(WEBVIEW_BUNDLE_DIR, 'timeline.js'),
      styleUri: asset('media', 'timeline.css'),
      nonce: createNonce(),
    });
  }

  private isCurrent(): boolean {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.key);
    return !!document && !!this.shown && document.version === this.shown.version;
  }

  private post(message: ToWebviewMessage): void {
    if (!this.disposed) {
      void this.panel.webview.postMessage(message);
    }
  }

  private postEmpty(reason: string): void {
    this.model = undefined;
    this.shown = undefined;
    this.post({ type: 'empty', uri: this.key, reason });
  }

  /** Asks the server for the model at the anchor and draws it, unless the same version of the same record is shown. */
  private async refresh(): Promise<void> {
    const client = this.host.client();
    if (!client) {
      return this.postEmpty(MESSAGES.noServer);
    }
    let document: vscode.TextDocument;
    try {
      // Re-opens a document VS Code closed meanwhile, so the server has it again.
      document = await vscode.workspace.openTextDocument(this.uri);
    } catch (error) {
      return this.postEmpty(MESSAGES.cannotOpen(fileName(this.uri), error instanceof Error ? error.message : String(error)));
    }
    if (this.model && this.shown?.version === document.version && contains(this.model.recordRange, this.anchor)) {
      return;
    }
    let model: TimelineModel | null;
    try {
      model = await client.sendRequest(TimelineRequest, { textDocument: { uri: client.code2ProtocolConverter.asUri(this.uri) }, position: this.anchor });
    } catch (error) {
      this.host.log(`Timeline request failed: ${error instanceof Error ? error.message : String(error)}`);
      return this.postEmpty(MESSAGES.failed(error instanceof Error ? error.message : String(error)));
    }
    if (this.disposed) {
      return;
    }
    if (!model) {
      return this.postEmpty(MESSAGES.noRecord(fileName(this.uri)));
    }
    this.show(model);
  }

  private show(model: TimelineModel): void {
    this.model = model;
    this.anchor = model.recordRange.start;
    if (this.shown?.version === model.version && this.shown.recordIndex === model.recordIndex) {
      return;
    }
    this.shown = { version: model.version, recordIndex: model.recordIndex };
    this.panel.title = `Timeline: ${fileName(this.uri)}${model.recordCount > 1 ? ` #${model.recordIndex + 1}` : ''}`;
    this.post({ type: 'timeline', uri: this.key, model });
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isFromWebview(message)) {
      return;
    }
    if (message.type === 'ready') {
      // A (re)loaded webview has at most its saved state: send the current model again.
      this.shown = undefined;
      this.model = undefined;
      return this.refresher.now();
    }
    if (message.uri !== this.key) {
      return;
    }
    if (message.type === 'copyMarkdown') {
      return this.copyMarkdown();
    }
    return this.reveal(message);
  }

  /** Selects the action's JSON (or the problem's range) in an editor beside the preview (re-reading the record if the document changed since it was drawn). */
  private async reveal(message: { readonly actionIndex?: number; readonly problemIndex?: number }): Promise<void> {
    const document = await vscode.workspace.openTextDocument(this.uri);
    if (!this.model || this.shown?.version !== document.version) {
      await this.refresher.now();
    }
    const target = message.problemIndex !== undefined ? this.model?.problems[message.problemIndex] : this.model?.actions[message.actionIndex ?? -1];
    if (!target) {
      return;
    }
    const range = new vscode.Range(target.range.start.line, target.range.start.character, target.range.end.line, target.range.end.character);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.key);
    const viewColumn = visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(document, { viewColumn, selection: range, preserveFocus: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
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

/** Copies the record's timeline at `position` as a Markdown table. */
export async function copyTimelineMarkdown(client: LanguageClient, uri: vscode.Uri, position: Pos): Promise<void> {
  const markdown = await client.sendRequest(TimelineMarkdownRequest, { textDocument: { uri: client.code2ProtocolConverter.asUri(uri) }, position });
  if (!markdown) {
    void vscode.window.showWarningMessage(MESSAGES.noRecord(fileName(uri)));
    return;
  }
  await vscode.env.clipboard.writeText(markdown);
  const rows = markdown.trimEnd().split('\n').length - 2;
  vscode.window.setStatusBarMessage(`$(check) Timeline copied as a Markdown table (${rows} rows)`, 4000);
}
