import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import type { SnippetTextEdit, TextDocumentEdit, TextEdit } from 'vscode-languageserver-types';
import { renderPlain, renderSnippet, stop } from '../../../server/src/service/fixes/template';
import { airflowRecord, kubernetesRecord, line, pretty, sparkRecord } from '../../helpers/records';
import { fixAll } from '../../../server/src/service/fixes';
import { incidentDocument } from '../../helpers/text';
import { NOW, applyFix, codeActions, diagnose, editsOf, service, write } from './fixHarness';

suite('templates', () => {
  test('render as plain text with the defaults, or as a snippet with numbered tab stops', () => {
    const template = ['"severity": "', stop('', ['low', 'medium']), '", "n": ', stop('0'), ', "s": "', stop(''), '", "cost": "$5 {x}"'];
    assert.equal(renderPlain(template), '"severity": "low", "n": 0, "s": "", "cost": "$5 {x}"');
    const counter = { next: 3 };
    assert.equal(renderSnippet(template, counter), '"severity": "${3|low,medium|}", "n": ${4:0}, "s": "$5", "cost": "\\$5 {x\\}"');
    assert.equal(counter.next, 6);
  });

  test('escape choice separators and snippet syntax inside choices and defaults', () => {
    assert.equal(renderSnippet([stop('', ['a,b', 'c|d', '$e'])], { next: 1 }), '${1|a\\,b,c\\|d,\\$e|}');
    assert.equal(renderSnippet([stop('x}y')], { next: 1 }), '${1:x\\}y}');
  });
});

