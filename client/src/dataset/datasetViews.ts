/**
 * The dataset view: its commands, one panel per document (opened beside the
 * dataset's editor), the panel serializer that brings panels back after a
 * reload, and the listeners that keep each panel live.
 */
import * as vscode from 'vscode';
import type { DatasetWebviewState } from '../../../common/datasetMessages';
import { OpenDatasetViewCommand } from '../../../common/protocol';
import type { IncidentLanguageClient } from '../languageClient';
import { LANGUAGE_IDS } from '../languageClient';
import { webviewOptions } from '../preview/timelinePanel';
import { copyDatasetCard, DATASET_VIEW_TYPE, DatasetPanel, DatasetPanelHost, fileName } from './datasetPanel';

export const CopyDatasetCardCommand = 'incidentRecords.copyDatasetCard';

const TEXT = {
  noFile: 'Open a dataset (*.incidents.jsonl, or a *.incident.json array of records) to see its dataset view.',
  notIncident: (name: string) => `${name} is not an incident dataset: the dataset view works on Incident Record (JSON) and (JSON Lines) files.`,
  cannotOpen: (name: string, reason: string) => `Cannot open ${name} for its dataset view: ${reason}`,
  noServer: 'The Incident Records language server is not running. Run "Incident Records: Restart Language Server".',
};

class DatasetViews implements vscode.Disposable {
  private readonly panels = new Map<string, DatasetPanel>();
  private readonly host: DatasetPanelHost;

  constructor(
    private readonly context: vscode.ExtensionContext,
    client: IncidentLanguageClient,
  ) {
    this.host = {
      extensionUri: context.extensionUri,
      client: () => (client.languageClient?.isRunning() ? client.languageClient : undefined),
      log: (message) => client.outputChannel.error(message),
      onDidDispose: (panel) => {
        if (this.panels.get(panel.key) === panel) {
          this.panels.delete(panel.key);
        }
      },
    };
  }

  register(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand(OpenDatasetViewCommand, (...args: unknown[]) => this.open(args)),
      vscode.commands.registerCommand(CopyDatasetCardCommand, (...args: unknown[]) => this.copy(args)),
      vscode.window.registerWebviewPanelSerializer(DATASET_VIEW_TYPE, { deserializeWebviewPanel: (panel, state) => this.restore(panel, state) }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) {
          this.panels.get(event.document.uri.toString())?.changed();
        }
      }),
      vscode.languages.onDidChangeDiagnostics((event) => {
        for (const uri of event.uris) {
          this.panels.get(uri.toString())?.changed();
        }
      }),
    ];
  }

  /** The document a command is about: the title bar passes the editor's `Uri`, a caller a string, the palette nothing (the active editor). */
  private async target(args: unknown[]): Promise<vscode.TextDocument | undefined> {
    const [first] = args;
    const active = vscode.window.activeTextEditor;
    const uri = typeof first === 'string' ? vscode.Uri.parse(first) : first instanceof vscode.Uri ? first : active?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage(TEXT.noFile);
      return undefined;
    }
    let document: vscode.TextDocument;
    try {
      document = active?.document.uri.toString() === uri.toString() ? active.document : await vscode.workspace.openTextDocument(uri);
    } catch (error) {
      void vscode.window.showErrorMessage(TEXT.cannotOpen(uri.toString(), error instanceof Error ? error.message : String(error)));
      return undefined;
    }
    if (!(LANGUAGE_IDS as readonly string[]).includes(document.languageId)) {
      void vscode.window.showInformationMessage(TEXT.notIncident(fileName(uri)));
      return undefined;
    }
    return document;
  }

  private async open(args: unknown[]): Promise<void> {
    const document = await this.target(args);
    if (!document) {
      return;
    }
    const existing = this.panels.get(document.uri.toString());
    if (existing) {
      existing.panel.reveal(undefined, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      DATASET_VIEW_TYPE,
      `Dataset: ${fileName(document.uri)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      { ...webviewOptions(this.context.extensionUri), enableFindWidget: true },
    );
    this.adopt(panel, document.uri);
  }

  private adopt(panel: vscode.WebviewPanel, uri: vscode.Uri): DatasetPanel {
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'icon.png');
    const view = new DatasetPanel(panel, uri, this.host);
    this.panels.get(view.key)?.dispose();
    this.panels.set(view.key, view);
    // The webview announces itself with `ready` (and its restored query); the panel answers with the data.
    return view;
  }

  /** A panel VS Code kept across a reload: bind it to its document again; the webview restores its own query and scroll. */
  private async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = state as Partial<DatasetWebviewState> | undefined;
    if (!saved || typeof saved.uri !== 'string') {
      panel.dispose();
      return;
    }
    this.adopt(panel, vscode.Uri.parse(saved.uri));
  }

  private async copy(args: unknown[]): Promise<void> {
    const activePanel = [...this.panels.values()].find((p) => p.panel.active);
    if (activePanel && args.length === 0) {
      return activePanel.copyCard();
    }
    const document = await this.target(args);
    const client = this.host.client();
    if (!document) {
      return;
    }
    if (!client) {
      void vscode.window.showWarningMessage(TEXT.noServer);
      return;
    }
    await copyDatasetCard(client, document.uri);
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) {
      panel.dispose();
    }
    this.panels.clear();
  }
}

/** Registers the dataset view's commands, serializer and listeners; dispose to remove them and close its panels. */
export function registerDatasetViews(context: vscode.ExtensionContext, client: IncidentLanguageClient): vscode.Disposable {
  const views = new DatasetViews(context, client);
  return vscode.Disposable.from(...views.register(), views);
}
