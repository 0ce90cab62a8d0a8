// `npm run test:e2e`: the extension in a real VS Code (code-server), from the
// freshly built VSIX. Stages, each timed:
//   1. toolchain   Node 24, code-server, Chromium (installed once into .e2e/)
//   2. package     the VSIX (scripts/package.mjs: production bundles + vsce)
//   3. suite       type-check and compile test/e2e into out/e2e/
//   4. install     code-server --install-extension <vsix>
//   5. start       code-server and Chromium
//   6. ext-host    the extension-host suite, with extensionDevelopmentPath set
//                  to the folder the VSIX was installed into, so the code under
//                  test is exactly what the VSIX ships
//   7. ui          the UI scenario, driven through the browser as a person would
//   8. dataset     the dataset scenario: a dataset beyond the marker limit, and its dataset view
// Exits non-zero if a stage fails, a test fails, or code-server cannot start.
// Artifacts (screenshots, logs, the VSIX) go to test-artifacts/e2e/.
//
// Usage: node scripts/e2e/run.mjs [--skip-suite] [--skip-ui] [--only-dataset] [--vsix FILE] [--update-screenshots]
//   --update-screenshots copies the UI scenario's best screenshots to docs/images/ (README).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { launchBrowser } from './browser.mjs';
import { buildSuite } from './buildSuite.mjs';
import { installVsix, prepareRunDirs, removeRunDirs, startCodeServer } from './codeServer.mjs';
import { runExtensionTests } from './extensionTests.mjs';
import { ensureToolchain, REPO_ROOT } from './toolchain.mjs';
import { runUiScenario } from './uiScenario.mjs';
import { runDatasetScenario } from './datasetScenario.mjs';

const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'e2e');
const FIXTURE_WORKSPACE = join(REPO_ROOT, 'test', 'e2e', 'fixtures', 'workspace');
const { publisher, name, version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));

const args = process.argv.slice(2);
const option = (flag) => args.includes(flag);
const valueOf = (flag) => (args.indexOf(flag) >= 0 ? args[args.indexOf(flag) + 1] : undefined);

const timings = [];
async function stage(label, work) {
  const started = Date.now();
  console.log(`[e2e] ${label}…`);
  try {
    return await work();
  } finally {
    const seconds = (Date.now() - started) / 1000;
    timings.push([label, seconds]);
    console.log(`[e2e] ${label} took ${seconds.toFixed(1)} s`);
  }
}

function buildVsix() {
  const out = join(ARTIFACTS, `${name}-${version}.vsix`);
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'package.mjs'), '--out', out], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error('npm run package failed; see its output above.');
  }
  return out;
}

/** The folder code-server unpacked the VSIX into: publisher.name-version. */
function installedExtensionPath(extensionsDir) {
  const expected = `${publisher}.${name}-${version}`.toLowerCase();
  const found = readdirSync(extensionsDir).find((entry) => entry.toLowerCase() === expected);
  if (!found) {
    throw new Error(`The VSIX did not install as ${expected} in ${extensionsDir} (found: ${readdirSync(extensionsDir).join(', ') || 'nothing'}).`);
  }
  return join(extensionsDir, found);
}

/** A fresh copy of the fixture workspace, named as a user's folder would be. */
function copyWorkspace(parent) {
  const target = join(parent, 'incidents');
  cpSync(FIXTURE_WORKSPACE, target, { recursive: true });
  return target;
}

/** The UI scenario's screenshots shown in the README, by artifact name → docs/images name. */
const README_SCREENSHOTS = {
  '02-problems-panel.png': 'editor-problems.png',
  '03-completion.png': 'editor-completion.png',
  '05-quick-fix.png': 'editor-quick-fix.png',
  '07-timeline.png': 'editor-timeline.png',
  'dataset-03-dataset-view-summary.png': 'editor-dataset.png',
};

