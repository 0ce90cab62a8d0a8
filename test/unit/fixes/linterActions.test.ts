/**
 * What people expect of a linter's fixes, as ESLint's: each diagnostic's
 * light bulb also offers "Fix all <code> problems in this file" where the
 * code has a safe fix (computed when picked, for clients that resolve code
 * actions) and "Show documentation for <code>" (for the extension, which
 * ships the documentation).
 */
import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { fixAll } from '../../../server/src/service/fixes';
import { resolveFixAllOfCode } from '../../../server/src/service/fixes';
import { diskRecord, line } from '../../helpers/records';
import { incidentDocument } from '../../helpers/text';
import { NOW, service } from './fixHarness';

function dataset(): string {
  return (
    [0, 1, 2]
      .map((i) => {
        const record = diskRecord();
        record.incident.title = `disk full ${i}`;
        record.incident.severity = i === 2 ? 'SEV-1' : record.incident.severity;
        record.actions_taken[0].parameters = { host: 'web-prod-03.internal', path: '/var/log' };
        return line(record);
      })
      .join('\n') + '\n'
  );
}

suite('linter actions on a diagnostic', () => {
  test('"Fix all IR162 problems in this file" and "Show documentation for IR162", after the quick fix', () => {
    const text = dataset();
    const document = incidentDocument(text, 'jsonl');
    const [hint] = service.diagnostics(document).filter((d) => d.code === 'IR162');
    const actions = service.getCodeActions(document, [hint], { ruleDocumentation: true, resolveEdits: true, documentChanges: true });
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Rename "host" to "server_hostname"', 'Fix all IR162 problems in this file', 'Show documentation for IR162'],
    );
    const [, fixAllOf, docs] = actions;
    assert.equal(fixAllOf.edit, undefined, 'computed when picked');
    assert.deepEqual(docs.command, { title: 'Show documentation for IR162', command: 'incidentRecords.showRuleDocumentation', arguments: ['IR162'] });
    const resolved = resolveFixAllOfCode(fixAllOf, document, { documentChanges: true, now: NOW });
    const edits = (resolved.edit?.documentChanges?.[0] as { edits: unknown[] } | undefined)?.edits ?? [];
    assert.equal(edits.length, 6, 'both parameters of all three records, and nothing of another code');
    assert.equal(fixAll(text, 'jsonl', { now: NOW, only: 'IR162' }).byCode.IR004, undefined);
    // A client that cannot resolve gets the edit at once; one without the command gets no documentation action.
    const eager = service.getCodeActions(document, [hint], {});
    assert.deepEqual(
      eager.map((a) => [a.title, !!a.edit]),
      [
        ['Rename "host" to "server_hostname"', true],
        ['Fix all IR162 problems in this file', true],
      ],
    );
  });

  test('a stale "Fix all" resolves to nothing: the document changed since it was offered', () => {
    const text = dataset();
    const document = incidentDocument(text, 'jsonl');
    const [hint] = service.diagnostics(document).filter((d) => d.code === 'IR162');
    const [, fixAllOf] = service.getCodeActions(document, [hint], { resolveEdits: true });
    const later = incidentDocument(text.replace('disk full 0', 'disk full zero'), 'jsonl');
    const changed = { ...later, version: later.version + 1, uri: document.uri } as typeof later;
    assert.equal(resolveFixAllOfCode(fixAllOf, changed, {}).edit, undefined);
  });

  test('no "Fix all" for a code whose fix is not safe, and a preferred fix only when the record is no worse after it', () => {
    const record = diskRecord();
    record.incident.service = 'airflw';
    const document = incidentDocument(line(record) + '\n', 'jsonl');
    const [unknown] = service.diagnostics(document).filter((d) => d.code === 'IR008');
    const actions = service.getCodeActions(document, [unknown], {});
    // "airflow" is the spelling, but the record is a disk record by its metadata: that comes first, and is safe.
    assert.equal(actions[0].title, 'Change to "disk"');
    assert.equal(actions[0].isPreferred, true);
    const airflow = diskRecord();
    airflow.incident.metadata = { dag_id: 'orders_daily_etl', execution_date: '2024-03-14T02:00:00+00:00' };
    airflow.incident.service = 'airflw';
    const doc2 = incidentDocument(line(airflow) + '\n', 'jsonl');
    const [d2] = service.diagnostics(doc2).filter((d) => d.code === 'IR008');
    const titles = service.getCodeActions(doc2, [d2], {}).map((a) => [a.title, a.isPreferred ?? false]);
    assert.deepEqual(titles, [['Change to "airflow"', false]], 'it would bring IR101 to light: offered, not preferred, no "Fix all"');
  });
});
