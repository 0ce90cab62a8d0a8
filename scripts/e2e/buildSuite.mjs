// Type-checks and compiles the extension-host suite (test/e2e) into out/e2e/:
// the runner out/e2e/index.js (what VS Code loads as extensionTestsPath) and
// one bundle per test file in out/e2e/suite/. `vscode` and npm packages
// (mocha) stay external: VS Code provides the first, node_modules the rest.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from './toolchain.mjs';

export const SUITE_OUT = join(REPO_ROOT, 'out', 'e2e');
export const SUITE_ENTRY = join(SUITE_OUT, 'index.js');

export async function buildSuite() {
  const tsc = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(REPO_ROOT, 'test', 'e2e', 'tsconfig.json'), '--noEmit'], {
    stdio: 'inherit',
  });
  if (tsc.status !== 0) {
    throw new Error('The extension-host suite (test/e2e) does not type-check; see the errors above.');
  }
  const suiteDir = join(REPO_ROOT, 'test', 'e2e', 'suite');
  const tests = readdirSync(suiteDir)
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => join(suiteDir, name));
  rmSync(SUITE_OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [join(REPO_ROOT, 'test', 'e2e', 'index.ts'), ...tests],
    outbase: join(REPO_ROOT, 'test', 'e2e'),
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return { entry: SUITE_ENTRY, tests: tests.length };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const { tests } = await buildSuite();
  console.log(`compiled the extension-host suite (${tests} test files) into ${SUITE_OUT}`);
}
