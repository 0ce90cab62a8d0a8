// The UI scenario: the installed extension used through the browser as a
// person would. Open a defective record with Quick Open, see its problems in
// the Problems panel, pick an action type from completion, apply a quick fix
// from the light bulb, open the timeline preview, read the chosen action's
// entry inside the webview and click it to select the action's JSON. Every step waits on what the page shows (with a
// deadline), never on a fixed delay, and leaves a screenshot in the artifacts.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MOD, Scenario, STEP_TIMEOUT_MS } from './scenario.mjs';

const FILE = 'checkout-api.incident.json';

/** 1-based line and column of `needle` (plus `delta` characters) in the fixture, as Go to Line wants them. */
function lineColumnOf(text, needle, delta = 0) {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" is not in ${FILE}`);
  const before = text.slice(0, offset + delta).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

/**
 * Runs the scenario in a new page of `context` against `server`; resolves
 * with the number of steps passed, or throws with the failed step's name. Screenshots go to `artifactsDir/screenshots/`.
 */
export async function runUiScenario({ server, context, workspace, artifactsDir }) {
  const screenshotsDir = join(artifactsDir, 'screenshots');
  mkdirSync(screenshotsDir, { recursive: true });
  const source = readFileSync(join(workspace, FILE), 'utf8');
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const s = new Scenario(page, screenshotsDir);
  try {
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench .explorer-folders-view').waitFor();

    await s.step('diagnostics', async () => {
      await page.locator('.monaco-workbench').click({ position: { x: 640, y: 400 } });
      await page.keyboard.press(`${MOD}+P`);
      await page.locator('.quick-input-widget input').fill(FILE);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: FILE }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: FILE }).waitFor();
      // The squiggle appears once the extension has activated and its server has checked the file.
      await page.locator('.monaco-editor .squiggly-error').first().waitFor();
    });

    await s.step('problems-panel', async () => {
      await s.command('View: Focus Problems');
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.filter({ hasText: '"critcal" is not an allowed severity' }).first().waitFor();
      await rows.filter({ hasText: 'Unknown action type ""' }).first().waitFor();
      await rows.filter({ hasText: 'IR004' }).first().waitFor();
    });

    await s.step('completion', async () => {
      await s.goTo(lineColumnOf(source, '"action": ""', '"action": "'.length));
      await page.keyboard.press(`${MOD}+Space`);
      const suggest = page.locator('.editor-widget.suggest-widget');
      await suggest.locator('.monaco-list-row', { hasText: 'restart_pod' }).first().waitFor();
    });

    await s.step('completion-accepted', async () => {
      await page.keyboard.type('scale_dep');
      await page.locator('.editor-widget.suggest-widget .monaco-list-row.focused', { hasText: 'scale_deployment' }).waitFor();
      await page.keyboard.press('Enter');
      await s.editorLine('"action": "scale_deployment"').waitFor();
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'Unknown action type' }).waitFor({ state: 'detached' });
    });

    await s.step('quick-fix', async () => {
      await s.goTo(lineColumnOf(source, '"critcal"', 1));
      const bulb = page.locator('.monaco-editor .lightBulbWidget');
      await bulb.waitFor({ state: 'visible' });
      await bulb.click();
      await page.locator('.action-widget .monaco-list-row', { hasText: 'critical' }).first().waitFor();
    });

    await s.step('quick-fix-applied', async () => {
      await page.locator('.action-widget .monaco-list-row', { hasText: 'critical' }).first().click();
      await s.editorLine('"severity": "critical"').waitFor();
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'IR004' }).waitFor({ state: 'detached' });
    });

    await s.step('timeline', async () => {
      // Room for the preview: the record and its timeline side by side, full height.
      await page.keyboard.press(`${MOD}+J`);
      await page.locator('.monaco-workbench .part.panel').waitFor({ state: 'hidden' });
      await page.keyboard.press(`${MOD}+B`);
      await page.locator('.monaco-workbench .part.sidebar').waitFor({ state: 'hidden' });
      await s.command('Incident Records: Open Timeline Preview to the Side');
      const webview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      const entry = webview.getByRole('listitem').filter({ hasText: 'scale_deployment' }).first();
      await entry.waitFor();
      await entry.scrollIntoViewIfNeeded();
      const text = (await entry.innerText()).replace(/\s+/g, ' ');
      for (const expected of ['scale_deployment', 'replicas', '8']) {
        if (!text.includes(expected)) {
          throw new Error(`the timeline entry of scale_deployment does not show "${expected}": ${text}`);
        }
      }
      console.log(`    timeline entry: ${text.slice(0, 160)}`);
    });

    await s.step('timeline-reveal', async () => {
      // Clicking the entry selects the action's JSON in the editor beside the preview (and focuses it).
      const webview = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      await webview.getByRole('listitem').filter({ hasText: 'scale_deployment' }).first().click();
      const selection = page.locator('.statusbar-item', { hasText: /\(\d+ selected\)/ }).first();
      await selection.waitFor();
      const selected = Number(/\((\d+) selected\)/.exec(await selection.innerText())?.[1] ?? 0);
      // An action object: from its "{" to its "}", with the action type and parameters inside.
      if (!(selected > '"action": "scale_deployment"'.length)) {
        throw new Error(`clicking the entry selected ${selected} characters`);
      }
      const selectedLines = page.locator('.monaco-editor.focused .view-overlays .selected-text');
      await selectedLines.first().waitFor();
      console.log(`    revealed: ${selected} characters selected in the editor`);
    });
  } finally {
    await page.close();
  }
  return { passed: s.passed.length };
}
