// What the UI scenarios share: steps that leave a screenshot (and one of the
// failure), commands through the palette, Go to Line, the webview's frames,
// and waiting on what the page shows with a deadline, never a fixed delay.
import { join } from 'node:path';

export const STEP_TIMEOUT_MS = 30_000;
export const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

export class Scenario {
  /** `prefix`: put before each screenshot's name, so scenarios sharing a folder keep theirs apart. */
  constructor(page, screenshotsDir, prefix = '') {
    this.page = page;
    this.screenshotsDir = screenshotsDir;
    this.prefix = prefix;
    this.shots = 0;
    /** Names of the steps that passed, for the run's summary. */
    this.passed = [];
  }

  async step(name, work) {
    try {
      await work();
    } catch (error) {
      await this.page.screenshot({ path: join(this.screenshotsDir, `${this.prefix}failed-${name}.png`) }).catch(() => undefined);
      throw Object.assign(new Error(`step "${name}": ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`), { passedSteps: this.passed.length });
    }
    this.shots += 1;
    this.passed.push(name);
    await this.page.screenshot({ path: join(this.screenshotsDir, `${this.prefix}${String(this.shots).padStart(2, '0')}-${name}.png`) });
    console.log(`  ✔ ${name}`);
  }

  /** Runs a command through the command palette (F1), by its title. */
  async command(title) {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** Moves the cursor with Go to Line/Column (Ctrl+G). */
  async goTo(lineColumn) {
    await this.page.keyboard.press(`${MOD}+G`);
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${lineColumn}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  editorLine(text) {
    return this.page.locator('.monaco-editor .view-lines .view-line', { hasText: text });
  }

  /** The active webview's document (the extension's HTML inside the webview's frames). */
  webview() {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  }

  /** Reads the page with `probe()` until `accept` takes what it read, and returns that; fails with the last reading at the deadline. */
  async until(what, probe, accept) {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    let last;
    for (;;) {
      last = await probe().catch((error) => `(${error.message.split('\n')[0]})`);
      if (accept(last)) {
        return last;
      }
      if (Date.now() > deadline) {
        throw new Error(`${what}: last seen ${JSON.stringify(last)}`);
      }
      await this.page.waitForTimeout(100);
    }
  }
}
