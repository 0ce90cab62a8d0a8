// Runs the extension-host suite inside code-server: the workbench is opened
// with the smoke-test driver's URL payload (extensionDevelopmentPath +
// extensionTestsPath), runs the suite in its Node extension host, writes the
// suite's output through window.codeAutomationLog and reports the exit code
// through window.codeAutomationExit. Both are exposed before the page loads.
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Every wait in the suite has its own 30 s deadline; this only catches a hung workbench.
const SUITE_TIMEOUT_MS = 10 * 60_000;
/** The prefix test/e2e/index.ts puts on every line of the suite's report. */
const SUITE_LINE_TAG = '[suite] ';

/**
 * Resolves with the suite's exit code (0 = every test passed) and its counts
 * of passed and failed tests. `extensionPath`
 * and `testsPath` are absolute paths on the code-server machine; `artifactsDir`
 * receives the workbench's logs when the suite fails.
 */
export async function runExtensionTests({ server, context, extensionPath, testsPath, workspace, artifactsDir }) {
  const page = await context.newPage();
  let settle;
  const result = new Promise((resolve) => (settle = resolve));
  // The workbench's whole log arrives here; the suite's reporter tags its lines.
  const log = createWriteStream(join(artifactsDir, 'extension-tests.log'));
  const counts = { passed: 0, failed: 0 };
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    const text = Array.isArray(message) ? message.join(' ') : String(message);
    for (const line of text.split('\n')) {
      log.write(`[${level}] ${line}\n`);
      if (line.startsWith(SUITE_LINE_TAG)) {
        const report = line.slice(SUITE_LINE_TAG.length);
        process.stdout.write(`  ${report}\n`);
        const count = /^\s*(\d+) (passing|failing)\b/.exec(report);
        if (count) counts[count[2] === 'passing' ? 'passed' : 'failed'] = Number(count[1]);
      }
    }
  });
  await page.exposeFunction('codeAutomationExit', (code, logs) => {
    settle({ code: Number(code), logs: Array.isArray(logs) ? logs : [] });
  });
  page.on('crash', () => settle({ code: 1, reason: 'the workbench page crashed' }));
  const timer = setTimeout(() => settle({ code: 1, reason: `the suite did not finish within ${SUITE_TIMEOUT_MS / 60_000} minutes` }), SUITE_TIMEOUT_MS);

  const payload = [
    ['extensionDevelopmentPath', server.remoteUri(extensionPath)],
    ['extensionTestsPath', server.remoteUri(testsPath)],
  ];
  const url = `${server.origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);
  const outcome = await result;
  clearTimeout(timer);
  if (outcome.code !== 0) {
    console.error(`[e2e] extension-host suite: ${outcome.reason ?? `exit code ${outcome.code}`}; the workbench log is in ${join(artifactsDir, 'extension-tests.log')}`);
    await page.screenshot({ path: join(artifactsDir, 'extension-tests-failure.png') }).catch(() => undefined);
    for (const { relativePath, contents } of outcome.logs ?? []) {
      const file = join(artifactsDir, 'extension-tests-logs', relativePath);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, contents);
    }
  }
  await page.close();
  log.end();
  return { code: outcome.code, ...counts };
}
