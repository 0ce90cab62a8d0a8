import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import { getIncidentService } from '../../../server/src/service/incidentService';
import { airflowRecord, kubernetesRecord, line, pretty } from '../../helpers/records';
import { rangeOf } from '../../helpers/text';
import { freshDocument } from './editing';

const service = getIncidentService({ now: () => Date.parse('2024-09-01T00:00:00Z') });

const outline = (symbols: readonly DocumentSymbol[] | undefined): unknown[] =>
  (symbols ?? []).map((s) => (s.children?.length ? [s.name, s.detail, outline(s.children)] : [s.name, s.detail]));

suite('authoring: document symbols', () => {
  test('a JSON Lines file has one symbol per line, named by title and service, with its actions', () => {
    const broken = '{"incident": {"title": "Half-written record", "service": "spark", "severity": "low"}, "actions_taken": [';
    const lines = [line(airflowRecord()), '', line(kubernetesRecord()), broken];
    const text = lines.join('\n');
    const symbols = service.documentSymbols(freshDocument(text, 'jsonl'));
    assert.deepEqual(outline(symbols), [
      [
        'Nightly billing DAG stuck on load_invoices',
        'airflow · high',
        [
          ['clear_dag_run @ 05:02:10', 'failed'],
          ['mark_task_success @ 05:09:45', 'success · +7m 35s'],
          ['clear_dag_run @ 05:14:30', 'success · +12m 20s'],
        ],
      ],
      [
        'checkout-api pods OOMKilled in a restart loop',
        'kubernetes · high',
        [
          ['update_resource_limits @ 09:12:00', 'success'],
          ['restart_pod @ 09:15:00', 'success · +3m 00s'],
        ],
      ],
      ['Half-written record', 'spark · low · invalid JSON'],
    ]);
    assert.deepEqual(symbols[1].range, { start: { line: 2, character: 0 }, end: { line: 2, character: lines[2].length } });
    assert.deepEqual(symbols[1].selectionRange, rangeOf(text, '"checkout-api pods OOMKilled in a restart loop"'));
    assert.equal(symbols[1].kind, SymbolKind.Object);
    const restart = symbols[1].children![1];
    assert.equal(restart.kind, SymbolKind.Event);
    assert.deepEqual(restart.selectionRange, rangeOf(text, '"restart_pod"'));
    assert.equal(restart.range.start.line, 2);
  });

  test('a record without a title is named by its position', () => {
    const record = airflowRecord();
    delete record.incident.title;
    const symbols = service.documentSymbols(freshDocument([line(kubernetesRecord()), line(record)].join('\n'), 'jsonl'));
    assert.equal(symbols[1].name, 'Record 2');
    assert.equal(symbols[1].detail, 'airflow · high');
  });

  test('a .incident.json record lists its sections, with the actions under actions_taken', () => {
    const text = pretty(kubernetesRecord());
    const [record] = service.documentSymbols(freshDocument(text));
    assert.equal(record.name, 'checkout-api pods OOMKilled in a restart loop');
    assert.deepEqual(
      record.children!.map((s) => [s.name, s.detail]),
      [
        ['incident', undefined],
        ['outcome', 'resolved'],
        ['resolution_time', '600'],
        ['success', 'true'],
        ['actions_taken', '2 actions'],
        ['learning_feedback', undefined],
      ],
    );
    const actions = record.children![4];
    assert.deepEqual(actions.children!.map((a) => a.name), ['update_resource_limits @ 09:12:00', 'restart_pod @ 09:15:00']);
    assert.deepEqual(actions.children![1].children!.map((c) => c.name), ['action', 'parameters', 'result', 'timestamp']);
    assert.deepEqual(record.children![0].selectionRange, rangeOf(text, '"incident"'));
  });
});
