/**
 * Activation: starts the language client and registers the commands. Every
 * disposable goes to the extension context.
 */
import * as vscode from 'vscode';
import { registerDatasetViews } from './dataset/datasetViews';
import { registerDatasetOverview } from './datasetOverview';
import { registerFixAllCommand } from './fixAll';
import { IncidentLanguageClient } from './languageClient';
import { registerNewRecordCommand } from './newRecord';
import { registerProblemTotals } from './problemTotals';
import { registerVisibleRanges } from './visibleRanges';
import { RuleDocumentation } from './ruleDocumentation';
import { registerTimelinePreview } from './preview/timelinePreview';

let client: IncidentLanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const ruleDocumentation = new RuleDocumentation(context);
  await ruleDocumentation.load();
  client = new IncidentLanguageClient(context, ruleDocumentation.middleware());
  context.subscriptions.push(
    ruleDocumentation,
    client,
    vscode.commands.registerCommand('incidentRecords.restartServer', () => client?.restart()),
    vscode.commands.registerCommand('incidentRecords.showOutput', () => client?.showOutput()),
    registerFixAllCommand(client),
    registerTimelinePreview(context, client),
    registerDatasetOverview(client),
    registerDatasetViews(context, client),
    registerNewRecordCommand(context),
  );
  await client.start();
  // Both talk to the running client: its notification handlers and ranges follow it across restarts.
  context.subscriptions.push(registerProblemTotals(client), registerVisibleRanges(client));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
