// Bundles the client, the server, the CLI and the webview script with esbuild.
// Usage: node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { validatorPlugin } from './validator-plugin.mjs';
import { readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Reports build results the way VS Code's esbuild problem matcher expects. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  mainFields: ['module', 'main'],
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  // ESM dependencies read import.meta.url; in a CommonJS bundle it comes from __filename.
  define: { __PRODUCT_VERSION__: JSON.stringify(version), 'import.meta.url': 'importMetaUrl' },
  inject: ['scripts/import-meta-url.js'],
  // docs/rules.md is embedded as the rules' help in SARIF output.
  loader: { '.md': 'text' },
  plugins: watch ? [validatorPlugin, problemMatcher] : [validatorPlugin],
};

const shebang = { js: '#!/usr/bin/env node' };

const builds = [
  { ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['server/src/server.ts'], outfile: 'dist/server/server.js', banner: shebang },
  { ...node, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli/incident-records.js', banner: shebang },
  // The timeline webview's script: a browser IIFE with no imports at run time (the CSP allows only this file).
  {
    entryPoints: ['webview/timeline.ts'],
    outfile: 'dist/webview/timeline.js',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: production ? false : 'linked',
    minify: production,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: watch ? [problemMatcher] : [],
  },
  // The dataset view's script, the same way.
  {
    entryPoints: ['webview/dataset/dataset.ts'],
    outfile: 'dist/webview/dataset.js',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: production ? false : 'linked',
    minify: production,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: watch ? [problemMatcher] : [],
  },
];

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  const started = Date.now();
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log(`built ${builds.length} bundles${production ? ' (production)' : ''} in ${Date.now() - started} ms`);
}
