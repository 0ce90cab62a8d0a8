/**
 * The dataset view's webview in headless Chromium: the bundled script, the
 * real HTML shell and CSP, and a fake extension (test/webview/datasetFake.ts)
 * answering its messages with realistic rows. Screenshots go to
 * test-artifacts/.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, suite, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { datasetQueryKey } from '../../common/datasetMessages';
import { startTestClient } from '../helpers/lspClient';
import { readRepoFile, repoRoot } from '../helpers/text';
import { DatasetWebviewPage, FakeDataset, serve, Server } from './datasetFake';
import { launchChromium, openWebview } from './harness';
import type { ThemeName } from './themes';
import type { DatasetView } from '../../common/dataset';
import type { FromDatasetWebviewMessage, ToDatasetWebviewMessage } from '../../common/datasetMessages';

const HOSTILE = '<img src=x onerror=alert(1)>';
/** Rows in the DOM for a 640 px viewport of 26 px rows: 25 on screen, 8 above and below, and the focused row. */
const MAX_ROWS_IN_DOM = 60;

async function screenshot(view: DatasetWebviewPage, name: string): Promise<void> {
  const file = path.join(repoRoot(), 'test-artifacts', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await view.page.screenshot({ path: file, fullPage: true });
}

async function assertClean(view: DatasetWebviewPage): Promise<void> {
  assert.deepEqual(await view.violations(), [], 'CSP violations');
  assert.deepEqual(view.strayRequests, [], 'requests outside the bundle');
  assert.deepEqual(view.dialogs, [], 'dialogs opened');
}

suite('dataset view webview (headless Chromium)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  async function show(data: FakeDataset, theme: ThemeName = 'light'): Promise<{ view: DatasetWebviewPage; server: Server }> {
    const view = await openWebview<FromDatasetWebviewMessage, ToDatasetWebviewMessage>(browser, theme, { width: 1100, height: 900 }, 1, 'dataset');
    const server = serve(view, data);
    await view.page.locator('.row:not(.placeholder)').first().waitFor();
    return { view, server };
  }

  async function done(view: DatasetWebviewPage, server: Server): Promise<void> {
    server.stop();
    await view.close();
  }

  const rowsInDom = (view: DatasetWebviewPage) => view.page.locator('.grid-body [role="row"]').count();
  const body = (view: DatasetWebviewPage) => view.page.locator('.grid-body');

  test('the summary shows the records, those with problems by worst severity, success, services × severity and the date range', async () => {
    const data = new FakeDataset(2000);
    const { summary } = data.aggregates();
    assert.ok(summary);
    const { view, server } = await show(data);
    const { page } = view;
    assert.equal(await page.locator('.tile.records .big').textContent(), '2,000');
    assert.equal(await page.locator('.tile.with-problems .big').textContent(), summary.recordsWithProblems.toLocaleString('en-US'));
    assert.equal(await page.locator('.tile.with-problems .part.worst-error').textContent(), `✕ errors ${summary.recordsByWorst.error.toLocaleString('en-US')}`);
    assert.equal(await page.locator('.tile.success .part.success-false').textContent(), `failed ${summary.success.false.toLocaleString('en-US')}`);
    assert.equal(await page.locator('.tile.dates .big').textContent(), summary.dateRange?.first);
    const services = await page.locator('.services-table tbody tr').evaluateAll((rows) => rows.map((r) => [r.querySelector('th')?.textContent, r.querySelector('.total')?.textContent]));
    assert.deepEqual(
      services,
      Object.keys(summary.servicesBySeverity)
        .sort()
        .map((s) => [s, Object.values(summary.servicesBySeverity[s]).reduce((a, b) => a + b, 0).toLocaleString('en-US')]),
    );
    assert.equal(await page.locator('.grid').getAttribute('aria-rowcount'), '2001');
    assert.equal(await page.locator('.matching').textContent(), '2,000 records');
    assert.equal(await page.locator('.group-list > li').count(), data.aggregates().groups!.length);
    assert.equal(await page.locator('figure.chart').count(), 4);
    await screenshot(view, 'dataset-light.png');
    await assertClean(view);
    await done(view, server);
  });

  test(`hostile record text such as ${HOSTILE} stays text in the table, the filters and the pictures, and no script runs`, async () => {
    const data = new FakeDataset(50, undefined, 3, (row, i) =>
      i === 0 ? { ...row, title: HOSTILE, service: '<script>window.__pwned=1</script>', severity: '<b onmouseover=alert(3)>x</b>', codes: ['<iframe src="https://evil.example/">'], problems: 1, worst: 'error' } : row,
    );
    const { view, server } = await show(data, 'dark');
    const { page } = view;
    const first = page.locator('.row[data-row="0"]');
    assert.equal(await first.locator('.col-title').textContent(), HOSTILE);
    assert.equal(await first.locator('.col-service').textContent(), '<script>window.__pwned=1</script>');
    assert.equal(await first.locator('.problem-count').getAttribute('title'), '<iframe src="https://evil.example/">');
    assert.ok((await page.locator('.services-table').textContent())?.includes('<script>window.__pwned=1</script>'));
    assert.ok((await page.locator('.filter-service').textContent())?.includes('<script>window.__pwned=1</script>'));
    assert.equal(await page.locator('img, iframe, b, main script').count(), 0);
    assert.equal(await page.locator('script').count(), 1, 'only the bundle is a script');
    await first.hover();
    assert.equal(await page.evaluate('typeof window.__pwned'), 'undefined');
    await assertClean(view);
    await done(view, server);
  });

  test('arrows, Page Up/Down, Home and End move the one focusable row; Enter and a click ask the extension to reveal the record', async () => {
    const data = new FakeDataset(2000);
    const { view, server } = await show(data);
    const { page } = view;
    const focused = () => page.evaluate('document.activeElement?.dataset.row') as Promise<string | undefined>;
    assert.deepEqual(await page.locator('.grid-body [tabindex="0"]').evaluateAll((n) => n.map((e) => e.getAttribute('data-row'))), ['0']);
    await page.locator('.row[data-row="0"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), '2');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focused(), '1');
    await page.keyboard.press('PageDown');
    const afterPage = Number(await focused());
    assert.ok(afterPage > 15 && afterPage < 30, `PageDown moved to ${afterPage}`);
    await page.keyboard.press('End');
    assert.equal(await focused(), '1999');
    await page.locator('.row[data-row="1999"]:not(.placeholder)').waitFor();
    assert.equal(await page.locator('.row[data-row="1999"]').getAttribute('aria-rowindex'), '2001');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Home');
    assert.equal(await focused(), '0');
    assert.deepEqual(await page.locator('.grid-body [tabindex="0"]').count(), 1);
    await page.keyboard.press('Enter');
    await page.locator('.row[data-row="3"]').click();
    await server.idle();
    const reveals = server.others.filter((m) => m.type === 'reveal');
    const expected = (i: number) => ({ type: 'reveal', uri: data.uri, version: 1, index: i, range: data.records[i].row.range, focusEditor: false });
    assert.deepEqual(reveals, [expected(1999), expected(0), expected(3)]);
    assert.equal(await focused(), '3');
    await done(view, server);
  });

  test('100,000 rows: the DOM holds only the rows in view, and scrolling asks for the page that comes into view', async () => {
    const data = new FakeDataset(100_000, undefined, 11);
    const { view, server } = await show(data);
    const { page } = view;
    assert.equal(await page.locator('.grid').getAttribute('aria-rowcount'), '100001');
    assert.ok((await rowsInDom(view)) <= MAX_ROWS_IN_DOM, `${await rowsInDom(view)} rows in the DOM`);
    // Jump to the middle, then drag on a little, as a scrollbar does.
    await body(view).evaluate((node) => (node.scrollTop = 50_000 * 26));
    await page.locator('.row[data-row="50000"]:not(.placeholder)').waitFor();
    assert.equal(await page.locator('.row[data-row="50000"] .col-line').textContent(), String(data.records[50_000].row.line + 1));
    assert.ok(server.queries.some((q) => q.offset === 50_000 && q.limit === 200), `asked for ${server.queries.map((q) => q.offset).join(', ')}`);
    for (let i = 1; i <= 10; i++) {
      await body(view).evaluate((node, top) => (node.scrollTop = top), (50_000 + i * 30) * 26);
      await page.waitForTimeout(16);
    }
    await page.locator('.row[data-row="50300"]:not(.placeholder)').waitFor();
    await server.idle();
    // The pages of the rows passed on the way, with the margin of 8 rows above and below: 49,992 … 50,333.
    assert.deepEqual([...new Set(server.queries.map((q) => q.offset))].sort((a, b) => a - b), [49_800, 50_000, 50_200]);
    const count = await rowsInDom(view);
    assert.ok(count <= MAX_ROWS_IN_DOM, `${count} rows in the DOM after scrolling`);
    assert.ok(server.queries.every((q) => q.limit === 200), 'one page at a time, never every row');
    assert.equal(await page.locator('.grid-body .placeholder').count(), 0);
    await done(view, server);
  });

  test('a live update (a newer version with the aggregates and one page) redraws, and the other pages on screen are asked for again', async () => {
    const data = new FakeDataset(2000);
    const { view, server } = await show(data);
    const { page } = view;
    await body(view).evaluate((node) => (node.scrollTop = 190 * 26));
    await page.locator('.row[data-row="210"]:not(.placeholder)').waitFor();
    await server.idle();
    const before = server.queries.length;
    data.version = 2;
    const old = data.records[195];
    data.records[195] = { ...old, row: { ...old.row, title: 'Edited title' } };
    const key = datasetQueryKey({ filter: {}, sort: { key: 'line' } });
    await view.send({ type: 'dataset', uri: data.uri, name: 'incidents.incidents.jsonl', key, view: data.view({ filter: {}, sort: { key: 'line' } }, 200, 200) });
    await page.locator('.row[data-row="195"]:not(.placeholder)').waitFor();
    await server.idle();
    assert.equal(await page.locator('.row[data-row="195"] .col-title').textContent(), 'Edited title');
    assert.deepEqual(server.queries.slice(before).map((q) => q.offset), [0], 'the page above, dropped with the old version, is asked for again');
    await done(view, server);
  });

  test('clicking a bar of a picture filters the table, and the filter shows in the controls', async () => {
    const data = new FakeDataset(2000);
    const { view, server } = await show(data);
    const { page } = view;
    const bar = page.locator('figure.chart').first().locator('rect.bar').first();
    const tooltip = (await bar.locator('title').textContent()) ?? '';
    const [, service, severity] = /^(\w+), (\w+):/.exec(tooltip) ?? [];
    assert.ok(service && severity, tooltip);
    await bar.click();
    await page.waitForFunction(`document.querySelector('.row:not(.placeholder) .col-service')?.textContent === ${JSON.stringify(service)}`);
    await server.idle();
    const last = server.queries.at(-1);
    assert.deepEqual(last?.query.filter, { services: [service], severities: [severity] });
    assert.equal(await page.locator('.filter-service').inputValue(), service);
    assert.equal(await page.locator('.filter-severity').inputValue(), severity);
    const expected = data.rows({ filter: { services: [service], severities: [severity] }, sort: { key: 'line' } }).length;
    assert.equal(await page.locator('.grid').getAttribute('aria-rowcount'), String(expected + 1));
    const services = await page.locator('.row:not(.placeholder) .col-service').allTextContents();
    assert.ok(services.length > 0 && services.every((s) => s === service), services.join(','));
    // The problems picture filters by code, the group list too.
    await page.locator('figure.chart').nth(3).locator('rect.bar').first().click();
    await server.idle();
    assert.equal(server.queries.at(-1)?.query.filter.codes?.length, 1);
    await page.locator('.clear-filters').click();
    await server.idle();
    assert.deepEqual(server.queries.at(-1)?.query.filter, {});
    await done(view, server);
  });

  test('headers sort (aria-sort says how), the title search is debounced, and the filters combine', async () => {
    const data = new FakeDataset(2000);
    const { view, server } = await show(data);
    const { page } = view;
    const header = (label: string) => page.locator('[role="columnheader"]', { hasText: label });
    assert.equal(await header('Line').getAttribute('aria-sort'), 'ascending');
    await header('Resolution').locator('button').click();
    assert.equal(await header('Resolution').getAttribute('aria-sort'), 'descending');
    assert.equal(await header('Line').getAttribute('aria-sort'), 'none');
    await header('Resolution').locator('button').click();
    assert.equal(await header('Resolution').getAttribute('aria-sort'), 'ascending');
    await server.idle();
    assert.deepEqual(server.queries.at(-1)?.query.sort, { key: 'resolution', descending: false });
    const before = server.queries.length;
    await page.locator('.filter-text').pressSequentially('oom', { delay: 20 });
    await server.idle();
    await page.waitForTimeout(300);
    await server.idle();
    const searches = server.queries.slice(before);
    assert.equal(searches.length, 1, 'one query for the whole word');
    assert.deepEqual(searches[0].query, { filter: { text: 'oom' }, sort: { key: 'resolution', descending: false } });
    await page.locator('.filter-success').selectOption('false');
    await server.idle();
    const expected = data.rows({ filter: { text: 'oom', success: ['false'] }, sort: { key: 'resolution' } });
    assert.equal(await page.locator('.grid').getAttribute('aria-rowcount'), String(expected.length + 1));
    assert.equal(await page.locator('.row[data-row="0"] .col-line').textContent(), String(expected[0].line + 1));
    await done(view, server);
  });

  test('filters, sort, scroll position and the focused row come back after a reload, and the script asks for that page', async () => {
    const data = new FakeDataset(5000);
    const { view, server } = await show(data);
    const { page } = view;
    await page.locator('.filter-service').selectOption('spark');
    await page.locator('[role="columnheader"]', { hasText: 'Title' }).locator('button').click();
    await server.idle();
    await body(view).evaluate((node) => (node.scrollTop = 300 * 26));
    await page.locator('.row[data-row="305"]:not(.placeholder)').waitFor();
    await page.locator('.row[data-row="305"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(250);
    await page.reload();
    await page.locator('.row[data-row="306"]:not(.placeholder)').waitFor();
    const ready = (await view.posted())[0];
    const query = { filter: { services: ['spark'] }, sort: { key: 'title', descending: false } };
    assert.deepEqual(ready, { type: 'ready', uri: data.uri, query, offset: 200, limit: 200 });
    assert.equal(await page.locator('.filter-service').inputValue(), 'spark');
    assert.equal(await page.locator('[role="columnheader"]', { hasText: 'Title' }).getAttribute('aria-sort'), 'ascending');
    assert.equal(await body(view).evaluate((node) => node.scrollTop), 300 * 26);
    assert.deepEqual(await page.locator('.grid-body [tabindex="0"]').evaluateAll((n) => n.map((e) => e.getAttribute('data-row'))), ['306']);
    assert.equal(await page.locator('.row[data-row="306"] .col-title').textContent(), data.rows(query as never)[306].title);
    assert.equal(datasetQueryKey(ready.type === 'ready' ? ready.query! : (query as never)), datasetQueryKey(query as never));
    await done(view, server);
  });

  test('next and previous problem ask the extension, and the answer is announced; an empty document says why', async () => {
    const data = new FakeDataset(100);
    const { view, server } = await show(data, 'high-contrast');
    const { page } = view;
    await page.locator('.next-problem').click();
    await page.locator('.previous-problem').click();
    await server.idle();
    assert.deepEqual(server.others.filter((m) => m.type === 'goToProblem'), [
      { type: 'goToProblem', uri: data.uri, direction: 'next' },
      { type: 'goToProblem', uri: data.uri, direction: 'previous' },
    ]);
    const row = data.records.find((r) => r.row.problems > 0)!.row;
    await view.send({ type: 'problem', uri: data.uri, problem: { code: 'IR201', severity: 'error', message: 'success is false but the failure analysis is missing', range: row.range, index: row.index, ordinal: 3, total: 120 } });
    assert.equal(await page.locator('.problem-status').textContent(), `Problem 3 of 120, record ${row.index + 1}: IR201 (error) success is false but the failure analysis is missing`);
    await page.locator('.copy-card').click();
    await page.locator('.go-first').first().click();
    await server.idle();
    assert.deepEqual(server.others.at(-2), { type: 'copyCard', uri: data.uri });
    assert.equal(server.others.at(-1)?.type, 'reveal');
    await screenshot(view, 'dataset-high-contrast.png');
    await view.send({ type: 'empty', uri: data.uri, reason: 'The language server is not running.' });
    assert.equal(await page.locator('.empty-reason').textContent(), 'The language server is not running.');
    assert.equal(await page.locator('section.records').isVisible(), false);
    await assertClean(view);
    await done(view, server);
  });

  test('a broken record is a row with its IR001; a single-record JSON file says the view is for datasets', async () => {
    const data = new FakeDataset(300);
    const broken = data.records.find((r) => r.row.broken)?.row;
    assert.ok(broken, 'the fake has a broken record');
    const { view, server } = await show(data);
    const { page } = view;
    await page.locator('.filter-code').selectOption('IR001');
    await page.locator('.row.broken').first().waitFor();
    assert.match((await page.locator('.row.broken').first().locator('.col-title').textContent()) ?? '', /^IR001/);
    assert.equal(await page.locator('.row.broken').first().locator('.problem-count').getAttribute('title'), 'IR001');
    await done(view, server);

    const single = await openWebview<FromDatasetWebviewMessage, ToDatasetWebviewMessage>(browser, 'light', { width: 900, height: 700 }, 1, 'dataset');
    const one = new FakeDataset(1, 'file:///workspace/one.incident.json');
    await single.send({ type: 'dataset', uri: one.uri, name: 'one.incident.json', key: datasetQueryKey({ filter: {}, sort: { key: 'line' } }), view: { ...one.view({ filter: {}, sort: { key: 'line' } }, 0, 200), format: 'json' } });
    assert.match((await single.page.locator('.note').textContent()) ?? '', /single record/);
    await single.close();
  });

  test('with the real language server behind it: examples/dataset.incidents.jsonl is drawn, filtered and sorted as the server says', async () => {
    const client = await startTestClient();
    try {
      const uri = 'file:///workspace/examples/dataset.incidents.jsonl';
      const text = readRepoFile('examples', 'dataset.incidents.jsonl');
      const published = client.diagnostics(uri);
      client.open(uri, 'incident-jsonl', text);
      await published;
      const backend = {
        uri,
        view: async (query: { filter: object; sort: object }, offset: number, limit: number, rowsOnly = false) =>
          (await client.connection.sendRequest('incidentRecords/datasetView', { textDocument: { uri }, ...query, offset, limit, rowsOnly })) as DatasetView,
      };
      const full = await backend.view({ filter: {}, sort: { key: 'line' } }, 0, 200);
      const view = await openWebview<FromDatasetWebviewMessage, ToDatasetWebviewMessage>(browser, 'light', { width: 1100, height: 900 }, 1, 'dataset');
      const server = serve(view, backend, 'dataset.incidents.jsonl');
      const { page } = view;
      await page.locator('.row:not(.placeholder)').first().waitFor();
      assert.equal(await page.locator('.tile.records .big').textContent(), full.summary?.records.toLocaleString('en-US'));
      assert.equal(await page.locator('.grid').getAttribute('aria-rowcount'), String(full.matching + 1));
      assert.deepEqual(await page.locator('.row .col-line').allTextContents(), full.rows.map((r) => String(r.line + 1)));
      assert.equal(await page.locator('.group-list > li').count(), full.groups?.length);
      const code = full.charts?.codes[0]?.code;
      if (code) {
        await page.locator('.filter-code').selectOption(code);
        await server.idle();
        const filtered = await backend.view({ filter: { codes: [code] }, sort: { key: 'line' } }, 0, 200, true);
        await page.waitForFunction(`document.querySelector('.grid')?.getAttribute('aria-rowcount') === '${filtered.matching + 1}'`);
        assert.deepEqual(await page.locator('.row:not(.placeholder) .col-line').allTextContents(), filtered.rows.map((r) => String(r.line + 1)));
      }
      await assertClean(view);
      server.stop();
      await view.close();
    } finally {
      await client.stop();
    }
  });

  test('the CSP stops script that is not the nonce-bearing bundle', async () => {
    const { view, server } = await show(new FakeDataset(20));
    const { page } = view;
    await page.evaluate(`(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = 1';
      document.body.append(script);
    })()`);
    assert.equal(await page.evaluate('typeof window.__inline'), 'undefined');
    assert.deepEqual(await view.violations(), ['script-src-elem inline']);
    await done(view, server);
  });
});
