/**
 * Done-when of the authoring issue: from an empty `*.incident.json`, a new
 * user writes a complete, valid airflow record using only the `ir-airflow`
 * snippet and completions, and the result lints clean. Every step goes
 * through the product: the committed snippet file, then completion items
 * asked from the core at the cursor and accepted as an editor does, with the
 * user typing into the tab stops.
 */
import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { parse } from 'jsonc-parser';
import { getIncidentService } from '../../../server/src/service/incidentService';
import { readRepoFile } from '../../helpers/text';
import { accept, completionsAt, freshDocument, item, labels, newText, sorted } from './editing';
import { expandSnippet, timeVariables } from './snippetExpansion';

const NOW = Date.parse('2024-03-15T09:00:00Z');
const service = getIncidentService({ now: () => NOW });

function snippetBody(prefix: string): string {
  const snippets = parse(readRepoFile('snippets', 'incident-json.code-snippets')) as Record<string, { prefix: string; body: string[] }>;
  const snippet = Object.values(snippets).find((s) => s.prefix === prefix);
  assert.ok(snippet, `snippet ${prefix}`);
  return snippet.body.join('\n');
}

/** What the user types at each tab stop of the ir-airflow skeleton. */
const SKELETON_VALUES: Record<number, string> = {
  1: 'billing_nightly stuck on load_invoices after a worker SIGTERM',
  2: 'The billing_nightly run for 2024-03-14 stayed running for 3 hours; load_invoices lost its worker heartbeat and blocked the ledger.',
  3: 'high',
  4: 'billing',
  5: 'billing_nightly',
  6: 'scheduled__2024-03-14T02:00:00+00:00',
  7: 'load_invoices',
  8: '2024-03-14T02:00:00+00:00',
  9: 'running',
  10: '10840',
  11: '2700',
  12: 'airflow-prod-sched-01.internal',
  13: '2024-03-14T02:41:17+00:00',
  14: 'airflow.exceptions.AirflowException: Task received SIGTERM signal',
  15: '1',
  16: '3',
  17: 'extract_invoices',
  18: 'publish_ledger',
  19: 'resolved',
  20: '1260',
  21: 'true',
  // 22: actions_taken, left empty: the actions come from completion
  23: '0.82',
  24: '0.74',
  25: '0.9',
  26: '6',
  27: 'true',
  28: 'zombie_task_after_worker_sigterm',
  29: 'true',
  30: 'false',
  31: 'true',
  32: 'false',
  34: 'false',
  35: 'false',
};

/** The text and cursor after pressing Enter at `offset` (the editor keeps the line's indentation). */
function enterAt(text: string, offset: number): { text: string; offset: number } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const inserted = `\n${/^ */.exec(text.slice(lineStart))![0]}`;
  return { text: text.slice(0, offset) + inserted + text.slice(offset), offset: offset + inserted.length };
}

/** The offset just after `needle`, searching from the first `after`. */
function endOf(text: string, needle: string, after = ''): number {
  const at = text.indexOf(needle, after ? text.indexOf(after) : 0);
  assert.ok(at >= 0, needle);
  return at + needle.length;
}

suite('authoring: a complete airflow record from an empty file', () => {
  test('snippet ir-airflow, then completions, lints clean', async () => {
    // 1. Empty file, snippet "ir-airflow", the user tabs through the values.
    const skeleton = expandSnippet(snippetBody('ir-airflow'), { values: SKELETON_VALUES, variables: timeVariables() });
    let text = skeleton.text;
    const actionsCursor = skeleton.stops.get(22)!;
    assert.equal(text.slice(actionsCursor - 23, actionsCursor + 4), '"actions_taken": [\n    \n  ]');

    // 2. In actions_taken: the Airflow actions come first; take clear_dag_run.
    let items = sorted(await completionsAt(service, text, actionsCursor));
    assert.deepEqual(labels(items).slice(0, 7), ['clear_dag_run', 'trigger_dag_run', 'pause_dag', 'unpause_dag', 'kill_dag_run', 'skip_task', 'mark_task_success']);
    let clear = item(items, 'clear_dag_run');
    assert.equal(
      newText(clear),
      [
        '{',
        '      "action": "clear_dag_run",',
        '      "parameters": {',
        '        "dag_id": "billing_nightly",',
        '        "dag_run_id": "scheduled__2024-03-14T02:00:00+00:00"',
        '      },',
        '      "result": "${1|success,failed,partial_success|}",',
        '      "timestamp": "${2:2024-03-15T09:00:00Z}"',
        '    }',
      ].join('\n'),
    );
    text = accept(text, clear, { 1: 'failed', 2: '2024-03-14T05:02:10Z' }).text;

    // 3. A failed action needs its error: Enter after the timestamp, complete "error".
    let cursor = enterAt(text, endOf(text, '"timestamp": "2024-03-14T05:02:10Z"'));
    items = sorted(await completionsAt(service, cursor.text, cursor.offset));
    assert.deepEqual(labels(items), ['error'], 'only the property the action lacks');
    text = accept(cursor.text, items[0], { 1: 'Task instance load_invoices is still marked running by a dead worker' }).text;

    // 4. Enter after the action, complete mark_task_success: dag_id, dag_run_id and task_id come from the metadata.
    cursor = enterAt(text, endOf(text, '    }', '"error"'));
    items = sorted(await completionsAt(service, cursor.text, cursor.offset));
    const mark = item(items, 'mark_task_success');
    assert.match(newText(mark), /"dag_id": "billing_nightly",\n {8}"dag_run_id": "scheduled__2024-03-14T02:00:00\+00:00",\n {8}"task_id": "load_invoices"/);
    assert.match(newText(mark), /"timestamp": "\$\{2:2024-03-14T05:03:10Z\}"/, 'a minute after the previous action');
    text = accept(cursor.text, mark, { 1: 'success', 2: '2024-03-14T05:09:45Z' }).text;

    // 5. Enter after that action, clear_dag_run again, which now succeeds.
    cursor = enterAt(text, endOf(text, '    }', '05:09:45Z'));
    items = sorted(await completionsAt(service, cursor.text, cursor.offset));
    clear = item(items, 'clear_dag_run');
    text = accept(cursor.text, clear, { 1: 'success', 2: '2024-03-14T05:14:30Z' }).text;

    // The record is complete and clean.
    const record = JSON.parse(text);
    assert.deepEqual(
      record.actions_taken.map((a: { action: string; result: string }) => `${a.action}:${a.result}`),
      ['clear_dag_run:failed', 'mark_task_success:success', 'clear_dag_run:success'],
    );
    assert.deepEqual(service.diagnostics(freshDocument(text)), []);
  });
});
