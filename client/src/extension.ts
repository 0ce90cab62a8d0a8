/**
 * Activation: starts the language client and registers the commands. Every
 * disposable goes to the extension context.
 */
import * as vscode from 'vscode';
import { registerDatasetOverview } from './datasetOverview';
import { registerFixAllCommand } from './fixAll';
import { IncidentLanguageClient } from './languageClient';
import { registerNewRecordCommand } from './newRecord';
import { registerTimelinePreview } from './preview/timelinePreview';

let client: IncidentLanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = new IncidentLanguageClient(context);
  context.subscriptions.push(
    client,
    vscode.commands.registerCommand('incidentRecords.restartServer', () => client?.restart()),
    vscode.commands.registerCommand('incidentRecords.showOutput', () => client?.showOutput()),
    registerFixAllCommand(),
    registerTimelinePreview(context, client),
    registerDatasetOverview(client),
    registerNewRecordCommand(context),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
