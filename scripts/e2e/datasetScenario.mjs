// The dataset scenario: a reviewer's dataset with more problems than the
// 1,000 markers VS Code keeps per file, used through the browser as a person
// would. The status bar tells the real total; a defect far down the file gets
// its squiggle and its Problems row once it is scrolled into view; the
// dataset view opens beside the editor, reads the summary, filters by a
// service and by a problem code, sorts by resolution time, reveals a record
// in the editor with Enter, and follows an edit of its title. Every step waits
// on what the page shows (with a deadline), never on a fixed delay, and leaves
// a screenshot in the artifacts.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MOD, Scenario, STEP_TIMEOUT_MS } from './scenario.mjs';
import { DATASET_FILE, DATASET_RECORDS, FAR_DEFECT_LINE, FAR_DEFECT_MESSAGE, writeReviewDataset } from './datasetFixture.mjs';

/** The number in a text such as "2,201 problems". */
const number = (text) => Number(String(text).replace(/[^\d]/g, ''));

/**
 * Runs the scenario in a new page of `context` against `server`, with the
 * dataset written into `workspace`; resolves with the number of steps passed.
 */
export async function runDatasetScenario({ server, context, workspace, artifactsDir }) {
  const screenshotsDir = join(artifactsDir, 'screenshots');
  mkdirSync(screenshotsDir, { recursive: true });
  const dataset = writeReviewDataset(workspace);
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const s = new Scenario(page, screenshotsDir, 'dataset-');
  let statusTotal = 0;
  try {
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench .explorer-folders-view').waitFor();

    await s.step('status-bar-total', async () => {
      await page.locator('.monaco-workbench').click({ position: { x: 640, y: 400 } });
      await page.keyboard.press(`${MOD}+P`);
      await page.locator('.quick-input-widget input').fill(DATASET_FILE);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: DATASET_FILE }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: DATASET_FILE }).waitFor();
      await page.locator('.monaco-editor .squiggly-error').first().waitFor();
      // More problems than VS Code shows: the status bar says how many there really are.
      const item = page.locator('.statusbar-item', { hasText: /problems in [\d,]+ records/ }).first();
      // While the first check runs it counts "so far"; then the totals of every record.
      const text = await s.until('the status bar to show the real total', () => item.innerText(), (t) => typeof t === 'string' && !t.includes('so far') && number(t.split(' in ')[0]) > 1000);
      statusTotal = number(text.split(' in ')[0]);
      console.log(`    status bar: ${text.trim()}`);
    });

    await s.step('far-defect-in-view', async () => {
      await s.command('View: Focus Problems');
      const farRow = page.locator('.markers-panel .monaco-list-row', { hasText: FAR_DEFECT_MESSAGE });
      // Far down the file, beyond the first 1,000 problems: not shown until it is on screen.
      await page.locator('.monaco-editor').first().click({ position: { x: 300, y: 100 } });
      await s.goTo(`${FAR_DEFECT_LINE + 1}:1`);
      await page.locator('.monaco-editor .view-lines .view-line', { hasText: `(#${FAR_DEFECT_LINE})` }).first().waitFor();
      // Looked for as a person would in a long list: by the Problems panel's filter.
      const filter = page.getByPlaceholder(/^Filter \(e\.g\. text/).first();
      await filter.fill('exploded');
      await farRow.first().waitFor();
      const where = await farRow.first().innerText();
      if (!where.includes(`Ln ${FAR_DEFECT_LINE + 1},`)) {
        throw new Error(`the far defect's row is not on line ${FAR_DEFECT_LINE + 1}: ${where}`);
      }
      await filter.fill('');
      console.log(`    far defect: ${where.replace(/\s+/g, ' ').trim()}`);
    });

    await s.step('dataset-view-summary', async () => {
      await page.keyboard.press(`${MOD}+J`);
      await page.locator('.monaco-workbench .part.panel').waitFor({ state: 'hidden' });
      await page.keyboard.press(`${MOD}+B`);
      await page.locator('.monaco-workbench .part.sidebar').waitFor({ state: 'hidden' });
      await s.command('Incident Records: Open Dataset View');
      const view = s.webview();
      const records = view.locator('.tile.records .big');
      await s.until('the summary to count every record', () => records.innerText(), (t) => number(t) === DATASET_RECORDS);
      const problems = number(await view.locator('.tile.problems .big').innerText());
      if (problems !== statusTotal) {
        throw new Error(`the summary counts ${problems} problems, the status bar ${statusTotal}`);
      }
      console.log(`    summary: ${DATASET_RECORDS} records, ${problems} problems`);
    });

    await s.step('filter-service-and-code', async () => {
      const view = s.webview();
      const matching = view.locator('.filters .matching');
      await view.locator('select.filter-service').selectOption('spark');
      await s.until('the table to show the spark records', () => matching.innerText(), (t) => typeof t === 'string' && number(t.split(' of ')[0]) === dataset.services.spark);
      await view.locator('select.filter-code').selectOption('IR004');
      // A third of the records have the misspelt severity "hgh" (IR004).
      const both = await s.until(
        'the table to show the spark records with IR004',
        () => matching.innerText(),
        (t) => typeof t === 'string' && t.includes(' of ') && number(t.split(' of ')[0]) > 0 && number(t.split(' of ')[0]) < dataset.services.spark,
      );
      const rows = view.locator('[role=row][data-row]');
      await rows.first().locator('.col-service', { hasText: 'spark' }).waitFor();
      console.log(`    filtered: ${both.trim()}`);
    });

    let slowest;
    await s.step('sort-by-resolution', async () => {
      const view = s.webview();
      const header = view.locator('[role=columnheader].col-resolution');
      // A click sorts by the column (longest first), the next one reverses it.
      await header.locator('button').click();
      const order = await s.until('the table to sort by resolution time', () => header.getAttribute('aria-sort'), (v) => v === 'ascending' || v === 'descending');
      if (order === 'ascending') {
        await header.locator('button').click();
        await s.until('the resolution column to sort descending', () => header.getAttribute('aria-sort'), (v) => v === 'descending');
      }
      const first = view.locator('[role=row][data-row="0"]');
      slowest = (await first.locator('.col-title').innerText()).trim();
      console.log(`    slowest first: ${slowest} (${(await first.locator('.col-resolution').innerText()).trim()})`);
    });

    let revealedLine;
    await s.step('enter-reveals-record', async () => {
      const view = s.webview();
      const first = view.locator('[role=row][data-row="0"]');
      await first.focus();
      // Enter selects the record in the editor beside, and the view keeps the keyboard.
      await page.keyboard.press('Enter');
      await page.locator('.monaco-editor .view-overlays .selected-text').first().waitFor();
      // Ctrl+Enter goes there: the editor's status bar then tells what is selected.
      await page.keyboard.press(`${MOD}+Enter`);
      // The record is selected in the editor: its whole line (one JSON Lines record).
      const selection = page.locator('.statusbar-item', { hasText: /\(\d[\d,]* selected\)/ }).first();
      const text = await s.until('the record to be selected in the editor', () => selection.innerText(), (t) => typeof t === 'string' && number(/\(([\d,]+) selected\)/.exec(t)?.[1] ?? '0') > 500);
      const position = await page.locator('.statusbar-item', { hasText: /Ln \d/ }).first().innerText();
      revealedLine = Number(/Ln (\d+)/.exec(position)?.[1]);
      const lineNumber = (await first.locator('.col-line').innerText()).trim();
      if (String(revealedLine) !== lineNumber) {
        throw new Error(`Enter on the row of line ${lineNumber} selected line ${revealedLine}`);
      }
      console.log(`    revealed line ${revealedLine}: ${text.trim()}`);
    });

    await s.step('edit-updates-row', async () => {
      // Put the cursor just after the title's opening quote (found in the file as written) and type: the row follows.
      const recordLine = readFileSync(join(workspace, DATASET_FILE), 'utf8').split('\n')[revealedLine - 1];
      const column = recordLine.indexOf('"title":"');
      if (column < 0) {
        throw new Error(`line ${revealedLine} has no title`);
      }
      await page.locator('.monaco-editor').first().click({ position: { x: 300, y: 100 } });
      const target = `${revealedLine}:${column + '"title":"'.length + 1}`;
      await s.goTo(target);
      await page.keyboard.type('EDITED ');
      const first = s.webview().locator('[role=row][data-row="0"] .col-title');
      const shown = await s.until('the row to show the edited title', () => first.innerText(), (t) => typeof t === 'string' && t.startsWith('EDITED '));
      console.log(`    row now: ${shown.trim()}`);
    });
  } finally {
    await page.close();
  }
  return { passed: s.passed.length };
}
