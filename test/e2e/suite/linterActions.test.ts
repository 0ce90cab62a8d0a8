/**
 * A linter's actions in the real editor: "Show documentation for <code>"
 * opens the rule's section of the documentation shipped inside the extension
 * (offline), each diagnostic's code links to it, and "Fix All Auto-Fixable
 * Problems" fixes a dataset as one edit that one undo takes back.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, extension, openFixture, waitForDiagnostics, waitUntil } from './helpers';

suite('linter actions', () => {
  test('"Show documentation for IR004" opens the shipped rules documentation at IR004, and the code links to it', async () => {
    const { document } = await openFixture('checkout-api.incident.json');
    const [problem] = (await waitForDiagnostics(document.uri, (d) => d.some((x) => codeOf(x) === 'IR004'), 'IR004')).filter((d) => codeOf(d) === 'IR004');
    const target = (problem.code as { target: vscode.Uri }).target;
    const docs = vscode.Uri.joinPath(extension().extensionUri, 'docs', 'rules.md');
    assert.equal(target.with({ fragment: '' }).toString(), docs.toString(), 'the code links to the shipped file');
    const line = Number(/^L(\d+)$/.exec(target.fragment)?.[1]) - 1;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(docs));
    assert.equal(text.split(/\r?\n/)[line], '## IR004 enum', 'at the rule’s heading');

    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, problem.range)) ?? [];
    const show = actions.find((a) => a.title === 'Show documentation for IR004');
    assert.ok(show?.command, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    await vscode.commands.executeCommand(show.command.command, ...(show.command.arguments ?? []));
    await waitUntil('the Markdown preview of rules.md', () =>
      vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType) && /rules\.md/.test(t.label))),
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Fix All fixes a dataset as one edit, says what it changed by code, and one undo takes it back', async () => {
    const record = (i: number, severity: string) =>
      JSON.stringify({
        incident: { title: `disk full ${i}`, description: 'The log volume filled up.', service: 'disk', severity, metadata: { server_hostname: 'web-3', filesystem_path: '/var/log', error_details: { disk_growth_rate_gb_per_hour: 2 } } },
        outcome: 'Cleaned',
        resolution_time: 600,
        success: true,
        actions_taken: [{ action: 'clean_disk_space', parameters: { host: 'web-3', path: '/var/log' }, result: 'success', timestamp: '2024-07-20T09:15:00Z' }],
        learning_feedback: { confidence_score: 0.9, pattern_match_strength: 0.8, resolution_effectiveness: 0.9, knowledge_base_updated: false },
      });
    const original = [record(1, 'SEV-2'), record(2, 'high'), record(3, 'P3')].join('\n') + '\n';
    const document = await vscode.workspace.openTextDocument({ language: 'incident-jsonl', content: original });
    await vscode.window.showTextDocument(document);
    await waitForDiagnostics(document.uri, (d) => d.filter((x) => codeOf(x) === 'IR004').length === 2, 'two IR004');
    await vscode.commands.executeCommand('incidentRecords.fixAll');
    await waitUntil('the fixes applied', () => document.getText() !== original);
    const fixed = document.getText();
    assert.match(fixed, /"severity":"high"[\s\S]*"severity":"high"[\s\S]*"severity":"medium"/);
    assert.ok(!fixed.includes('"host"'), 'parameters renamed to the catalogue’s names');
    await waitForDiagnostics(document.uri, (d) => !d.some((x) => codeOf(x) === 'IR004' || codeOf(x) === 'IR162'), 'no IR004 or IR162 left');
    await vscode.commands.executeCommand('undo');
    await waitUntil('one undo takes every fix back', () => document.getText() === original);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
