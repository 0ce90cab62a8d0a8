import assert from 'node:assert/strict';
import { after, before, suite, test } from 'node:test';
import type { DatasetProblem, DatasetView } from '../../common/dataset';
import { airflowRecord, databaseRecord, diskRecord, kubernetesRecord, line, pretty, sparkRecord } from '../helpers/records';
import { startTestClient, TestClient } from '../helpers/lspClient';

suite('dataset view over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestClient();
  });
  after(async () => {
    await client.stop();
  });

  const viewOf = (uri: string, params: Record<string, unknown> = {}) =>
    client.connection.sendRequest('incidentRecords/datasetView', { textDocument: { uri }, ...params }) as Promise<DatasetView | null>;

  function datasetLines(): string[] {
    const bad = kubernetesRecord();
    bad.incident.severity = 'hgh';
    const failed = databaseRecord();
    failed.success = false;
    failed.incident.title = 'Pool exhausted <img src=x onerror=alert(1)>';
    return [line(airflowRecord()), line(failed), line(bad), '{ "incident": { "title": "Half a record", ', line(sparkRecord()), line(diskRecord())];
  }

  test('summary, charts, groups and a page of rows; a broken line is a broken row', async () => {
    const uri = 'file:///tmp/ws/view.incidents.jsonl';
    const opened = client.diagnostics(uri);
    client.open(uri, 'incident-jsonl', datasetLines().join('\n') + '\n');
    const published = await opened;
    const view = await viewOf(uri);
    assert.ok(view);
    assert.equal(view.complete, true);
    assert.equal(view.format, 'jsonl');
    assert.equal(view.version, 1);
    assert.equal(view.summary?.records, 6);
    assert.equal(view.summary?.problems, published.diagnostics.length);
    assert.deepEqual(view.summary?.servicesBySeverity.kubernetes, { hgh: 1 });
    assert.equal(view.summary?.success.false, 1 + [airflowRecord(), kubernetesRecord(), sparkRecord(), diskRecord()].filter((r) => r.success === false).length);
    assert.equal(view.matching, 6);
    assert.deepEqual(
      view.rows.map((r) => r.line),
      [0, 1, 2, 3, 4, 5],
    );
    const broken = view.rows[3];
    assert.equal(broken.broken, true);
    assert.equal(broken.title, 'Half a record');
    assert.deepEqual(broken.codes, ['IR001']);
    assert.equal(view.rows[1].title, 'Pool exhausted <img src=x onerror=alert(1)>', 'text, for the renderer to show as text');
    assert.ok(view.charts?.resolution.some((r) => r.service === 'airflow' && r.medianSeconds === 1260));
    assert.ok(view.charts?.actions.some((a) => a.type === 'clear_dag_run'));
    const ir004 = view.groups?.find((g) => g.code === 'IR004');
    assert.equal(ir004?.first.index, 2);
    assert.equal(ir004?.first.range.start.line, 2);
  });

  test('filter, sort and rows only', async () => {
    const uri = 'file:///tmp/ws/filter.incidents.jsonl';
    const opened = client.diagnostics(uri);
    client.open(uri, 'incident-jsonl', datasetLines().join('\n') + '\n');
    await opened;
    const errors = await viewOf(uri, { filter: { worst: 'error' }, sort: { key: 'line', descending: true }, rowsOnly: true });
    assert.ok(errors);
    assert.equal(errors.summary, undefined);
    assert.deepEqual(
      errors.rows.map((r) => r.index),
      [3, 2, 1],
    );
    const page = await viewOf(uri, { offset: 1, limit: 2, filter: { services: ['airflow', 'spark', 'disk'] } });
    assert.equal(page?.matching, 3);
    assert.deepEqual(
      page?.rows.map((r) => r.service),
      ['spark', 'disk'],
    );
    const unknown = await viewOf('file:///tmp/ws/not-open.incidents.jsonl');
    assert.equal(unknown, null);
  });

  test('after an edit the rows and aggregates change', async () => {
    const uri = 'file:///tmp/ws/edit.incidents.jsonl';
    const lines = datasetLines();
    const opened = client.diagnostics(uri);
    client.open(uri, 'incident-jsonl', lines.join('\n') + '\n');
    await opened;
    const first = await viewOf(uri);
    assert.equal(first?.summary?.servicesBySeverity.kubernetes.hgh, 1);
    // Fix the severity of line 2, and append a record.
    const at = lines[2].indexOf('"hgh"') + 1;
    const edited = client.diagnostics(uri, (p) => p.version === 2);
    client.change(uri, 2, [
      { range: { start: { line: 2, character: at }, end: { line: 2, character: at + 3 } }, text: 'high' },
      { range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, text: line(kubernetesRecord()).replace('"high"', '"low"') + '\n' },
    ]);
    await edited;
    const second = await viewOf(uri);
    assert.ok(second);
    assert.equal(second.version, 2);
    assert.equal(second.complete, true);
    assert.equal(second.summary?.records, 7);
    assert.equal(second.summary?.servicesBySeverity.kubernetes.hgh, undefined);
    assert.equal(second.summary?.servicesBySeverity.kubernetes.high, 1);
    assert.equal(second.rows[2].codes.includes('IR004'), false);
    assert.equal(second.rows[6].line, 6);
    assert.equal(second.rows[6].service, 'kubernetes');
  });

  test('next and previous problem, wrapping, by code', async () => {
    const uri = 'file:///tmp/ws/problems.incidents.jsonl';
    const opened = client.diagnostics(uri);
    client.open(uri, 'incident-jsonl', datasetLines().join('\n') + '\n');
    const { diagnostics } = await opened;
    const ask = (position: { line: number; character: number }, direction: 'next' | 'previous', code?: string) =>
      client.connection.sendRequest('incidentRecords/datasetProblem', { textDocument: { uri }, position, direction, code }) as Promise<DatasetProblem | null>;
    const next = await ask({ line: 0, character: 0 }, 'next');
    assert.ok(next);
    assert.equal(next.total, diagnostics.length);
    assert.equal(next.ordinal, 1);
    const previous = await ask({ line: 0, character: 0 }, 'previous');
    assert.equal(previous?.ordinal, diagnostics.length, 'wraps to the last problem');
    const syntax = await ask({ line: 4, character: 0 }, 'next', 'IR001');
    assert.deepEqual(syntax && [syntax.index, syntax.range.start.line, syntax.ordinal, syntax.total], [3, 3, 1, 1]);
  });

  test('the dataset card as Markdown; a single record too', async () => {
    const uri = 'file:///tmp/ws/card.incidents.jsonl';
    const opened = client.diagnostics(uri);
    client.open(uri, 'incident-jsonl', datasetLines().join('\n') + '\n');
    await opened;
    const card = (await client.connection.sendRequest('incidentRecords/datasetCard', { textDocument: { uri } })) as string;
    assert.match(card, /^# Dataset card: card\.incidents\.jsonl/);
    assert.match(card, /\*\*Records:\*\* 6/);
    assert.match(card, /## Resolution time/);
    assert.doesNotMatch(card, /<img/);

    const single = 'file:///tmp/ws/one.incident.json';
    const openedSingle = client.diagnostics(single);
    client.open(single, 'incident-json', pretty(airflowRecord()));
    await openedSingle;
    const view = await viewOf(single);
    assert.equal(view?.format, 'json');
    assert.equal(view?.summary?.records, 1);
    assert.equal(view?.rows[0].title, airflowRecord().incident.title);
  });

  test('the dataset overview still answers', async () => {
    const uri = 'file:///tmp/ws/overview2.incidents.jsonl';
    const opened = client.diagnostics(uri);
    client.open(uri, 'incident-jsonl', datasetLines().join('\n') + '\n');
    await opened;
    const overview = (await client.connection.sendRequest('incidentRecords/datasetOverview', { textDocument: { uri } })) as { records: number };
    assert.equal(overview.records, 6);
  });
});
