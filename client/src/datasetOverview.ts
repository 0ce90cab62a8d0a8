/**
 * "Incident Records: Show Dataset Overview": a quick pick that summarises the
 * dataset in the active editor (records per service, severity and success;
 * problems per code) and jumps to the records with a chosen problem.
 */
import * as vscode from 'vscode';
import { DatasetOverview, DatasetOverviewRequest, OverviewProblem } from '../../common/protocol';
import { IncidentLanguageClient, LANGUAGE_IDS } from './languageClient';

const SEVERITY_ICONS: Record<OverviewProblem['severity'], string> = {
  error: '$(error)',
  warning: '$(warning)',
  information: '$(info)',
  hint: '$(lightbulb)',
};

function counts(map: Readonly<Record<string, number>>): string {
  return Object.entries(map)
    .sort(([, a], [, b]) => b - a)
    .map(([key, n]) => `${key} ${n.toLocaleString('en')}`)
    .join(' · ');
}

interface ProblemItem extends vscode.QuickPickItem {
  readonly problem?: OverviewProblem;
}

async function pickRecord(editor: vscode.TextEditor, problem: OverviewProblem): Promise<void> {
  const items = problem.records.map((r) => ({
    label: `Line ${r.line + 1}`,
    description: r.title ?? `record ${r.index + 1}`,
    record: r,
  }));
  const more = problem.count > problem.records.length ? ` (first ${problem.records.length} records)` : '';
  const picked = await vscode.window.showQuickPick(items, {
    title: `${problem.code} ${problem.name}: ${problem.count.toLocaleString('en')} diagnostics${more}`,
    placeHolder: 'Go to a record with this problem',
    matchOnDescription: true,
  });
  if (picked) {
    const range = new vscode.Range(picked.record.range.start.line, picked.record.range.start.character, picked.record.range.end.line, picked.record.range.end.character);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

export async function showDatasetOverview(client: IncidentLanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const languageClient = client.languageClient;
  if (!editor || !(LANGUAGE_IDS as readonly string[]).includes(editor.document.languageId) || !languageClient) {
    void vscode.window.showInformationMessage('Open an incident dataset (*.incidents.jsonl or *.incident.json) to see its overview.');
    return;
  }
  const overview: DatasetOverview | null = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Summarising the dataset…' },
    () => languageClient.sendRequest(DatasetOverviewRequest, { textDocument: { uri: editor.document.uri.toString() } }),
  );
  if (!overview) {
    return;
  }
  const items: ProblemItem[] = [
    { label: 'Records', kind: vscode.QuickPickItemKind.Separator },
    { label: `$(database) ${overview.records.toLocaleString('en')} records`, description: `${overview.recordsWithProblems.toLocaleString('en')} with problems` },
    { label: '$(server) Services', description: counts(overview.byService) },
    { label: '$(flame) Severity', description: counts(overview.bySeverity) },
    { label: '$(pass) Success', description: counts(overview.bySuccess) },
    { label: 'Problems — pick one to go to its records', kind: vscode.QuickPickItemKind.Separator },
    ...overview.problems.map((p) => ({
      label: `${SEVERITY_ICONS[p.severity]} ${p.code} ${p.name}`,
      description: `${p.count.toLocaleString('en')} in ${p.records.length.toLocaleString('en')}${p.records.length >= 500 ? '+' : ''} records`,
      problem: p,
    })),
  ];
  if (overview.problems.length === 0) {
    items.push({ label: '$(check) No problems' });
  }
  const picked = await vscode.window.showQuickPick(items, { title: `Dataset overview — ${vscode.workspace.asRelativePath(editor.document.uri)}`, matchOnDescription: true });
  if (picked?.problem) {
    await pickRecord(editor, picked.problem);
  }
}

export function registerDatasetOverview(client: IncidentLanguageClient): vscode.Disposable {
  return vscode.commands.registerCommand('incidentRecords.datasetOverview', () => showDatasetOverview(client));
}
