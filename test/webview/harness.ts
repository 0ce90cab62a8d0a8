/**
 * Renders the bundled timeline webview (dist/webview/timeline.js, the real
 * HTML shell and CSP, media/timeline.css) in Debian's Chromium through
 * playwright-core, with a stand-in for VS Code's webview API. Offline: every
 * request is answered from the repository or refused, and recorded.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, Browser, Page } from 'playwright-core';
import { datasetHtml } from '../../client/src/dataset/datasetHtml';
import { createNonce, timelineHtml } from '../../client/src/preview/timelineHtml';
import type { FromWebviewMessage, ToWebviewMessage } from '../../common/webviewMessages';
import { repoRoot } from '../helpers/text';
import { THEMES, ThemeName } from './themes';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The webview's origin (VS Code serves it from its own scheme; any https origin behaves the same under the CSP). */
export const ORIGIN = 'https://timeline.webview.test';

const FILES: Record<string, string> = {
  '/dist/webview/timeline.js': 'dist/webview/timeline.js',
  '/media/timeline.css': 'media/timeline.css',
  '/dist/webview/dataset.js': 'dist/webview/dataset.js',
  '/media/dataset.css': 'media/dataset.css',
};

/** Which webview a page loads: the timeline preview or the dataset view. */
export type WebviewKind = 'timeline' | 'dataset';

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. The webview test renders the preview in a real browser and is never skipped: ` +
        'install it with "apt-get update && apt-get install -y chromium", or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  const script = path.join(repoRoot(), FILES['/dist/webview/timeline.js']);
  if (!fs.existsSync(script)) {
    throw new Error(`${script} does not exist: run "npm run build" first.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
    ],
  });
}

/** A page with the timeline webview loaded, and what it did. */
export interface WebviewPage<From = FromWebviewMessage, To = ToWebviewMessage> {
  readonly page: Page;
  /** Messages the webview posted to the "extension". */
  readonly posted: () => Promise<From[]>;
  /** CSP violations the page reported. */
  readonly violations: () => Promise<string[]>;
  /** Requests for anything but the shell, the script and the stylesheet. */
  readonly strayRequests: string[];
  /** Dialogs (alert, confirm…) the page tried to open. */
  readonly dialogs: string[];
  send(message: To): Promise<void>;
  close(): Promise<void>;
}

/**
 * The webview API stand-in: posted messages and state are kept on `window`
 * (state also in sessionStorage, so it survives a reload as VS Code's does);
 * CSP violations are recorded.
 */
const INIT_SCRIPT = `
(() => {
  window.__posted = [];
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  window.acquireVsCodeApi = () => ({
    postMessage: (message) => window.__posted.push(JSON.parse(JSON.stringify(message))),
    getState: () => { const s = sessionStorage.getItem('state'); return s ? JSON.parse(s) : undefined; },
    setState: (state) => sessionStorage.setItem('state', JSON.stringify(state)),
  });
})();
`;

export async function openWebview<From = FromWebviewMessage, To = ToWebviewMessage>(
  browser: Browser,
  theme: ThemeName,
  viewport = { width: 760, height: 900 },
  deviceScaleFactor = 1,
  kind: WebviewKind = 'timeline',
): Promise<WebviewPage<From, To>> {
  const context = await browser.newContext({ viewport, deviceScaleFactor });
  const page = await context.newPage();
  const strayRequests: string[] = [];
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  const shell = kind === 'dataset' ? datasetHtml : timelineHtml;
  const html = shell({
    cspSource: ORIGIN,
    scriptUri: `${ORIGIN}/dist/webview/${kind}.js`,
    styleUri: `${ORIGIN}/media/${kind}.css`,
    nonce: createNonce(),
  });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin === ORIGIN && url.pathname === '/index.html') {
      return route.fulfill({ status: 200, contentType: 'text/html', body: html });
    }
    const file = url.origin === ORIGIN ? FILES[url.pathname] : undefined;
    if (file) {
      const contentType = file.endsWith('.css') ? 'text/css' : 'text/javascript';
      return route.fulfill({ status: 200, contentType, body: fs.readFileSync(path.join(repoRoot(), file)) });
    }
    strayRequests.push(route.request().url());
    return route.abort();
  });
  await page.addInitScript({ content: INIT_SCRIPT });
  await page.goto(`${ORIGIN}/index.html`);
  await applyTheme(page, theme);
  return {
    page,
    posted: () => page.evaluate('window.__posted') as Promise<From[]>,
    violations: () => page.evaluate('window.__violations') as Promise<string[]>,
    strayRequests,
    dialogs,
    send: async (message) => {
      await page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);
    },
    close: () => context.close(),
  };
}

/** What VS Code does for a webview: the theme's variables on <html>, its kind as a class on <body>. */
export async function applyTheme(page: Page, theme: ThemeName): Promise<void> {
  const { bodyClass, variables } = THEMES[theme];
  await page.evaluate(`(() => {
    const vars = ${JSON.stringify(variables)};
    for (const [name, value] of Object.entries(vars)) document.documentElement.style.setProperty(name, value);
    document.body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast');
    document.body.classList.add(${JSON.stringify(bodyClass)});
  })()`);
}
