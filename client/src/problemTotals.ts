/**
 * A status bar item with the real problem totals of the active incident
 * document ("$(warning) 22,561 problems in 7,092 records"), from the
 * server's `incidentRecords/problemTotals` sent with each publish: VS Code's
 * Problems panel stops at 1,000 per file, so its count is not the dataset's.
 * Hidden for documents without problems and for other languages; a click
 * opens the dataset view, which lists every problem.
 */
import * as vscode from 'vscode';
import type { ProblemTotals } from '../../common/dataset';
import { OpenDatasetViewCommand, ProblemTotalsNotification } from '../../common/protocol';
import type { IncidentLanguageClient } from './languageClient';
import { totalsText } from './problemTotalsText';
import { LANGUAGE_IDS } from './languageClient';

class ProblemTotalsItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('incidentRecords.problemTotals', vscode.StatusBarAlignment.Left, 10);
  /** Totals per document, keyed by the server's URI string. */
  private readonly totals = new Map<string, ProblemTotals>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly client: IncidentLanguageClient) {
    this.item.name = 'Incident Records: Problems';
    const languageClient = client.languageClient;
    this.disposables = [
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.totals.delete(this.keyOf(document.uri));
        this.update();
      }),
    ];
    if (languageClient) {
      this.disposables.push(
        languageClient.onNotification(ProblemTotalsNotification, (totals) => {
          this.totals.set(totals.uri, totals);
          this.update();
        }),
      );
    }
    this.update();
  }

  private keyOf(uri: vscode.Uri): string {
    return this.client.languageClient?.code2ProtocolConverter.asUri(uri) ?? uri.toString();
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    const totals = document && (LANGUAGE_IDS as readonly string[]).includes(document.languageId) ? this.totals.get(this.keyOf(document.uri)) : undefined;
    if (!document || !totals || totals.problems === 0) {
      this.item.hide();
      return;
    }
    const { text, tooltip } = totalsText(totals);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.command = { title: 'Open Dataset View', command: OpenDatasetViewCommand, arguments: [document.uri.toString()] };
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) {
      d.dispose();
    }
    this.totals.clear();
  }
}

/** Shows the active incident document's real problem totals in the status bar; call once the client has started. */
export function registerProblemTotals(client: IncidentLanguageClient): vscode.Disposable {
  return new ProblemTotalsItem(client);
}
