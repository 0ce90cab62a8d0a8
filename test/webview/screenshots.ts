/**
 * README screenshots of the timeline webview: realistic example records,
 * rendered by the bundled script in Chromium with VS Code's light and dark
 * theme colours. Run by scripts/screenshot-timeline.mjs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { timelineModel } from '../../server/src/service/timeline';
import { incidentDocument, readRepoFile } from '../helpers/text';
import { renderDatasetScreenshots } from './datasetScreenshots';
import { launchChromium, openWebview } from './harness';
import type { ThemeName } from './themes';

const SHOTS: { file: string; example: string; theme: ThemeName }[] = [
  { file: 'timeline-light.png', example: 'database.incident.json', theme: 'light' },
  { file: 'timeline-dark.png', example: 'airflow.incident.json', theme: 'dark' },
];

export async function renderScreenshots(outDir: string): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await launchChromium();
  const written: string[] = [];
  try {
    for (const shot of SHOTS) {
      const document = incidentDocument(readRepoFile('examples', shot.example), 'json', `file:///workspace/examples/${shot.example}`);
      const model = timelineModel(document, { line: 0, character: 0 });
      if (!model) {
        throw new Error(`examples/${shot.example} has no record`);
      }
      const view = await openWebview(browser, shot.theme, { width: 780, height: 600 }, 2);
      await view.send({ type: 'timeline', uri: model.uri, model });
      await view.page.locator('li.entry').first().waitFor();
      // Show keyboard focus on the failed action, as a reviewer stepping through the story would see it.
      const failed = model.actions.findIndex((a) => a.result === 'failed');
      if (failed >= 0) {
        await view.page.locator('li.entry').nth(failed).focus();
        await view.page.keyboard.press('Shift+Tab');
        await view.page.keyboard.press('Tab');
      }
      const file = path.join(outDir, shot.file);
      await view.page.screenshot({ path: file, fullPage: true });
      await view.close();
      written.push(file);
    }
    written.push(...(await renderDatasetScreenshots(browser, outDir)));
  } finally {
    await browser.close();
  }
  return written;
}
