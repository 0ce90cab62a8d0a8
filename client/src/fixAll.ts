/**
 * The "Fix All Auto-Fixable Problems" command: asks the server for every safe
 * fix of the active document (`incidentRecords/fixAll`), shows its progress
 * in a notification (a large dataset takes a while; it can be cancelled),
 * applies the result as one edit, so one undo takes it back, and says what it
 * changed, by code. Nothing is applied when the document changed meanwhile.
 */
import * as vscode from 'vscode';
import { WorkDoneProgress, WorkDoneProgressReport } from 'vscode-languageclient/node';
import { FixAllRequest, fixSummary } from '../../common/protocol';
import { IncidentLanguageClient, LANGUAGE_IDS } from './languageClient';

export const FIX_ALL_COMMAND = 'incidentRecords.fixAll';

const MESSAGES = {
  notIncident: 'Fix All applies to incident records (*.incident.json, *.incidents.jsonl); the active editor holds another kind of file.',
  nothing: 'No auto-fixable problems in this file. The problems left need a value or a choice only you can make; their quick fixes insert placeholders to fill.',
  changed: 'The file changed while the fixes were being computed, so none were applied. Run Fix All again.',
  failed: 'The fixes could not be applied to the file. Run Fix All again.',
  notRunning: 'The Incident Records language server is not running. Run "Incident Records: Restart Language Server".',
};

let progressTokens = 0;

async function fixAll(client: IncidentLanguageClient, editor: vscode.TextEditor): Promise<void> {
  const document = editor.document;
  if (!(LANGUAGE_IDS as readonly string[]).includes(document.languageId)) {
    void vscode.window.showInformationMessage(MESSAGES.notIncident);
    return;
  }
  const languageClient = client.languageClient;
  if (!languageClient?.isRunning()) {
    void vscode.window.showWarningMessage(MESSAGES.notRunning);
    return;
  }
  const version = document.version;
  let cancelled = false;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Incident Records: fixing problems', cancellable: true },
    async (progress, cancel) => {
      const workDoneToken = `incidentRecords/fixAll/${++progressTokens}`;
      let reported = 0;
      const listening = languageClient.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'report') {
          const { percentage, message } = value as WorkDoneProgressReport;
          progress.report({ message, increment: percentage !== undefined ? Math.max(0, percentage - reported) : undefined });
          reported = percentage ?? reported;
        }
      });
      try {
        return await languageClient.sendRequest(FixAllRequest, { textDocument: { uri: document.uri.toString(), version }, workDoneToken }, cancel);
      } catch (error) {
        if (cancel.isCancellationRequested) {
          cancelled = true;
          return null;
        }
        throw error;
      } finally {
        listening.dispose();
      }
    },
  );
  if (cancelled) {
    return;
  }
  if (result === null || document.version !== version) {
    void vscode.window.showWarningMessage(MESSAGES.changed);
    return;
  }
  if (!result.edit || result.applied === 0) {
    void vscode.window.showInformationMessage(MESSAGES.nothing);
    return;
  }
  const edit = await languageClient.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showWarningMessage(MESSAGES.failed);
    return;
  }
  void vscode.window.showInformationMessage(fixSummary(result));
}

/** Registers the command; the returned disposable unregisters it. */
export function registerFixAllCommand(client: IncidentLanguageClient): vscode.Disposable {
  return vscode.commands.registerTextEditorCommand(FIX_ALL_COMMAND, (editor) => fixAll(client, editor));
}
