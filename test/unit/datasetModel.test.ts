import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import type { DatasetFilter, DatasetSortKey } from '../../common/dataset';
import { storeDiagnostics } from '../../server/src/service/documentChecker';
import { RecordStore } from '../../server/src/service/incremental/recordStore';
import { checkRecord, summarize } from '../../server/src/service/recordChecker';
import { DatasetModel, DatasetTracker, datasetCard, messagePattern, RecordInput, RowProblem } from '../../server/src/service/dataset';
import { airflowRecord, databaseRecord, diskRecord, JsonRecord, kubernetesRecord, line, sparkRecord } from '../helpers/records';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const AT = (lineNo: number, character = 0): Range => ({ start: { line: lineNo, character }, end: { line: lineNo, character: character + 1 } });

function problem(code: string, severity: RowProblem['severity'], message: string, lineNo: number, character = 0): RowProblem {
  return { code, severity, message, range: AT(lineNo, character) };
}

function input(record: JsonRecord, problems: RowProblem[] = []): RecordInput {
  return { summary: summarize(record), problems };
}

/** Row i is on line i. */
const locate = (i: number): Range => ({ start: { line: i, character: 0 }, end: { line: i, character: 10 } });

function withTitle(record: JsonRecord, title: string, changes: (r: JsonRecord) => void = () => undefined): JsonRecord {
  record.incident.title = title;
  changes(record);
  return record;
}

/** Five records of four services, one failed, one broken, with problems of several codes. */
function sample(): RecordInput[] {
  return [
    input(withTitle(airflowRecord(), 'Billing DAG stuck')),
    input(
      withTitle(databaseRecord(), 'Pool exhausted', (r) => {
        r.success = false;
        r.resolution_time = '2460';
      }),
      [problem('IR201', 'error', 'success is false but there is no failure_analysis.', 1, 3)],
    ),
    input(
      withTitle(kubernetesRecord(), 'Pod OOMKilled', (r) => (r.incident.severity = 'hgh')),
      [problem('IR004', 'error', '"hgh" is not a severity; did you mean "high"?', 2, 40), problem('IR102', 'warning', 'The record lacks "task_id".', 2, 5)],
    ),
    { problems: [problem('IR001', 'error', 'Expected a comma after 12 values.', 3, 7)], partial: { title: 'Half a record' } },
    input(
      withTitle(kubernetesRecord(), 'Another pod OOMKilled', (r) => (r.incident.severity = 'lwo')),
      [problem('IR004', 'error', '"lwo" is not a severity; did you mean "low"?', 4, 40)],
    ),
  ];
}

/** Everything the model answers, for comparing two models. */
function snapshot(model: DatasetModel) {
  const page = (sort: DatasetSortKey, descending: boolean, filter?: DatasetFilter) => model.query({ sort: { key: sort, descending }, filter, limit: 500 }, locate);
  return {
    summary: model.summary(),
    charts: model.charts(),
    groups: model.groups(),
    byLine: page('line', false),
    byProblems: page('problems', true),
    byResolution: page('resolution', false),
    errors: page('title', false, { worst: 'error' }),
    next: model.problemFrom({ line: 0, character: 0 }, 'next'),
    previous: model.problemFrom({ line: 0, character: 0 }, 'previous'),
  };
}

