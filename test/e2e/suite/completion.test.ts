/**
 * Completion through VS Code's own provider command, at positions inside a
 * record, and applying the chosen item the way the editor does.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, openFixture, rangeOf, waitForDiagnostics } from './helpers';

/** Action types of the kubernetes and system families (the seed's catalogue). */
const KUBERNETES_AND_SYSTEM_ACTIONS = [
  'restart_pod',
  'scale_deployment',
  'update_resource_limits',
  'drain_node',
  'apply_pod_disruption_budget',
  'restart_service',
  'clean_disk_space',
  'rotate_logs',
  'kill_process',
  'scale_resources',
];

/** The first labels offered, for failure messages (word completions can add hundreds). */
function sample(labels: string[]): string {
  return labels.length > 40 ? `${labels.slice(0, 40).join(', ')} … (${labels.length} in all)` : labels.join(', ');
}

function labelOf(item: vscode.CompletionItem): string {
  const label = typeof item.label === 'string' ? item.label : item.label.label;
  return label.replace(/^"|"$/g, '');
}

async function completionsAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
  return list.items;
}

/** Applies a completion item's edit as accepting it in the editor would. */
async function accept(editor: vscode.TextEditor, item: vscode.CompletionItem, position: vscode.Position): Promise<void> {
  const range = item.range instanceof vscode.Range ? item.range : (item.range?.replacing ?? editor.document.getWordRangeAtPosition(position) ?? new vscode.Range(position, position));
  const insert = item.insertText ?? labelOf(item);
  const snippet = insert instanceof vscode.SnippetString ? insert : new vscode.SnippetString(insert.replace(/[$}\\]/g, '\\$&'));
  assert.ok(await editor.insertSnippet(snippet, range), 'VS Code refused to insert the completion');
}

suite('completion', () => {
  test('offers the action types of the catalogue for actions_taken[*].action, and accepting one fixes IR009', async () => {
    const editor = await openFixture('checkout-api.incident.json');
    const { document } = editor;
    await waitForDiagnostics(document.uri, (d) => d.some((x) => codeOf(x) === 'IR009'), 'IR009 on the empty action type');
    const emptyAction = rangeOf(document, '"action": ""');
    const inside = emptyAction.end.translate(0, -1);

    const items = await completionsAt(document.uri, inside);
    const labels = items.map(labelOf);
    for (const action of KUBERNETES_AND_SYSTEM_ACTIONS) {
      assert.ok(labels.includes(action), `completion at the empty action type lacks "${action}"; offered: ${sample(labels)}`);
    }

    const scale = items.find((item) => labelOf(item) === 'scale_deployment')!;
    await accept(editor, scale, inside);
    assert.equal(document.lineAt(emptyAction.start.line).text.trim(), '"action": "scale_deployment",');
    await waitForDiagnostics(document.uri, (d) => !d.some((x) => codeOf(x) === 'IR009'), 'IR009 to vanish once an action type was chosen');
  });

  test('offers the four severities for incident.severity, and no action types there', async () => {
    const { document } = await openFixture('checkout-api.incident.json');
    const value = rangeOf(document, '"critcal"');
    const labels = (await completionsAt(document.uri, value.start.translate(0, 1))).map(labelOf);
    const severities = labels.filter((label) => ['low', 'medium', 'high', 'critical'].includes(label));
    assert.deepEqual(severities.sort(), ['critical', 'high', 'low', 'medium'], `offered: ${sample(labels)}`);
    assert.ok(!labels.includes('scale_deployment'), `action types offered for a severity: ${sample(labels)}`);
  });
});