function updateReadmeScreenshots() {
  const target = join(REPO_ROOT, 'docs', 'images');
  mkdirSync(target, { recursive: true });
  for (const [artifact, image] of Object.entries(README_SCREENSHOTS)) {
    cpSync(join(ARTIFACTS, 'screenshots', artifact), join(target, image));
  }
  console.log(`[e2e] copied ${Object.keys(README_SCREENSHOTS).length} screenshots to docs/images/`);
}

async function main(result) {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const toolchain = await stage('toolchain', () => ensureToolchain());
  const vsix = valueOf('--vsix') ? resolve(valueOf('--vsix')) : await stage('package', () => buildVsix());
  if (!existsSync(vsix)) {
    throw new Error(`No VSIX at ${vsix}.`);
  }
  await stage('suite build', () => buildSuite());
  const dirs = prepareRunDirs();
  let server;
  let browser;
  try {
    const extensionPath = await stage('install VSIX', () => {
      installVsix(toolchain, dirs, vsix);
      return installedExtensionPath(dirs.extensions);
    });
    server = await stage('code-server start', () => startCodeServer(toolchain, dirs, join(ARTIFACTS, 'code-server.log')));
    browser = await stage('browser start', () => launchBrowser(toolchain.chromium, dirs.browser));
    if (!option('--skip-suite')) {
      const suite = await stage('extension-host suite', () =>
        runExtensionTests({
          server,
          context: browser,
          extensionPath,
          testsPath: join(REPO_ROOT, 'out', 'e2e', 'index.js'),
          workspace: copyWorkspace(join(dirs.workspace, 'suite')),
          artifactsDir: ARTIFACTS,
        }),
      );
      result.passed += suite.passed;
      result.failed += suite.failed;
      if (suite.code !== 0) {
        result.failures.push(`the extension-host suite failed (exit code ${suite.code}, ${suite.failed} failed test(s))`);
        if (suite.failed === 0) result.failed += 1;
      }
    }
    if (!option('--skip-ui') && !option('--only-dataset')) {
      const workspace = copyWorkspace(join(dirs.workspace, 'ui'));
      try {
        const ui = await stage('UI scenario', () => runUiScenario({ server, context: browser, workspace, artifactsDir: ARTIFACTS }));
        result.passed += ui.passed;
      } catch (error) {
        result.passed += error?.passedSteps ?? 0;
        result.failed += 1;
        result.failures.push(`the UI scenario failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (!option('--skip-ui')) {
      const workspace = copyWorkspace(join(dirs.workspace, 'dataset'));
      try {
        const scenario = await stage('dataset scenario', () => runDatasetScenario({ server, context: browser, workspace, artifactsDir: ARTIFACTS }));
        result.passed += scenario.passed;
      } catch (error) {
        result.passed += error?.passedSteps ?? 0;
        result.failed += 1;
        result.failures.push(`the dataset scenario failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (option('--update-screenshots') && !option('--only-dataset') && result.failures.length === 0) updateReadmeScreenshots();
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    const logs = join(dirs.userData, 'logs');
    if (existsSync(logs)) cpSync(logs, join(ARTIFACTS, 'vscode-logs'), { recursive: true });
    removeRunDirs(dirs);
  }
}

process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));
const started = Date.now();
const result = { passed: 0, failed: 0, failures: [] };
try {
  await main(result);
} catch (error) {
  result.failures.push(error instanceof Error ? error.message : String(error));
}
console.log('\n[e2e] stage timings:');
for (const [label, seconds] of timings) {
  console.log(`  ${label.padEnd(22)} ${seconds.toFixed(1).padStart(6)} s`);
}
console.log(`  ${'total'.padEnd(22)} ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s`);
console.log(`[e2e] artifacts (screenshots, logs, the VSIX): ${join('test-artifacts', 'e2e')}/`);
for (const failure of result.failures) console.error(`[e2e] FAILED: ${failure}`);
// Extension-host tests and UI steps, counted together.
console.log(`e2e: ${result.passed} passed, ${result.failed} failed`);
process.exit(result.failures.length ? 1 : 0);
