/**
 * Activation and languages. The runner loads this file first: the extension
 * must still be inactive when it starts, since nothing but the product's own
 * languages may activate it.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extension, fixtureUri, openFixture, ours, waitForDiagnostics, waitUntil } from './helpers';

suite('activation and languages', () => {
  test('an ordinary JSON file does not activate the extension', async () => {
    assert.equal(extension().isActive, false, 'The extension was active before any incident file was opened: check activationEvents in package.json.');
    const editor = await openFixture('notes.json');
    assert.equal(editor.document.languageId, 'json');
    // The built-in JSON extension activates on the same event (onLanguage:json);
    // once it is active and its server answers, that event has been handled.
    const json = vscode.extensions.getExtension('vscode.json-language-features');
    assert.ok(json, 'VS Code has no built-in JSON language features extension');
    await waitUntil('the built-in JSON extension to activate for notes.json', () => json.isActive);
    await waitUntil('the JSON language server to answer for notes.json', async () => {
      const symbols = await vscode.commands.executeCommand<unknown[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
      return Array.isArray(symbols) && symbols.length > 0;
    });
    assert.equal(extension().isActive, false, 'Opening notes.json (language json) activated Incident Records: its activation must be limited to incident-json and incident-jsonl.');
    assert.deepEqual(ours(editor.document.uri), [], 'Incident Records reported problems in an ordinary JSON file');
  });

  // Before any JSON Lines file is opened, so that onLanguage:incident-json alone must activate it.
  test('an incident file activates the extension, which starts its language server', async () => {
    const editor = await openFixture('orders-etl.incident.json');
    await waitUntil('the extension to activate after an incident file was opened', () => extension().isActive);
    // Diagnostics come only from the bundled server, started over IPC by the client.
    const diagnostics = await waitForDiagnostics(editor.document.uri, (d) => d.length > 0, 'the first diagnostics from the language server');
    assert.ok(diagnostics.every((d) => d.source === 'incident-records'));
  });

  test('assigns the languages by file name, including files.associations', async () => {
    const expected: Record<string, string> = {
      'orders-etl.incident.json': 'incident-json',
      'dataset.incidents.jsonl': 'incident-jsonl',
      'nightly.incident.jsonl': 'incident-jsonl',
      // .vscode/settings.json maps *.postmortem.json to incident-json.
      'legacy.postmortem.json': 'incident-json',
      'notes.json': 'json',
    };
    const actual: Record<string, string> = {};
    for (const file of Object.keys(expected)) {
      actual[file] = (await vscode.workspace.openTextDocument(fixtureUri(file))).languageId;
    }
    assert.deepEqual(actual, expected);
  });

  test('registers every command it contributes', async () => {
    await waitUntil('the extension to be active', () => extension().isActive);
    const contributed: string[] = extension().packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((command) => !registered.has(command));
    assert.deepEqual(missing, [], 'contributed commands that do nothing when run from the palette');
  });
});
