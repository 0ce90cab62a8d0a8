/**
 * Activation: starts the language client and registers the commands. Every
 * disposable goes to the extension context.
 */
import * as vscode from 'vscode';
import { IncidentLanguageClient } from './languageClient';

let client: IncidentLanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = new IncidentLanguageClient(context);
  context.subscriptions.push(
    client,
    vscode.commands.registerCommand('incidentRecords.restartServer', () => client?.restart()),
    vscode.commands.registerCommand('incidentRecords.showOutput', () => client?.showOutput()),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
