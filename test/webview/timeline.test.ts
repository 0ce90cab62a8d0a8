/**
 * The timeline webview in headless Chromium: the bundled script, the real
 * HTML shell and CSP, and models computed by the core from realistic records.
 * Screenshots go to test-artifacts/.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, suite, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { TimelineModel } from '../../common/timeline';
import { timelineModel } from '../../server/src/service/timeline';
import { databaseRecord, kubernetesRecord, pretty } from '../helpers/records';
import { incidentDocument, readRepoFile, repoRoot } from '../helpers/text';
import { launchChromium, openWebview, WebviewPage } from './harness';

const HOSTILE = '<img src=x onerror=alert(1)>';

function modelOf(text: string, format: 'json' | 'jsonl' = 'json'): TimelineModel {
  const model = timelineModel(incidentDocument(text, format), { line: 0, character: 0 });
  assert.ok(model);
  return model;
}

const airflow = (): TimelineModel => modelOf(readRepoFile('examples', 'airflow.incident.json'));

async function screenshot(view: WebviewPage, name: string): Promise<void> {
  const file = path.join(repoRoot(), 'test-artifacts', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await view.page.screenshot({ path: file, fullPage: true });
  assert.ok(fs.statSync(file).size > 0, `${file} is empty`);
}

async function assertClean(view: WebviewPage): Promise<void> {
  assert.deepEqual(await view.violations(), [], 'CSP violations');
  assert.deepEqual(view.strayRequests, [], 'requests outside the bundle');
  assert.deepEqual(view.dialogs, [], 'dialogs opened');
}

suite('timeline webview (headless Chromium)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  async function show(model: TimelineModel, theme: 'light' | 'dark' | 'high-contrast' = 'light'): Promise<WebviewPage> {
    const view = await openWebview(browser, theme);
    await view.send({ type: 'timeline', uri: model.uri, model });
    await view.page.locator('li.entry').first().waitFor();
    return view;
  }

  test('one entry per action in record order, coloured and labelled by result, with gaps labelled and spaced in proportion', async () => {
    const model = airflow();
    const view = await show(model, 'light');
    const { page } = view;
    assert.equal(await page.locator('h1.title').textContent(), model.header.title);
    assert.deepEqual(await page.locator('li.entry .type').allTextContents(), ['kill_process', 'kill_process', 'clear_dag_run']);
    assert.deepEqual(await page.locator('li.entry').evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-index'), n.className])), [
      ['0', 'entry result-failed'],
      ['1', 'entry result-success'],
      ['2', 'entry result-success'],
    ]);
    assert.deepEqual(await page.locator('li.entry .result').allTextContents(), ['✕failed', '✓success', '✓success']);
    assert.deepEqual(await page.locator('li.entry .clock').allTextContents(), ['03:52:40', '03:53:35', '03:54:10']);
    assert.deepEqual(await page.locator('li.entry .gap').allTextContents(), ['first action', '+55s after action 1', '+35s after action 2']);
    assert.equal(await page.locator('li.entry').nth(0).locator('.error-text').textContent(), model.actions[0].error);
    assert.equal(await page.locator('li.entry').nth(1).locator('.error').count(), 0);
    // The 39m 30s wait until resolution is far longer than the other gaps: compressed, with its real length.
    assert.equal(await page.locator('.end .spacer.compressed .break-label').textContent(), '39m 30s gap');
    assert.deepEqual(await page.locator('.legend .legend-label').allTextContents(), ['success', 'failed', 'partial success', 'long gap, drawn shorter']);
    // Space before each entry: 6 px + its share of 114 px, by drawn seconds (55, 35, and the compressed end drawn as 110).
    const heights = await page.locator('.spacer').evaluateAll((nodes) => nodes.map((n) => Math.round(n.getBoundingClientRect().height)));
    assert.deepEqual(heights, [6, 63, 42, 120]);
    await screenshot(view, 'timeline-light.png');
    await assertClean(view);
    await view.close();
  });

  test('every example record is drawn: its title, one entry per action with its result, and the end of the resolution', async () => {
    for (const example of ['airflow', 'database', 'spark', 'kubernetes', 'disk']) {
      const text = readRepoFile('examples', `${example}.incident.json`);
      const record = JSON.parse(text);
      const model = modelOf(text);
      const view = await show(model);
      const { page } = view;
      assert.equal(await page.locator('h1.title').textContent(), record.incident.title, example);
      assert.deepEqual(
        await page.locator('li.entry').evaluateAll((nodes) => nodes.map((n) => [n.querySelector('.type')?.textContent, n.className])),
        record.actions_taken.map((a: Record<string, string>) => [a.action, `entry result-${a.result}`]),
        example,
      );
      assert.equal(await page.locator('.end .offset').textContent(), model.end?.offsetText, example);
      assert.equal(await page.locator('.error-text').count(), record.actions_taken.filter((a: Record<string, string>) => a.error).length, example);
      await screenshot(view, `examples/${example}-light.png`);
      await assertClean(view);
      await view.close();
    }
  });

  test(`hostile record text such as ${HOSTILE} is shown as text: no element is created and no script runs`, async () => {
    const record = databaseRecord();
    record.incident.title = HOSTILE;
    record.outcome = '<script>alert(2)</script>';
    record.actions_taken[0].error = '<img src=x onerror="window.__pwned=1">';
    record.actions_taken[1].action = '<b onmouseover=alert(3)>bold</b>';
    record.actions_taken[2].parameters.database_name = '<iframe src="https://evil.example/"></iframe>';
    const model = modelOf(pretty(record));
    const view = await show(model, 'dark');
    const { page } = view;
    assert.equal(await page.locator('h1.title').textContent(), HOSTILE);
    assert.equal(await page.locator('li.entry').nth(0).locator('.error-text').textContent(), '<img src=x onerror="window.__pwned=1">');
    assert.equal(await page.locator('li.entry').nth(1).locator('.type').textContent(), '<b onmouseover=alert(3)>bold</b>');
    assert.equal(await page.locator('img, iframe, b, main script').count(), 0);
    assert.equal(await page.locator('script').count(), 1, 'only the bundle is a script');
    await page.locator('li.entry').nth(1).hover();
    assert.equal(await page.evaluate('typeof window.__pwned'), 'undefined');
    await screenshot(view, 'timeline-hostile-dark.png');
    await assertClean(view);
    await view.close();
  });

  test('clicking an entry, or Enter or Space on it, asks the extension to reveal that action; arrows move between entries', async () => {
    const model = airflow();
    const view = await show(model);
    const { page } = view;
    const reveals = async () => (await view.posted()).filter((m) => m.type === 'reveal');
    const expected = (actionIndex: number) => ({ type: 'reveal', uri: model.uri, version: model.version, recordIndex: 0, actionIndex });
    await page.locator('li.entry').nth(2).click();
    assert.deepEqual(await reveals(), [expected(2)]);
    assert.match((await page.locator('li.entry').nth(2).getAttribute('class')) ?? '', /\bselected\b/);
    await page.locator('li.entry').nth(0).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    assert.deepEqual(await reveals(), [expected(2), expected(0), expected(1)]);
    await page.locator('button.copy').click();
    assert.deepEqual((await view.posted()).at(-1), { type: 'copyMarkdown', uri: model.uri });
    await view.close();
  });

  test('the record\'s problems: counted in the header, listed as text, and a click or Enter on one asks to reveal its range', async () => {
    const record = kubernetesRecord();
    record.incident.severity = 'hgh';
    record.actions_taken[0].result = 'failed';
    record.actions_taken[1].timestamp = 'yesterday';
    const computed = modelOf(pretty(record));
    assert.deepEqual(computed.problems.map((p) => [p.code, p.severity, p.actionIndex]), [
      ['IR004', 'error', undefined],
      ['IR203', 'warning', 0],
      ['IR005', 'error', 1],
    ]);
    // The rules never quote such text, but whatever a message says is drawn as text.
    const model: TimelineModel = { ...computed, problems: computed.problems.map((p, i) => (i === 1 ? { ...p, message: `${HOSTILE} ${p.message}` } : p)) };
    const view = await show(model);
    const { page } = view;
    assert.equal(await page.locator('.facts .fact.has-problems .fact-value').textContent(), '3 problems: 2 errors, 1 warning');
    assert.equal(await page.locator('.problems-title').textContent(), 'Problems (3)');
    assert.deepEqual(await page.locator('li.problem .problem-code').allTextContents(), ['IR004', 'IR203', 'IR005']);
    assert.deepEqual(await page.locator('li.problem .problem-message').allTextContents(), model.problems.map((p) => p.message));
    assert.match(await page.locator('li.problem').nth(2).locator('.problem-where').textContent() ?? '', /^action 2, line \d+$/);
    assert.ok((await page.locator('li.problem .problem-message').nth(1).textContent())?.startsWith(HOSTILE));
    assert.equal(await page.locator('img, main script').count(), 0);
    const reveals = async () => (await view.posted()).filter((m) => m.type === 'reveal');
    const expected = (problemIndex: number) => ({ type: 'reveal', uri: model.uri, version: model.version, recordIndex: 0, problemIndex });
    await page.locator('li.problem').nth(0).click();
    await page.locator('li.problem').nth(0).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    assert.deepEqual(await reveals(), [expected(0), expected(2)]);
    assert.match((await page.locator('li.problem').nth(2).getAttribute('aria-label')) ?? '', /^error IR005: .+ \(action 2, line \d+\)\. Press Enter to select it in the editor\.$/);
    await assertClean(view);
    await view.close();
  });

  test('the header and each entry read as full sentences for screen readers, and every entry is focusable', async () => {
    const view = await show(airflow());
    const { page } = view;
    assert.equal(await page.locator('ol.timeline').getAttribute('role'), 'list');
    assert.deepEqual(await page.locator('li.entry').evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('role'), n.getAttribute('tabindex')])), [
      ['listitem', '0'],
      ['listitem', '0'],
      ['listitem', '0'],
    ]);
    assert.equal(
      await page.locator('li.entry').nth(0).getAttribute('aria-label'),
      'Action 1 of 3: kill_process, failed, at 03:52:40, +0s from the start, first action. ' +
        'Parameters: server_hostname airflow-worker-3.data.internal; process_name dbt; signal SIGTERM. ' +
        'Error: Process 48211 (dbt run --select marts.finance) ignored SIGTERM for 30 s and still holds 11.2 GiB RSS ' +
        'Press Enter to select it in the editor.',
    );
    assert.deepEqual(await page.locator('.facts .fact').allTextContents(), [
      'Serviceairflow',
      'Severityhigh',
      'Outcomeresolved',
      'Success✓ yes',
      'Resolution time41m 00s (2460 s)',
      'Started2024-03-15T03:52:40Z',
      'Actions3 actions: 2 success, 1 failed',
      'Problemsno problems',
    ]);
    assert.equal(await page.locator('.end').getAttribute('aria-label'), 'End of resolution — resolved, +41m 00s from the start (resolution_time 41m 00s).');
    await view.close();
  });

  test('warnings are shown inline: beside the action they concern, or under the header', async () => {
    const record = kubernetesRecord();
    record.actions_taken[1].timestamp = '2024-07-20T09:07:30Z';
    record.resolution_time = 120;
    const view = await show(modelOf(pretty(record)), 'high-contrast');
    const { page } = view;
    assert.deepEqual(await page.locator('.record-warnings .warning-text').allTextContents(), [
      'resolution_time (2m 00s) is shorter than the 4m 30s from the first to the last action: check resolution_time and the action timestamps.',
    ]);
    assert.equal(await page.locator('li.entry').nth(0).locator('.warning').count(), 0);
    assert.match((await page.locator('li.entry').nth(1).locator('.entry-warnings').textContent()) ?? '', /ran 4m 30s before action 1 \(update_resource_limits\)/);
    assert.equal(await page.locator('li.entry').nth(1).locator('.gap').textContent(), '-4m 30s before action 1 (out of order)');
    await screenshot(view, 'timeline-warnings-high-contrast.png');
    await assertClean(view);
    await view.close();
  });

  test('the drawn timeline comes back after a reload from the saved state, and the script says it is ready for that document', async () => {
    const model = airflow();
    const view = await show(model);
    const { page } = view;
    assert.deepEqual((await view.posted())[0], { type: 'ready' });
    await page.reload();
    await page.locator('li.entry').first().waitFor();
    assert.equal(await page.locator('li.entry').count(), 3);
    assert.deepEqual(await view.posted(), [{ type: 'ready', uri: model.uri }]);
    await view.send({ type: 'empty', uri: model.uri, reason: 'The document has no record.' });
    assert.equal(await page.locator('.empty-reason').textContent(), 'The document has no record.');
    assert.equal(await page.locator('li.entry').count(), 0);
    await view.close();
  });

  test('the CSP stops script that is not the nonce-bearing bundle', async () => {
    const view = await show(airflow());
    const { page } = view;
    await page.evaluate(`(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = 1';
      document.body.append(script);
    })()`);
    assert.equal(await page.evaluate('typeof window.__inline'), 'undefined');
    assert.deepEqual(await view.violations(), ['script-src-elem inline']);
    await view.close();
  });
});
