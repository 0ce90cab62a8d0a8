/**
 * The timeline preview: commands, one panel per document, and the panel
 * serializer that brings panels back after a reload.
 *
 * One panel per document (not one panel following the active editor), as the
 * Markdown preview does when locked: a reviewer can keep the timelines of two
 * records side by side, and a panel never switches to an unrelated file.
 * Within its document a panel follows the cursor from record to record (JSON
 * Lines and JSON arrays) while `incidentRecords.timeline.followCursor` is on.
 */
import * as vscode from 'vscode';
import type { TimelineWebviewState } from '../../../common/webviewMessages';
import type { IncidentLanguageClient } from '../languageClient';
import { LANGUAGE_IDS } from '../languageClient';
import { Pos } from './anchor';
import { copyTimelineMarkdown, PanelHost, TIMELINE_VIEW_TYPE, TimelinePanel, webviewOptions } from './timelinePanel';

const TEXT = {
  noRecordFile: 'Open an incident record (*.incident.json or *.incidents.jsonl) to see its timeline.',
  notIncident: (name: string) => `${name} is not an incident record: the timeline preview works on Incident Record (JSON) and (JSON Lines) files.`,
  cannotOpen: (name: string, reason: string) => `Cannot open ${name} for its timeline: ${reason}`,
  noServer: 'The Incident Records language server is not running. Run "Incident Records: Restart Language Server".',
};

function isPosition(value: unknown): value is Pos {
  const p = value as Pos | undefined;
  return !!p && typeof p === 'object' && Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0;
}

function followCursor(): boolean {
  return vscode.workspace.getConfiguration('incidentRecords').get<boolean>('timeline.followCursor', true) !== false;
}

class TimelinePreviews implements vscode.Disposable {
  private readonly panels = new Map<string, TimelinePanel>();
  private readonly host: PanelHost;

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
      vscode.commands.registerCommand('incidentRecords.showTimeline', (...args: unknown[]) => this.show(false, args)),
      vscode.commands.registerCommand('incidentRecords.showTimelineToSide', (...args: unknown[]) => this.show(true, args)),
      vscode.commands.registerCommand('incidentRecords.copyTimelineMarkdown', (...args: unknown[]) => this.copy(args)),
      vscode.window.registerWebviewPanelSerializer(TIMELINE_VIEW_TYPE, { deserializeWebviewPanel: (panel, state) => this.restore(panel, state) }),
      vscode.workspace.onDidChangeTextDocument((event) => this.panels.get(event.document.uri.toString())?.documentChanged(event)),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        const panel = this.panels.get(event.textEditor.document.uri.toString());
        if (panel && followCursor() && event.selections.length > 0) {
          panel.moveTo(event.selections[0].active, false);
        }
      }),
    ];
  }

  /**
   * The document and position a command is about: a code lens passes
   * `(uri: string, position)`, the editor title bar passes the editor's
   * `Uri`, the command palette nothing (the active editor and its cursor).
   */
  private async target(args: unknown[]): Promise<{ document: vscode.TextDocument; position: Pos } | undefined> {
    const [first, second] = args;
    const active = vscode.window.activeTextEditor;
    const uri = typeof first === 'string' ? vscode.Uri.parse(first) : first instanceof vscode.Uri ? first : active?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage(TEXT.noRecordFile);
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
      void vscode.window.showInformationMessage(TEXT.notIncident(uri.path.slice(uri.path.lastIndexOf('/') + 1)));
      return undefined;
    }
    const cursor = active?.document === document ? active.selection.active : undefined;
    return { document, position: isPosition(second) ? second : (cursor ?? { line: 0, character: 0 }) };
  }

  private async show(toSide: boolean, args: unknown[]): Promise<void> {
    const target = await this.target(args);
    if (!target) {
      return;
    }
    const key = target.document.uri.toString();
    const existing = this.panels.get(key);
    if (existing) {
      existing.panel.reveal(undefined, toSide);
      existing.moveTo(target.position, true);
      return;
    }
    // Beside the editor either way (the code lens and the palette too): the record stays in view while its timeline is read.
    const panel = vscode.window.createWebviewPanel(
      TIMELINE_VIEW_TYPE,
      'Timeline',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: toSide },
      { ...webviewOptions(this.context.extensionUri), enableFindWidget: true },
    );
    this.adopt(panel, target.document.uri, target.position);
  }

  private adopt(panel: vscode.WebviewPanel, uri: vscode.Uri, anchor: Pos): TimelinePanel {
    panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'icon.png');
    const timeline = new TimelinePanel(panel, uri, anchor, this.host);
    this.panels.get(timeline.key)?.dispose();
    this.panels.set(timeline.key, timeline);
    // The webview announces itself with `ready`; the panel answers with the model.
    return timeline;
  }

  /** A panel VS Code kept across a reload: bind it to its document again, on the record it showed. */
  private async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = state as Partial<TimelineWebviewState> | undefined;
    if (!saved || typeof saved.uri !== 'string') {
      panel.dispose();
      return;
    }
    const anchor = isPosition(saved.anchor) ? saved.anchor : { line: 0, character: 0 };
    this.adopt(panel, vscode.Uri.parse(saved.uri), anchor);
  }

  private async copy(args: unknown[]): Promise<void> {
    const activePanel = [...this.panels.values()].find((p) => p.panel.active);
    if (activePanel && args.length === 0) {
      return activePanel.copyMarkdown();
    }
    const target = await this.target(args);
    const client = this.host.client();
    if (!target) {
      return;
    }
    if (!client) {
      void vscode.window.showWarningMessage(TEXT.noServer);
      return;
    }
    await copyTimelineMarkdown(client, target.document.uri, target.position);
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) {
      panel.dispose();
    }
    this.panels.clear();
  }
}

/** Registers the timeline preview's commands, serializer and listeners; dispose to remove them and close its panels. */
export function registerTimelinePreview(context: vscode.ExtensionContext, client: IncidentLanguageClient): vscode.Disposable {
  const previews = new TimelinePreviews(context, client);
  return vscode.Disposable.from(...previews.register(), previews);
}
