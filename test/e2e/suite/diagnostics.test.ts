/**
 * Diagnostics as the editor shows them: codes, severities and exact ranges
 * for defective records, and their disappearance once the text is fixed.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, openFixture, rangeOf, replaceText, waitForDiagnostics } from './helpers';

const hasCode = (code: string) => (diagnostics: vscode.Diagnostic[]) => diagnostics.some((d) => codeOf(d) === code);

suite('diagnostics', () => {
  test('a defective record shows IR004 and IR003 on the exact values, and they vanish when the text is fixed', async () => {
    const { document } = await openFixture('orders-etl.incident.json');
    const uri = document.uri;
    const found = await waitForDiagnostics(uri, (d) => hasCode('IR004')(d) && hasCode('IR003')(d), 'IR004 (severity "hgh") and IR003 (resolution_time "2460")');

    const enumProblem = found.find((d) => codeOf(d) === 'IR004')!;
    assert.deepEqual(enumProblem.range, rangeOf(document, '"hgh"'));
    assert.equal(enumProblem.severity, vscode.DiagnosticSeverity.Error);
    assert.match(enumProblem.message, /"high"/, 'the IR004 message should suggest the closest allowed value');
    const typeProblem = found.find((d) => codeOf(d) === 'IR003')!;
    assert.deepEqual(typeProblem.range, rangeOf(document, '"2460"'));
    assert.deepEqual(
      found.map(codeOf).sort(),
      ['IR003', 'IR004'],
      'the record has exactly two defects; anything else is a false positive on a record derived from a clean example',
    );

    await replaceText(document, rangeOf(document, '"hgh"'), '"high"');
    const afterFirstFix = await waitForDiagnostics(uri, (d) => !hasCode('IR004')(d), 'IR004 to vanish after "hgh" became "high"');
    assert.deepEqual(afterFirstFix.map(codeOf), ['IR003']);

    await replaceText(document, rangeOf(document, '"2460"'), '2460');
    await waitForDiagnostics(uri, (d) => d.length === 0, 'every diagnostic to vanish once the record is fixed');
  });

  test('checks every JSON Lines line on its own', async () => {
    const { document } = await openFixture('dataset.incidents.jsonl');
    const found = await waitForDiagnostics(document.uri, (d) => hasCode('IR001')(d) && hasCode('IR401')(d), 'IR001 on line 2 and IR401 on line 3');
    const byLine = found.map((d) => `${codeOf(d)}@${d.range.start.line}`).sort();
    // Line 1 is a clean record, line 2 is cut off mid-string, line 3 is an array.
    assert.deepEqual(byLine, ['IR001@1', 'IR401@2']);
    const notARecord = found.find((d) => codeOf(d) === 'IR401')!;
    assert.deepEqual(notARecord.range, document.lineAt(2).range);
  });

  test('validates a file that files.associations maps to incident-json', async () => {
    const { document } = await openFixture('legacy.postmortem.json');
    assert.equal(document.languageId, 'incident-json');
    const found = await waitForDiagnostics(document.uri, hasCode('IR004'), 'IR004 on severity "urgent"');
    assert.deepEqual(found.find((d) => codeOf(d) === 'IR004')!.range, rangeOf(document, '"urgent"'));
  });
});
