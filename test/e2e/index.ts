/**
 * The extension-host test runner: the module VS Code loads as
 * `extensionTestsPath` (under code-server through the URL payload, under
 * desktop VS Code through @vscode/test-electron). It runs the suite with
 * mocha's `tdd` interface and rejects when any test fails, which makes VS Code
 * exit with a failure code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/**
 * Every line the reporter prints starts with this tag: under code-server the
 * workbench's own log arrives on the same channel, and the launcher shows
 * only the suite's lines (the full log is kept as an artifact).
 */
export const SUITE_LINE_TAG = '[suite] ';

/** Runs first: it checks that nothing activated the extension before an incident file opened. */
const FIRST = 'activation.test.js';

export function run(): Promise<void> {
  // Reporters print printf-style; the workbench forwards console.log arguments unformatted.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    console.log(
      format(...args)
        .split('\n')
        .map((line) => SUITE_LINE_TAG + line)
        .join('\n'),
    );
  };
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 90_000 });
  const dir = path.join(__dirname, 'suite');
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.test.js'))
    .sort((a, b) => (a === FIRST ? -1 : b === FIRST ? 1 : a.localeCompare(b)));
  if (!files.includes(FIRST)) {
    return Promise.reject(new Error(`The suite in ${dir} is incomplete: ${FIRST} is missing. Build it with node scripts/e2e/buildSuite.mjs.`));
  }
  for (const file of files) {
    mocha.addFile(path.join(dir, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) {
        reject(new Error(`${failures} extension-host test${failures === 1 ? '' : 's'} failed.`));
      } else {
        resolve();
      }
    });
  });
}
