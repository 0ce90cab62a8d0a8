/**
 * The "Fix All Auto-Fixable Problems" command: asks the code action providers
 * for the server's `source.fixAll.incident-records` action on the active
 * editor's document and applies its edit, unless the document changed while
 * the fixes were computed (then nothing is applied and the user is told to
 * run it again).
 */
import * as vscode from 'vscode';
import { FIX_ALL_KIND } from '../../common/codeActionKinds';
import { LANGUAGE_IDS } from './languageClient';

export const FIX_ALL_COMMAND = 'incidentRecords.fixAll';

const MESSAGES = {
  notIncident: 'Fix All applies to incident records (*.incident.json, *.incidents.jsonl); the active editor holds another kind of file.',
  nothing: 'No auto-fixable problems in this file. The problems left need a value or a choice only you can make; their quick fixes insert placeholders to fill.',
  changed: 'The file changed while the fixes were being computed, so none were applied. Run Fix All again.',
  failed: 'The fixes could not be applied to the file. Run Fix All again.',
};

async function fixAll(editor: vscode.TextEditor): Promise<void> {
  const document = editor.document;
  if (!(LANGUAGE_IDS as readonly string[]).includes(document.languageId)) {
    void vscode.window.showInformationMessage(MESSAGES.notIncident);
    return;
  }
  const version = document.version;
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>('vscode.executeCodeActionProvider', document.uri, whole, FIX_ALL_KIND)) ?? [];
  const action = actions.find((a) => a.kind?.value === FIX_ALL_KIND && a.edit);
  if (!action?.edit) {
    void vscode.window.showInformationMessage(MESSAGES.nothing);
    return;
  }
  if (document.version !== version) {
    void vscode.window.showWarningMessage(MESSAGES.changed);
    return;
  }
  if (!(await vscode.workspace.applyEdit(action.edit))) {
    void vscode.window.showWarningMessage(MESSAGES.failed);
  }
}

/** Registers the command; the returned disposable unregisters it. */
export function registerFixAllCommand(): vscode.Disposable {
  return vscode.commands.registerTextEditorCommand(FIX_ALL_COMMAND, (editor) => fixAll(editor));
}
