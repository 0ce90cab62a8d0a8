/**
 * Quick fixes through VS Code's own provider command: the fix offered for a
 * diagnostic, applied as the light bulb applies it, changes exactly the
 * defective value.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, openFixture, rangeOf, waitForDiagnostics } from './helpers';

/** Code actions at `range`, with their edits resolved as the light bulb would. */
async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, undefined, 20);
  return (actions ?? []).filter((action): action is vscode.CodeAction => !('command' in action && typeof action.command === 'string'));
}

suite('quick fixes', () => {
  test('the preferred fix for IR004 replaces "critcal" with "critical" and the diagnostic vanishes', async () => {
    const { document } = await openFixture('checkout-api.incident.json');
    const [problem] = (await waitForDiagnostics(document.uri, (d) => d.some((x) => codeOf(x) === 'IR004'), 'IR004 on severity "critcal"')).filter(
      (d) => codeOf(d) === 'IR004',
    );
    const misspelt = rangeOf(document, '"critcal"');
    assert.deepEqual(problem.range, misspelt);

    // VS Code asks for the actions of the diagnostics under the range: here only IR004.
    const actions = await codeActionsAt(document.uri, problem.range);
    const fixes = actions.filter((a) => a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
    const describe = (list: vscode.CodeAction[]) => list.map((a) => `${a.title} (${a.kind?.value ?? 'no kind'}${a.isPreferred ? ', preferred' : ''})`).join(' | ') || 'none';
    assert.ok(fixes.length > 0, `no quick fix for IR004; code actions offered: ${describe(actions)}`);
    const preferred = fixes.find((a) => a.isPreferred);
    assert.ok(preferred, `no preferred quick fix for IR004 among: ${describe(fixes)}`);
    assert.ok(preferred.edit, `the quick fix "${preferred.title}" carries no edit`);

    const before = document.getText();
    assert.ok(await vscode.workspace.applyEdit(preferred.edit), 'VS Code refused the quick fix edit');
    const after = document.getText();
    const start = document.offsetAt(misspelt.start);
    // Only the value changed: everything before and after it is as it was.
    assert.equal(after.slice(0, start), before.slice(0, start));
    assert.equal(after.slice(start, start + '"critical"'.length), '"critical"');
    assert.equal(after.slice(start + '"critical"'.length), before.slice(start + '"critcal"'.length));
    await waitForDiagnostics(document.uri, (d) => !d.some((x) => codeOf(x) === 'IR004'), 'IR004 to vanish after the quick fix');
  });
});
