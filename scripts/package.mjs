// Builds the VSIX: the production bundles and `vsce package --no-dependencies`,
// in a clean staging copy of the project. Staging keeps a developer's dist/
// (debug bundles, source maps) untouched, means stale files in dist/ can never
// be shipped, and lets the packaging test build a VSIX while other tests run
// the debug bundles.
//
// The VSIX's allow-list is .vscodeignore; package.json's `files` is the npm
// package's (the CLI and the language server). vsce refuses a project with
// both, so the staged manifest goes without `files`.
//
// Usage: node scripts/package.mjs [--out FILE]
//   default FILE: incident-records-<version>.vsix in the project folder.
// Prints the VSIX path and size.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Build output, caches and local state: never part of a staged source tree. */
const NOT_SOURCE = new Set(['.git', 'node_modules', 'dist', 'out', '.e2e', '.scratch', '.vscode-test', 'test-artifacts']);

/** The project's source files, relative: what git tracks or would track, else a walk. */
function sourceFiles() {
  const git = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  if (git.status === 0) {
    return git.stdout.split('\0').filter((file) => file && !NOT_SOURCE.has(file.split('/')[0]) && !file.endsWith('.vsix'));
  }
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return NOT_SOURCE.has(entry.name) ? [] : walk(path);
      return entry.name.endsWith('.vsix') ? [] : [relative(root, path)];
    });
  return walk(root);
}

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = resolve(outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1] : join(root, `${name}-${version}.vsix`));

const stage = mkdtempSync(join(tmpdir(), 'incident-records-package-'));
let vsceStatus = null;
try {
  for (const file of sourceFiles()) {
    let isFile = false;
    try {
      isFile = statSync(join(root, file)).isFile();
    } catch {
      // Listed by git but deleted in the work tree: not part of this build.
    }
    if (isFile) {
      mkdirSync(dirname(join(stage, file)), { recursive: true });
      cpSync(join(root, file), join(stage, file));
    }
  }
  const manifest = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'));
  delete manifest.files;
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'), 'dir');
  mkdirSync(dirname(out), { recursive: true });
  // vsce runs the `vscode:prepublish` script (the production build) in the stage first.
  const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  // docs/rules.md ships inside the VSIX (opened offline by "Show documentation
  // for <code>"), and its IR112 section shows a connection string with a
  // made-up password as the bad example; vsce's secret scan flags exactly that
  // type, so only that type is allowed, and only because it is documentation.
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-package-secrets', 'database-connection-string', '--out', out], {
    cwd: stage,
    stdio: 'inherit',
  });
  vsceStatus = result.status ?? result.signal;
} finally {
  rmSync(stage, { recursive: true, force: true });
}
if (vsceStatus !== 0) {
  fail(`vsce package failed (exit status ${vsceStatus}); see its output above.`);
}
const bytes = statSync(out).size;
const shown = relative(process.cwd(), out);
console.log(`VSIX: ${shown.startsWith('..') ? out : shown} (${(bytes / 1024).toFixed(1)} KiB, ${bytes} bytes)`);