suite('dataset model', () => {
  test('summary: records, problems by worst severity, success, services × severity, date range', () => {
    const model = new DatasetModel(sample());
    const s = model.summary();
    assert.equal(s.records, 5);
    assert.equal(s.recordsWithProblems, 4);
    assert.deepEqual(s.recordsByWorst, { error: 4, warning: 0, information: 0, hint: 0 });
    assert.equal(s.problems, 5);
    assert.deepEqual(s.success, { true: 3, false: 1, unknown: 1 });
    assert.deepEqual(s.servicesBySeverity, {
      '(none)': { '(none)': 1 },
      airflow: { high: 1 },
      database: { critical: 1 },
      kubernetes: { hgh: 1, lwo: 1 },
    });
    assert.ok(s.dateRange);
    assert.ok(Date.parse(s.dateRange.first) <= Date.parse(s.dateRange.last));
  });

  test('charts: resolution medians per service (numeric strings read generously), action effectiveness, codes', () => {
    const model = new DatasetModel(sample());
    const { resolution, actions, codes } = model.charts();
    const database = resolution.find((r) => r.service === 'database');
    assert.equal(database?.medianSeconds, 2460);
    assert.equal(database?.bins.reduce((a, b) => a + b, 0), 1);
    const kubernetes = resolution.find((r) => r.service === 'kubernetes');
    assert.equal(kubernetes?.count, 2);
    const clear = actions.find((a) => a.service === 'airflow' && a.type === 'clear_dag_run');
    assert.deepEqual(clear && { used: clear.used, success: clear.success, failed: clear.failed }, { used: 2, success: 1, failed: 1 });
    assert.deepEqual(
      codes.map((c) => [c.code, c.count, c.records]),
      [
        ['IR004', 2, 2],
        ['IR001', 1, 1],
        ['IR201', 1, 1],
        ['IR102', 1, 1],
      ],
    );
  });

  test('rows: a broken record is a row with what could be read, marked broken', () => {
    const model = new DatasetModel(sample());
    const { rows, matching } = model.query({}, locate);
    assert.equal(matching, 5);
    const broken = rows[3];
    assert.equal(broken.broken, true);
    assert.equal(broken.title, 'Half a record');
    assert.equal(broken.problems, 1);
    assert.deepEqual(broken.codes, ['IR001']);
    assert.equal(rows[1].resolutionText, '41m 00s');
    assert.deepEqual(rows[2].codes, ['IR004', 'IR102']);
    assert.equal(rows[2].worst, 'error');
    assert.equal(rows[2].line, 2);
  });

  test('filters: services, severities, success, codes, worst, text; they combine with "and"', () => {
    const model = new DatasetModel(sample());
    const titles = (filter: DatasetFilter) => model.query({ filter }, locate).rows.map((r) => r.title);
    assert.deepEqual(titles({ services: ['kubernetes'] }), ['Pod OOMKilled', 'Another pod OOMKilled']);
    assert.deepEqual(titles({ services: ['(none)'] }), ['Half a record']);
    assert.deepEqual(titles({ severities: ['high', 'critical'] }), ['Billing DAG stuck', 'Pool exhausted']);
    assert.deepEqual(titles({ success: ['false'] }), ['Pool exhausted']);
    assert.deepEqual(titles({ success: ['unknown'] }), ['Half a record']);
    assert.deepEqual(titles({ codes: ['IR102', 'IR001'] }), ['Pod OOMKilled', 'Half a record']);
    assert.deepEqual(titles({ worst: 'none' }), ['Billing DAG stuck']);
    assert.deepEqual(titles({ worst: 'hint' }).length, 4);
    assert.deepEqual(titles({ text: 'oomkilled' }), ['Pod OOMKilled', 'Another pod OOMKilled']);
    assert.deepEqual(titles({ text: 'OOM', codes: ['IR102'] }), ['Pod OOMKilled']);
    assert.deepEqual(titles({ services: [] }).length, 5);
  });

  test('sorting by every key, both directions, is stable with ties by line and missing values last', () => {
    const model = new DatasetModel(sample());
    const lines = (key: DatasetSortKey, descending = false) => model.query({ sort: { key, descending } }, locate).rows.map((r) => r.line);
    assert.deepEqual(lines('line'), [0, 1, 2, 3, 4]);
    assert.deepEqual(lines('line', true), [4, 3, 2, 1, 0]);
    assert.deepEqual(lines('title'), [4, 0, 3, 2, 1]);
    assert.deepEqual(lines('problems', true), [2, 1, 3, 4, 0]);
    assert.deepEqual(lines('problems'), [0, 1, 3, 4, 2]);
    assert.deepEqual(lines('success'), [0, 2, 4, 1, 3]);
    assert.deepEqual(lines('severity'), [1, 0, 2, 4, 3]);
    assert.deepEqual(lines('service'), [0, 1, 2, 4, 3]);
    assert.deepEqual(lines('service', true), [2, 4, 1, 0, 3]);
    assert.equal(lines('resolution').at(-1), 3);
    assert.equal(lines('resolution', true).at(-1), 3);
    assert.equal(lines('actions', true).at(-1), 3);
    assert.equal(lines('firstAction').at(-1), 3);
  });

  test('paging: offset and limit (at most 500), with the count of all matching rows', () => {
    const records = Array.from({ length: 1200 }, (_, i) => input(withTitle(airflowRecord(), `Run ${i}`)));
    const model = new DatasetModel(records);
    const page = model.query({ offset: 1000, limit: 100 }, locate);
    assert.equal(page.matching, 1200);
    assert.equal(page.offset, 1000);
    assert.deepEqual(
      page.rows.map((r) => r.index),
      Array.from({ length: 100 }, (_, i) => 1000 + i),
    );
    assert.equal(model.query({ limit: 100_000 }, locate).rows.length, 500);
    assert.equal(model.query({ offset: 1190, limit: 50 }, locate).rows.length, 10);
    assert.equal(model.query({ offset: -5, limit: Number.NaN }, locate).offset, 0);
  });

  test('problem groups: by code and message pattern, most frequent first, with the first occurrence', () => {
    const model = new DatasetModel(sample());
    const groups = model.groups();
    assert.equal(groups[0].code, 'IR004');
    assert.equal(groups[0].count, 2);
    assert.equal(groups[0].records, 2);
    assert.equal(groups[0].pattern, '… is not a severity; did you mean …?');
    assert.deepEqual(groups[0].first, { index: 2, range: AT(2, 40) });
    assert.equal(groups.length, 4);
  });

  test('message patterns replace quoted values, numbers, pointers and paths', () => {
    assert.equal(messagePattern('"hgh" is not a severity.'), '… is not a severity.');
    assert.equal(messagePattern('The same incident as line 12 (same title).'), 'The same incident as line … (same title).');
    assert.equal(messagePattern('Missing /incident/metadata/dag_id here'), 'Missing … here');
    assert.equal(messagePattern('actions_taken[3].timestamp is before actions_taken[2].timestamp'), '… is before …');
    assert.equal(messagePattern('resolution_time (41m 00s) is short'), 'resolution_time (…m …s) is short');
  });

  test('next and previous problem across the document, wrapping, optionally of one code, with ordinal and total', () => {
    const model = new DatasetModel(sample());
    const next = model.problemFrom({ line: 1, character: 3 }, 'next');
    assert.deepEqual(next && [next.code, next.index, next.ordinal, next.total], ['IR102', 2, 2, 5]);
    const previous = model.problemFrom({ line: 1, character: 3 }, 'previous');
    assert.equal(previous?.ordinal, 5, 'wraps to the last one');
    const wrapped = model.problemFrom({ line: 99, character: 0 }, 'next');
    assert.equal(wrapped?.ordinal, 1);
    const ir004 = model.problemFrom({ line: 2, character: 40 }, 'next', 'IR004');
    assert.deepEqual(ir004 && [ir004.index, ir004.ordinal, ir004.total], [4, 2, 2]);
    const back = model.problemFrom({ line: 2, character: 40 }, 'previous', 'IR004');
    assert.deepEqual(back && [back.index, back.ordinal], [4, 2]);
    assert.equal(model.problemFrom({ line: 0, character: 0 }, 'next', 'IR999'), null);
  });

  test('replace, insert and remove update the aggregates as a rebuild would', () => {
    const records = sample();
    const model = new DatasetModel(records);
    const fixed = input(withTitle(kubernetesRecord(), 'Pod OOMKilled'));
    model.replace(2, fixed);
    const extra = input(withTitle(sparkRecord(), 'Executor lost'), [problem('IR124', 'information', 'The record lacks "gc_time_percentage".', 1)]);
    model.splice(1, 1, [extra, input(diskRecord())]);
    const expected = [records[0], extra, input(diskRecord()), fixed, records[3], records[4]];
    assert.deepEqual(snapshot(model), snapshot(new DatasetModel(expected)));
    model.splice(0, model.size, []);
    assert.equal(model.summary().records, 0);
    assert.deepEqual(model.charts(), { resolution: [], actions: [], codes: [] });
    assert.deepEqual(model.groups(), []);
  });

  test('property: random splices applied incrementally give the model a rebuild gives', () => {
    const pool = [...sample(), input(sparkRecord()), input(diskRecord(), [problem('IR141', 'warning', 'The record lacks "used_size_gb".', 9)])];
    const op = fc.record({ at: fc.nat({ max: 12 }), remove: fc.nat({ max: 3 }), insert: fc.array(fc.nat({ max: pool.length - 1 }), { maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(fc.nat({ max: pool.length - 1 }), { maxLength: 8 }), fc.array(op, { minLength: 1, maxLength: 10 }), (initial, ops) => {
        const list = initial.map((i) => pool[i]);
        const model = new DatasetModel(list);
        for (const o of ops) {
          const at = Math.min(o.at, list.length);
          const remove = Math.min(o.remove, list.length - at);
          const inserted = o.insert.map((i) => pool[i]);
          list.splice(at, remove, ...inserted);
          model.splice(at, remove, inserted);
        }
        assert.deepEqual(snapshot(model), snapshot(new DatasetModel(list)));
      }),
      { seed: 4242, numRuns: 200 },
    );
  });

  test('hostile titles stay text and are masked; the card escapes Markdown', () => {
    const hostile = input(withTitle(airflowRecord(), '<img src=x onerror=alert(1)> | `rm -rf` password=Summer2024!Secret'));
    const service = input(withTitle(databaseRecord(), 'ok', (r) => (r.incident.service = '<b>db</b>|x')));
    const model = new DatasetModel([hostile, service]);
    const [row] = model.query({}, locate).rows;
    assert.match(row.title ?? '', /^<img src=x onerror=alert\(1\)>/, 'the title is kept as text for a renderer that shows text');
    assert.doesNotMatch(row.title ?? '', /Summer2024/, 'the password is masked');
    const card = datasetCard({ name: 'x|y.jsonl', bytes: 2048, summary: model.summary(), charts: model.charts() });
    assert.doesNotMatch(card, /<b>|<img/);
    assert.match(card, /\\<b\\>db\\<\/b\\>\\\|x/);
    assert.match(card, /Dataset card: x\\\|y\.jsonl/);
    assert.match(card, /2\.0 KB/);
    // Every table row has the same number of cells as its header.
    const tables = card.split('\n\n').filter((block) => block.startsWith('|'));
    for (const block of tables) {
      const widths = block.split('\n').map((l) => l.replace(/\\\|/g, '').split('|').length);
      assert.ok(widths.every((w) => w === widths[0]), block);
    }
  });

  test('the card: size, services × severity, outcomes, resolution medians in human form, actions, problems', () => {
    const model = new DatasetModel(sample());
    const card = datasetCard({ name: 'sample.incidents.jsonl', summary: model.summary(), charts: model.charts() });
    assert.match(card, /^# Dataset card: sample\.incidents\.jsonl/);
    assert.match(card, /\*\*Records:\*\* 5/);
    assert.match(card, /\| Service \| critical \| high \| hgh \| lwo \| \(none\) \| Records \|/);
    assert.match(card, /\| database \| 1 \| 41m 00s \|/);
    assert.match(card, /\| `clear_dag_run` \| airflow \| 2 \| 50\.0% \| 1 \| 0 \|/);
    assert.match(card, /\| `IR004` \| enum \| error \| 2 \| 2 \|/);
  });
});

suite('dataset model kept in step with a record store', () => {
  const docOf = (store: RecordStore) => TextDocument.create('file:///x.incidents.jsonl', 'incident-jsonl', 0, store.documentText);

  function sync(tracker: DatasetTracker, store: RecordStore): void {
    store.checkSome();
    const doc = docOf(store);
    tracker.sync(store, storeDiagnostics(store, (o) => doc.positionAt(o)), 1);
  }

  function view(tracker: DatasetTracker, store: RecordStore) {
    const doc = docOf(store);
    const locateIn = (i: number): Range => ({ start: doc.positionAt(store.start(i)), end: doc.positionAt(store.end(i)) });
    const m = tracker.model;
    return {
      summary: m.summary(),
      charts: m.charts(),
      groups: m.groups(),
      rows: m.query({ limit: 500 }, locateIn),
      byTitle: m.query({ limit: 500, sort: { key: 'title' } }, locateIn),
      next: m.problemFrom({ line: 1, character: 0 }, 'next'),
    };
  }

  const lines = () => {
    const bad = kubernetesRecord();
    bad.incident.severity = 'hgh';
    return [line(airflowRecord()), line(databaseRecord()), line(bad), '{ "broken": ', line(sparkRecord()), line(kubernetesRecord()), line(diskRecord())];
  };

  test('an edit changes the rows and aggregates as a rebuild would; untouched rows are kept', () => {
    const text = lines().join('\n') + '\n';
    const store = new RecordStore('jsonl', text, { now: () => NOW });
    const tracker = new DatasetTracker();
    sync(tracker, store);
    assert.equal(tracker.complete(store), true);
    assert.equal(tracker.model.summary().records, 7);
    const before = tracker.model.version;
    const at = text.indexOf('"hgh"') + 1;
    const next = text.slice(0, at) + 'hig' + text.slice(at + 3);
    store.applyChange({ start: at, end: at + 3, text: 'hig' }, next);
    assert.equal(tracker.complete(store), false);
    sync(tracker, store);
    assert.ok(tracker.model.version - before <= 2, 'one row replaced, not a rebuild');
    const fresh = new RecordStore('jsonl', next, { now: () => NOW });
    const rebuilt = new DatasetTracker();
    sync(rebuilt, fresh);
    assert.deepEqual(view(tracker, store), view(rebuilt, fresh));
    assert.equal(tracker.model.summary().servicesBySeverity.kubernetes.hig, 1);
    assert.equal(view(tracker, store).rows.rows[3].broken, true);
  });

  for (const format of ['jsonl', 'json'] as const) {
    test(`${format}: property: random text edits synced incrementally give the model a full rebuild gives`, () => {
      const initial = format === 'jsonl' ? lines().join('\n') + '\n' : JSON.stringify([airflowRecord(), databaseRecord(), kubernetesRecord(), kubernetesRecord(), diskRecord()], null, 2);
      const edit = fc.record({
        at: fc.nat({ max: initial.length }),
        remove: fc.oneof(fc.constant(0), fc.nat({ max: 12 }), fc.nat({ max: 300 })),
        insert: fc.oneof(fc.constant(''), fc.constantFrom('"', ',', '{', '}', '\n', 'x', '"severity": "low", '), fc.constant('\n' + line(databaseRecord()) + '\n'), fc.constant(line(airflowRecord()))),
      });
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), fc.boolean(), (edits, syncEach) => {
          const store = new RecordStore(format, initial, { now: () => NOW });
          const tracker = new DatasetTracker();
          sync(tracker, store);
          let text = initial;
          for (const e of edits) {
            const start = Math.min(e.at, text.length);
            const end = Math.min(text.length, start + e.remove);
            text = text.slice(0, start) + e.insert + text.slice(end);
            store.applyChange({ start, end, text: e.insert }, text);
            if (syncEach) {
              sync(tracker, store);
            }
          }
          sync(tracker, store);
          const fresh = new RecordStore(format, text, { now: () => NOW });
          const rebuilt = new DatasetTracker();
          sync(rebuilt, fresh);
          assert.deepEqual(view(tracker, store), view(rebuilt, fresh));
        }),
        { seed: 777, numRuns: 120 },
      );
    });
  }

  test('10,000 rows filter and sort quickly enough to answer as the user types', () => {
    const records = Array.from({ length: 10_000 }, (_, i) => {
      const r = [airflowRecord, databaseRecord, sparkRecord, kubernetesRecord, diskRecord][i % 5]();
      r.incident.title = `Incident ${i} ${r.incident.title}`;
      r.resolution_time = (i * 37) % 5000;
      return { summary: checkRecord(line(r), i, { inDataset: true, now: NOW }).summary, problems: i % 3 ? [] : [problem('IR102', 'warning', 'The record lacks "task_id".', i)] };
    });
    const model = new DatasetModel(records);
    // Not a timing assertion: the work is bounded (one pass per filter, a cached order per sort key).
    const page = model.query({ filter: { text: 'incident 99', services: ['airflow', 'spark'] }, sort: { key: 'resolution', descending: true }, limit: 50 }, locate);
    assert.ok(page.matching > 0);
    const values = page.rows.map((r) => r.resolutionSeconds ?? -1);
    assert.deepEqual(values, [...values].sort((a, b) => b - a));
  });
});