suite('code actions', () => {
  const missingSeverity = (): string => {
    const r = airflowRecord();
    delete r.incident.severity;
    return pretty(r);
  };

  test('placeholders become snippet tab stops when the client supports snippet edits', () => {
    const written = { text: missingSeverity(), format: 'json' as const };
    const [action] = codeActions(written, diagnose(written), { snippetSupport: true });
    const change = action.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri: 'file:///workspace/test.incident.json', version: 1 });
    const [edit] = change.edits as SnippetTextEdit[];
    assert.deepEqual(edit.snippet, { kind: 'snippet', value: ',\n    "severity": "${1|low,medium,high,critical|}"' });
  });

  test('without versioned document changes, the edit is plain text in `changes`', () => {
    const text = missingSeverity();
    const document = incidentDocument(text);
    const [action] = service.getCodeActions(document, service.diagnostics(document), { snippetSupport: true });
    const edits = action.edit!.changes!['file:///workspace/test.incident.json'] as TextEdit[];
    assert.deepEqual(edits.map((e) => e.newText), [',\n    "severity": "low"']);
  });

  test('offers every close candidate, but prefers (and fix-all applies) none when two are equally close', () => {
    const record = airflowRecord();
    record.actions_taken[1].action = 'mark_dag_run';
    const written = write(record, 'pretty');
    const diagnostics = diagnose(written).filter((d) => d.code === 'IR009');
    const actions = codeActions(written, diagnostics);
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred ?? false]),
      [
        // Spelling first (both one edit away), then the words (the same verb first, then a dag run).
        ['Change to "clear_dag_run"', false],
        ['Change to "kill_dag_run"', false],
        ['Change to "mark_task_success"', false],
        ['Change to "trigger_dag_run"', false],
      ],
    );
    assert.ok(fixAll(written.text, 'json', { now: NOW }).text.includes('"mark_dag_run"'), 'fix-all leaves the choice to a human');
  });

  test('IR009: a tie between action types goes to the families the record service may use', () => {
    const spark = sparkRecord();
    spark.actions_taken[1].action = 'restart_spark';
    const k8s = kubernetesRecord();
    k8s.actions_taken[1].action = 'restart_spark';
    for (const [record, expected] of [
      [spark, 'restart_spark_job'],
      [k8s, 'restart_pod'],
    ] as const) {
      const written = write(record, 'pretty');
      const [first, ...rest] = codeActions(written, diagnose(written).filter((d) => d.code === 'IR009'));
      assert.equal(first.title, `Change to "${expected}"`);
      assert.equal(first.isPreferred, true);
      assert.ok(rest.every((a) => !a.isPreferred));
    }
  });

  test('IR007: a name close to one the object already has is an extra field, not a typo; one it lacks is renamed', () => {
    const extra = airflowRecord();
    extra.incident.metadata.dag_idd = 'billing_nightly';
    assert.deepEqual(
      diagnose(write(extra, 'pretty')).filter((d) => d.code === 'IR007'),
      [],
      'dag_id is there: dag_idd is a field of its own',
    );
    const typo = airflowRecord();
    const metadata = typo.incident.metadata as Record<string, unknown>;
    metadata.dag_idd = metadata.dag_id;
    delete metadata.dag_id;
    const written = write(typo, 'pretty');
    const diagnostics = diagnose(written);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['IR007'],
      'one problem: the misspelt dag_id, not also a missing one (IR101)',
    );
    assert.deepEqual(
      codeActions(written, diagnostics).map((a) => [a.title, a.isPreferred]),
      [['Rename the property to "dag_id"', true]],
    );
  });

  test('IR101: a blank dag_run_id is replaced by the derived one; without execution_date, placeholders', () => {
    const blank = airflowRecord();
    blank.incident.metadata.dag_run_id = ' ';
    const written = write(blank, 'pretty');
    const fixed = applyFix(written, 'IR101');
    assert.deepEqual(fixed.edits.map((e) => e.newText), ['"scheduled__2024-03-14T02:00:00+00:00"']);
    const bare = airflowRecord();
    delete bare.incident.metadata.dag_run_id;
    delete bare.incident.metadata.dag_id;
    delete bare.incident.metadata.execution_date;
    const noDate = write(bare, 'pretty');
    const actions = codeActions(noDate, diagnose(noDate).filter((d) => d.code === 'IR101'));
    assert.deepEqual(actions.map((a) => a.title), ['Insert placeholders for dag_id, dag_run_id']);
    assert.deepEqual(editsOf(actions[0]).map((e) => e.newText), ['"dag_id": "",\n      "dag_run_id": "",\n      ']);
  });

  test('IR101: the derived run id and a placeholder for dag_id are separate actions; only the first is safe', () => {
    const record = airflowRecord();
    delete record.incident.metadata.dag_run_id;
    delete record.incident.metadata.dag_id;
    const written = write(record, 'jsonl');
    const actions = codeActions(written, diagnose(written).filter((d) => d.code === 'IR101'));
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred ?? false]),
      [
        ['Insert dag_run_id "scheduled__2024-03-14T02:00:00+00:00"', true],
        ['Insert placeholders for dag_id', false],
      ],
    );
  });

  test('a diagnostic from an older version of the text gets no fix', () => {
    const record = airflowRecord();
    record.incident.severity = 'hgh';
    const stale = write(record, 'jsonl');
    const [diagnostic] = diagnose(stale);
    const fixedText = stale.text.replace('"hgh"', '"high"');
    assert.deepEqual(codeActions({ text: fixedText, format: 'jsonl' }, [diagnostic]), [], 'the value is allowed now');
    const shorter = line(record) + '\n';
    assert.deepEqual(codeActions({ text: shorter, format: 'jsonl' }, [diagnostic]), [], 'record 1 no longer exists');
    const foreign = { ...diagnostic, source: 'eslint' };
    assert.deepEqual(codeActions(stale, [foreign]), [], 'only our own diagnostics');
  });

  test('quick fixes answer the light bulb; fix-all only a request for source actions', () => {
    const record = airflowRecord();
    record.incident.severity = 'hgh';
    record.resolution_time = '1260';
    const written = write(record, 'pretty');
    const diagnostics = diagnose(written);
    const kinds = (only?: string[]) => codeActions(written, diagnostics, { only }).map((a) => a.kind);
    assert.deepEqual(kinds(), ['quickfix', 'quickfix']);
    assert.deepEqual(kinds(['quickfix']), ['quickfix', 'quickfix']);
    assert.deepEqual(kinds(['source.fixAll']), ['source.fixAll.incident-records']);
    assert.deepEqual(kinds(['source']), ['source.fixAll.incident-records']);
    assert.deepEqual(kinds(['source.organizeImports']), []);
    const [fixAllAction] = codeActions(written, [], { only: ['source.fixAll.incident-records'] });
    assert.equal(fixAllAction.title, 'Fix all auto-fixable problems');
    assert.equal(fixAllAction.diagnostics, undefined);
    assert.deepEqual(editsOf(fixAllAction).map((e) => e.newText), ['i', '1260']);
  });
});

suite('secret in a property name', () => {
  test('IR301 on a key redacts the credential in the name', () => {
    const record = airflowRecord();
    record.actions_taken[0].parameters['token ghp_R8s2kX0vQ7mN4pL1zT9wY6cB3dF5gH0jK2aE'] = 'used by the operator';
    const written = write(record, 'jsonl');
    const fixed = applyFix(written, 'IR301');
    assert.equal(fixed.action.title, 'Redact the secret in the property name');
    assert.deepEqual(fixed.edits.map((e) => e.newText), ['***']);
    assert.ok(fixed.after.includes('"token ***":"used by the operator"'));
    assert.deepEqual(diagnose({ text: fixed.after, format: 'jsonl' }), []);
  });
});
