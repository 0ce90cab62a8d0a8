import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, test } from 'node:test';
import { datasetHtml } from '../../../client/src/dataset/datasetHtml';
import { DatasetRequestPlanner, readWebviewMessage, sanitiseQuery } from '../../../client/src/dataset/datasetRequests';
import type { DatasetView } from '../../../common/dataset';
import { datasetQueryKey } from '../../../common/datasetMessages';
import { readRepoFile, repoRoot } from '../../helpers/text';

const URI = 'file:///data/x.incidents.jsonl';
const view = (version: number, aggregates: boolean): DatasetView => ({
  uri: URI,
  version,
  format: 'jsonl',
  complete: true,
  matching: 0,
  offset: 0,
  rows: [],
  ...(aggregates ? { summary: { records: 0, recordsWithProblems: 0, recordsByWorst: { error: 0, warning: 0, information: 0, hint: 0 }, problems: 0, success: { true: 0, false: 0, unknown: 0 }, servicesBySeverity: {} } } : {}),
});

suite('dataset view requests', () => {
  test('the aggregates once per version, then rows only; a refresh asks for the aggregates and the last page', () => {
    const planner = new DatasetRequestPlanner();
    const query = { filter: { services: ['spark'] }, sort: { key: 'title' as const } };
    const page = { key: datasetQueryKey(query), query, offset: 400, limit: 200 };
    assert.equal(planner.params(URI, 3, page).rowsOnly, undefined, 'nothing drawn yet');
    assert.equal(planner.received(view(3, true)), false);
    assert.deepEqual(planner.params(URI, 3, { ...page, offset: 600 }), { textDocument: { uri: URI }, filter: { services: ['spark'] }, sort: { key: 'title' }, offset: 600, limit: 200, rowsOnly: true });
    assert.equal(planner.params(URI, 4, page).rowsOnly, undefined, 'the document changed');
    assert.equal(planner.received(view(5, false)), true, 'rows newer than the aggregates: refresh');
    const refresh = planner.refresh(URI);
    assert.equal(refresh.key, page.key);
    assert.deepEqual(refresh.params, { textDocument: { uri: URI }, filter: { services: ['spark'] }, sort: { key: 'title' }, offset: 400, limit: 200 });
    planner.reset();
    assert.equal(planner.params(URI, 3, page).rowsOnly, undefined, 'a reloaded webview has no aggregates');
  });

  test('a refresh before any request asks for the first page of the table in document order', () => {
    assert.deepEqual(new DatasetRequestPlanner().refresh(URI), {
      key: datasetQueryKey({ filter: {}, sort: { key: 'line' } }),
      params: { textDocument: { uri: URI }, filter: {}, sort: { key: 'line' }, offset: 0, limit: 200 },
    });
  });

  test('messages from the webview are checked: unknown types, fields and values are dropped, limits clamped', () => {
    assert.equal(readWebviewMessage({ type: 'evil', uri: URI }), undefined);
    assert.equal(readWebviewMessage('ready'), undefined);
    assert.equal(readWebviewMessage({ type: 'reveal', uri: URI, version: 1, index: 0, range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } } }), undefined);
    assert.deepEqual(readWebviewMessage({ type: 'query', uri: URI, key: 'k', query: { filter: { services: ['a', 3], success: ['true', 'maybe'], worst: 'fatal', text: '  ' }, sort: { key: 'constructor', descending: 'yes' } }, offset: -5, limit: 100000 }), {
      type: 'query',
      uri: URI,
      key: 'k',
      query: { filter: { services: ['a'], success: ['true'] }, sort: { key: 'line', descending: false } },
      offset: 0,
      limit: 500,
    });
    assert.deepEqual(sanitiseQuery(undefined), { filter: {}, sort: { key: 'line', descending: false } });
    const ready = readWebviewMessage({ type: 'ready', uri: URI, query: { filter: { codes: ['IR201'] }, sort: { key: 'problems', descending: true } }, offset: 200, limit: 200 });
    assert.equal(ready?.type === 'ready' && ready.key, datasetQueryKey({ filter: { codes: ['IR201'] }, sort: { key: 'problems', descending: true } }));
    assert.deepEqual(readWebviewMessage({ type: 'goToProblem', uri: URI, direction: 'next', code: 'IR201' }), { type: 'goToProblem', uri: URI, direction: 'next', code: 'IR201' });
  });

  test('query keys do not depend on the order of values or the case of the search', () => {
    assert.equal(
      datasetQueryKey({ filter: { services: ['b', 'a'], text: ' OOM ' }, sort: { key: 'line' } }),
      datasetQueryKey({ filter: { text: 'oom', services: ['a', 'b'] }, sort: { key: 'line', descending: false } }),
    );
    assert.notEqual(datasetQueryKey({ filter: {}, sort: { key: 'line' } }), datasetQueryKey({ filter: {}, sort: { key: 'line', descending: true } }));
  });

  test('the webview sources never parse text as HTML, the stylesheet takes every colour from the theme, the shell loads one script by nonce', () => {
    const dir = path.join(repoRoot(), 'webview', 'dataset');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      assert.doesNotMatch(source, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment|setAttribute\(\s*['"]style|\beval\(|new Function/, `webview/dataset/${file}`);
    }
    const css = readRepoFile('media', 'dataset.css');
    const values = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/--[\w-]+/g, '');
    assert.doesNotMatch(values, /#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(|\b(?:white|black|red|green|blue|yellow|gray|grey)\b(?!-)/i);
    const own = new Set([...css.matchAll(/^\s*(--ir-[\w-]+):/gm)].map((m) => m[1]));
    for (const [, name] of css.matchAll(/var\((--[\w-]+)/g)) {
      assert.ok(name.startsWith('--vscode-') || own.has(name), `${name} is neither a theme variable nor defined from one`);
    }
    const html = datasetHtml({ cspSource: 'https://res.test', scriptUri: 'https://res.test/dist/webview/dataset.js', styleUri: 'https://res.test/media/dataset.css', nonce: 'abc' });
    assert.equal(html.match(/<script\b/g)?.length, 1);
    assert.match(html, /script-src 'nonce-abc'/);
    assert.match(html, /default-src 'none'/);
    assert.doesNotMatch(html, /<style|\sstyle=|\son\w+=/);
  });
});
