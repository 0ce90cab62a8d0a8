// Renders the README screenshots of the timeline preview (docs/images/timeline-{light,dark}.png):
// the bundled webview (run `npm run build` first) in Debian's Chromium, with VS Code theme colours.
// Usage: node scripts/screenshot-timeline.mjs [OUT_DIR]
import * as esbuild from 'esbuild';
import { validatorPlugin } from './validator-plugin.mjs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const outDir = resolve(process.argv[2] ?? join(root, 'docs', 'images'));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// Bundled inside the repository (out/ is git-ignored) so that it finds the repository and its node_modules.
const bundle = join(root, 'out', 'scripts', 'screenshot-timeline.cjs');
await esbuild.build({
  entryPoints: [join(root, 'test', 'webview', 'screenshots.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  mainFields: ['module', 'main'],
  packages: 'external',
  logLevel: 'warning',
  define: { __PRODUCT_VERSION__: JSON.stringify(version), 'import.meta.url': 'importMetaUrl' },
  inject: [join(root, 'scripts', 'import-meta-url.js')],
  // The core's schema validator is generated at build time, as in the other bundles.
  loader: { '.md': 'text' },
  plugins: [validatorPlugin],
});
const { renderScreenshots } = createRequire(import.meta.url)(bundle);
for (const file of await renderScreenshots(outDir)) {
  console.log(`wrote ${file}`);
}
