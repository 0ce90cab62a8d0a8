/**
 * "Incident Records: New Record…": asks for the service and opens a new
 * untitled incident record filled with that service's skeleton, as a snippet
 * so that Tab walks through the values to fill.
 *
 * The skeletons are read from the extension's own snippet file (generated
 * from the schema), so the command, the `ir-<service>` snippets and the
 * schema always agree. The services offered are the skeletons found there.
 */
import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';

export const NEW_RECORD_COMMAND = 'incidentRecords.newRecord';

const SNIPPET_FILE = ['snippets', 'incident-json.code-snippets'] as const;
/** Names of the whole-record snippets in the generated file: `Incident record: <service>`. */
const RECORD_SNIPPET = /^Incident record: ([a-z]+)$/;

interface RecordSkeleton extends vscode.QuickPickItem {
  readonly service: string;
  readonly body: string;
}

const MESSAGES = {
  unreadable: 'The record skeletons could not be read from the extension (snippets/incident-json.code-snippets). Reinstall the extension.',
  unknownService: (service: string) => `There is no record skeleton for the service "${service}". Choose one of: airflow, database, spark, kubernetes, disk.`,
};

/** The whole-record skeletons of the snippet file, one per service. */
async function readSkeletons(extensionUri: vscode.Uri): Promise<RecordSkeleton[]> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...SNIPPET_FILE));
  const snippets = parse(new TextDecoder().decode(bytes)) as Record<string, { body?: unknown; description?: unknown }> | undefined;
  return Object.entries(snippets ?? {}).flatMap(([name, snippet]) => {
    const service = RECORD_SNIPPET.exec(name)?.[1];
    const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
    if (!service || typeof body !== 'string') {
      return [];
    }
    return [{ service, body, label: service, detail: typeof snippet.description === 'string' ? snippet.description : undefined }];
  });
}

async function newRecord(extensionUri: vscode.Uri, service?: unknown): Promise<void> {
  let skeletons: RecordSkeleton[];
  try {
    skeletons = await readSkeletons(extensionUri);
  } catch {
    void vscode.window.showErrorMessage(MESSAGES.unreadable);
    return;
  }
  const chosen =
    typeof service === 'string'
      ? skeletons.find((s) => s.service === service)
      : await vscode.window.showQuickPick(skeletons, { title: 'New Incident Record', placeHolder: 'Which service did the incident concern?', matchOnDetail: true });
  if (!chosen) {
    if (typeof service === 'string') {
      void vscode.window.showErrorMessage(MESSAGES.unknownService(service));
    }
    return;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'incident-json', content: '' });
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(new vscode.SnippetString(chosen.body), new vscode.Position(0, 0));
}

/** Registers the command; an optional argument names the service and skips the question (for keybindings and tests). */
export function registerNewRecordCommand(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand(NEW_RECORD_COMMAND, (service?: unknown) => newRecord(context.extensionUri, service));
}
