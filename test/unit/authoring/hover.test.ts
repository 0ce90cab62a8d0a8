import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { Hover, MarkupContent, MarkupKind } from 'vscode-languageserver-types';
import { getIncidentService } from '../../../server/src/service/incidentService';
import { airflowRecord, kubernetesRecord, line, pretty } from '../../helpers/records';
import { rangeOf } from '../../helpers/text';
import { freshDocument } from './editing';

const NOW = Date.parse('2024-08-01T00:00:00Z');
const service = getIncidentService({ now: () => NOW });
const DOCS = 'https://github.com/incident-records/incident-records/blob/main/docs/rules.md';

/** Hovers the middle of the `occurrence`-th `needle`. */
async function hoverOn(text: string, needle: string, occurrence = 0, format: 'json' | 'jsonl' = 'json', severityOf?: (code: string) => 'off' | 'error'): Promise<{ hover: Hover; markdown: string }> {
  const document = freshDocument(text, format);
  const range = rangeOf(text, needle, occurrence);
  const position = { line: range.start.line, character: range.start.character + Math.floor(needle.length / 2) };
  const hover = await service.hover(document, position, severityOf);
  assert.ok(hover, `a hover on ${needle}`);
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, MarkupKind.Markdown);
  return { hover, markdown: contents.value };
}

suite('authoring: hover', () => {
  test('a field shows its description, its guideline and the rule that checks it', async () => {
    const text = pretty(airflowRecord());
    const { hover, markdown } = await hoverOn(text, '"dag_run_id"');
    assert.deepEqual(hover.range, rangeOf(text, '"dag_run_id"'));
    assert.ok(markdown.startsWith('**dag_run_id** · `string`\n\nSpecific run identifier, as Airflow shows it'), markdown);
    assert.match(markdown, /e\.g\. scheduled__\\<execution_date\\>/, 'angle brackets are escaped, not taken for HTML');
    assert.match(markdown, new RegExp(`Checked by \\[IR101\\]\\(${DOCS}#ir101\\)`));
    assert.match(markdown, /\n- Guideline \(DAG issues, 1\): always include dag_id and dag_run_id for precise targeting\.$/);
  });

  test('metadata shows the guidelines of the record service', async () => {
    const { markdown } = await hoverOn(pretty(kubernetesRecord()), '"metadata"');
    assert.match(markdown, /\*\*Kubernetes metadata\*\* — /);
    assert.doesNotMatch(markdown, /DAG issues/);
  });

  test('an action type shows its description and parameters', async () => {
    const text = pretty(airflowRecord());
    const { hover, markdown } = await hoverOn(text, '"mark_task_success"');
    assert.deepEqual(hover.range, rangeOf(text, '"mark_task_success"'));
    assert.ok(markdown.startsWith('**mark_task_success** · Airflow action\n\nMark task as successful'), markdown);
    assert.match(markdown, /\| parameter \| type \| target \| description \|/);
    assert.match(markdown, /\| `task_id` \| string \| yes \| .*Also accepted as `task`, `taskId`/);
    assert.match(markdown, /\| `include_downstream` \| boolean \| {2}\| /, 'a parameter that does not target has no mark');
    assert.match(markdown, /Targets: `dag_id` \+ `dag_run_id` \+ `task_id`, or `dag_id` \+ `execution_date` \+ `task_id` \(`dag_id`, `dag_run_id`, `execution_date` may come from the record's metadata\)\./);
    assert.doesNotMatch(markdown, /Action type identifier from the catalogue/, 'the action replaces the generic field text');
  });

  test('an action of another service is flagged', async () => {
    const record = airflowRecord();
    record.actions_taken[1].action = 'restart_pod';
    const { markdown } = await hoverOn(pretty(record), '"restart_pod"');
    assert.match(markdown, /⚠ Kubernetes actions do not belong in airflow records \(\[IR206\]/);
  });

  test('an action timestamp shows its offset from the first action and from execution_date', async () => {
    const text = pretty(airflowRecord());
    const { hover, markdown } = await hoverOn(text, '"2024-03-14T05:09:45Z"');
    assert.deepEqual(hover.range, rangeOf(text, '"2024-03-14T05:09:45Z"'));
    assert.ok(
      markdown.startsWith('**+7m 35s** from the first action (2024-03-14T05:02:10Z)  \n**+3h 09m 45s** from `execution_date` (2024-03-14T02:00:00+00:00)\n\n---\n\n**timestamp** · `timestamp`'),
      markdown,
    );
    const first = await hoverOn(text, '"2024-03-14T05:02:10Z"');
    assert.match(first.markdown, /^The first action: the origin of the actions’ offsets\.  \n\*\*\+3h 02m 10s\*\* from `execution_date`/);
    const heartbeat = await hoverOn(text, '"2024-03-14T02:41:17+00:00"');
    assert.match(heartbeat.markdown, /^\*\*-2h 20m 53s\*\* from the first action \(2024-03-14T05:02:10Z\)  \n\*\*\+41m 17s\*\* from `execution_date`/);
  });

  test('resolution_time and durations read in human form', async () => {
    const text = pretty(airflowRecord());
    let { markdown } = await hoverOn(text, '1260');
    assert.ok(markdown.startsWith('**21m 00s**  \nThe actions span 12m 20s (first to last action).\n\n---\n\n**resolution_time** · `seconds`'), markdown);
    ({ markdown } = await hoverOn(text, '10840'));
    assert.ok(markdown.startsWith('**3h 00m 40s**  \n4.0× the expected 45m 00s.'), markdown);
    const short = airflowRecord();
    short.resolution_time = 300;
    ({ markdown } = await hoverOn(pretty(short), '300'));
    assert.match(markdown, /^\*\*5m 00s\*\*  \nThe actions span 12m 20s \(first to last action\): longer than the resolution time \(\[IR205\]/);
  });

  test('an enum value shows what it means', async () => {
    const { markdown } = await hoverOn(pretty(airflowRecord()), '"running"');
    assert.ok(markdown.startsWith('**running** — stuck or slower than expected\n\n---\n\n**state**'), markdown);
  });

  test('a node with a diagnostic explains the rule behind it', async () => {
    const record = airflowRecord();
    delete record.incident.metadata.dag_run_id;
    const text = pretty(record);
    const { markdown } = await hoverOn(text, '"metadata"');
    assert.ok(markdown.endsWith(`---\n\n**IR101** airflow-run-id · error  \nAn airflow record lacks \`dag_id\` or \`dag_run_id\`. [Rule documentation](${DOCS}#ir101)`), markdown);
    const off = await hoverOn(text, '"metadata"', 0, 'json', (code) => (code === 'IR101' ? 'off' : 'error'));
    assert.doesNotMatch(off.markdown, /IR101/, 'a rule turned off in the configuration is not explained');
  });

  test('hover works per line in JSON Lines', async () => {
    const kubernetes = kubernetesRecord();
    kubernetes.resolution_time = 3723;
    const text = [line(airflowRecord()), line(kubernetes)].join('\n');
    const { hover, markdown } = await hoverOn(text, '3723', 0, 'jsonl');
    assert.equal(hover.range?.start.line, 1);
    assert.match(markdown, /^\*\*1h 02m 03s\*\*/);
  });
});
