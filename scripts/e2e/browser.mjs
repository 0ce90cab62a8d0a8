// Launches Debian's Chromium through playwright-core (never a downloaded
// browser): headless, a fresh profile per run, and name resolution limited to
// 127.0.0.1 and localhost so the workbench cannot reach anything else.
import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

/** A browser context with its own profile folder; `close()` ends the browser. */
export async function launchBrowser(executablePath, profileDir) {
  try {
    return await chromium.launchPersistentContext(profileDir, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      // Keyboard shortcuts (Ctrl+Space, Ctrl+.) and the clipboard behave as on Linux.
      locale: 'en-US',
    });
  } catch (error) {
    throw new Error(`Chromium (${executablePath}) did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}
