/**
 * README screenshots of the dataset view: a realistic fake dataset of 2,000
 * records across the five services (test/webview/datasetFake.ts), rendered
 * by the bundled script in Chromium with VS Code's light and dark theme
 * colours. Run by scripts/screenshot-timeline.mjs through screenshots.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import type { FromDatasetWebviewMessage, ToDatasetWebviewMessage } from '../../common/datasetMessages';
import { FakeDataset, serve } from './datasetFake';
import { openWebview } from './harness';
import type { ThemeName } from './themes';

const SHOTS: { file: string; theme: ThemeName; filtered: boolean }[] = [
  { file: 'dataset-light.png', theme: 'light', filtered: false },
  { file: 'dataset-dark.png', theme: 'dark', filtered: true },
];

export async function renderDatasetScreenshots(browser: Browser, outDir: string): Promise<string[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const data = new FakeDataset(2000, 'file:///workspace/data/oncall-2024.incidents.jsonl');
  const written: string[] = [];
  for (const shot of SHOTS) {
    const view = await openWebview<FromDatasetWebviewMessage, ToDatasetWebviewMessage>(browser, shot.theme, { width: 1200, height: 1000 }, 1.5, 'dataset');
    const server = serve(view, data, 'oncall-2024.incidents.jsonl');
    const { page } = view;
    await page.locator('.row:not(.placeholder)').first().waitFor();
    if (shot.filtered) {
      // A reviewer's question: which failed resolutions lack their failure analysis, slowest first?
      await page.locator('.filter-code').selectOption('IR201');
      await page.locator('[role="columnheader"]', { hasText: 'Resolution' }).locator('button').click();
      await server.idle();
    }
    await page.locator('.row[data-row="2"]:not(.placeholder)').focus();
    await page.evaluate('window.scrollTo(0, 0)');
    await server.idle();
    const file = path.join(outDir, shot.file);
    await page.screenshot({ path: file, fullPage: true });
    server.stop();
    await view.close();
    written.push(file);
  }
  return written;
}
