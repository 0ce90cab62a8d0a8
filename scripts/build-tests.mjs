// Compiles every test file (test/**/*.test.ts) into out/test/ with esbuild,
// each as a bundle of the sources it imports (npm packages stay external).
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' || entry.name === 'e2e' ? [] : findTests(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

rmSync('out/test', { recursive: true, force: true });
const entryPoints = findTests('test');
await esbuild.build({
  entryPoints,
  outbase: '.',
  outdir: 'out',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
  define: { __PRODUCT_VERSION__: JSON.stringify(version), 'import.meta.url': 'importMetaUrl' },
  inject: ['scripts/import-meta-url.js'],
});
console.log(`compiled ${entryPoints.length} test files`);
