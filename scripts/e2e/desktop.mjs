// `npm run test:desktop`: the same extension-host suite in desktop VS Code,
// through @vscode/test-electron, for developers whose machine can download
// VS Code. It runs on the oldest VS Code the manifest accepts
// (engines.vscode) and on the latest stable release, against this folder's
// development build (what F5 runs). Machines that reach only the npm
// registry cannot download VS Code: use `npm run test:e2e` (code-server) there.
//
// Usage: node scripts/e2e/desktop.mjs [--version X]   (X: stable, insiders, 1.91.0, …)
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSuite } from './buildSuite.mjs';
import { USER_SETTINGS } from './codeServer.mjs';
import { REPO_ROOT } from './toolchain.mjs';

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
const minimum = /^\^?(\d+\.\d+\.\d+)$/.exec(manifest.engines.vscode)?.[1];
const versionArg = process.argv.indexOf('--version');
const versions = versionArg >= 0 ? [process.argv[versionArg + 1]] : [minimum, 'stable'].filter(Boolean);

async function runOn(version, extensionTestsPath) {
  const root = mkdtempSync(join(tmpdir(), 'ir-desktop-'));
  try {
    const workspace = join(root, 'incidents');
    cpSync(join(REPO_ROOT, 'test', 'e2e', 'fixtures', 'workspace'), workspace, { recursive: true });
    const userData = join(root, 'user-data');
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
    return await runTests({
      version,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath,
      // Only built-in extensions besides this one; a throwaway profile per run.
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', userData, '--extensions-dir', join(root, 'extensions')],
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const { entry } = await buildSuite();
const failed = [];
for (const version of versions) {
  console.log(`[desktop] VS Code ${version}: running the extension-host suite`);
  try {
    const code = await runOn(version, entry);
    if (code !== 0) failed.push(`${version}: the suite failed (exit code ${code})`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    failed.push(
      /download|fetch|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|getaddrinfo/i.test(message)
        ? `${version}: could not download VS Code (${message}). This launcher needs the internet; on machines without it run npm run test:e2e (code-server).`
        : `${version}: ${message}`,
    );
  }
}
for (const failure of failed) console.error(`[desktop] FAILED ${failure}`);
process.exit(failed.length ? 1 : 0);
