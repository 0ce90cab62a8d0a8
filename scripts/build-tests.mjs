// Compiles test files into out/ with esbuild, each as a bundle of the sources
// it imports (npm packages stay external).
// Usage: node scripts/build-tests.mjs [--out DIR] [test files or folders...]
// Without paths every test/**/*.test.ts is compiled (test/e2e has its own build).
import * as esbuild from 'esbuild';
import { validatorPlugin } from './validator-plugin.mjs';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const args = process.argv.slice(2);
let outdir = 'out';
const paths = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out') outdir = args[++i];
  else paths.push(args[i]);
}

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' || entry.name === 'e2e' ? [] : findTests(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const entryPoints = (paths.length ? paths : ['test']).flatMap((p) => (statSync(p).isDirectory() ? findTests(p) : [p]));
if (!paths.length) rmSync(join(outdir, 'test'), { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outbase: '.',
  outdir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  mainFields: ['module', 'main'],
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
  define: { __PRODUCT_VERSION__: JSON.stringify(version), 'import.meta.url': 'importMetaUrl' },
  inject: ['scripts/import-meta-url.js'],
  loader: { '.md': 'text' },
  plugins: [validatorPlugin],
});
console.log(`compiled ${entryPoints.length} test files into ${outdir}/`);
