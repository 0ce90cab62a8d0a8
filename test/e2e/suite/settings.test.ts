/**
 * Settings and configuration files are honoured while the server runs: no
 * restart, no reopening of documents.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, openFixture, waitForDiagnostics } from './helpers';

suite('settings', () => {
  test('incidentRecords.validate.enable turns validation off and on again', async () => {
    const { document } = await openFixture('dataset.incidents.jsonl');
    await waitForDiagnostics(document.uri, (d) => d.length > 0, 'the dataset problems');
    const config = vscode.workspace.getConfiguration('incidentRecords', document.uri);
    try {
      await config.update('validate.enable', false, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(document.uri, (d) => d.length === 0, 'diagnostics to clear with validate.enable = false');
    } finally {
      await config.update('validate.enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
    const back = await waitForDiagnostics(document.uri, (d) => d.length > 0, 'diagnostics to return with validate.enable back to its default');
    assert.deepEqual(back.map(codeOf).sort(), ['IR001', 'IR401']);
  });

  test('a .incident-records.json in the folder changes a rule severity', async () => {
    // relaxed/.incident-records.json sets IR004 to "warning" (its default is "error").
    const { document } = await openFixture('relaxed/orders-etl.incident.json');
    const [problem] = await waitForDiagnostics(document.uri, (d) => d.some((x) => codeOf(x) === 'IR004'), 'IR004 on severity "hgh"');
    assert.equal(codeOf(problem), 'IR004');
    assert.equal(problem.severity, vscode.DiagnosticSeverity.Warning);
  });
});
