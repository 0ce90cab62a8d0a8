// Writes snippets/incident-json.code-snippets and snippets/incident-jsonl.code-snippets
// from the schema (server/src/service/completion/snippetFiles.ts), so the editor's
// snippets, the server's completions and the schema stay one source.
// Usage: node scripts/generate-snippets.mjs [--check]
//   --check  exit 1 (and write nothing) when a committed file is out of date.
import * as esbuild from 'esbuild';
import { validatorPlugin } from './validator-plugin.mjs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');
const dir = mkdtempSync(join(tmpdir(), 'incident-snippets-'));
try {
  const outfile = join(dir, 'snippetFiles.cjs');
  await esbuild.build({
    entryPoints: [join(root, 'server/src/service/completion/snippetFiles.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    logLevel: 'warning',
    plugins: [validatorPlugin],
  });
  const { snippetFiles, SNIPPET_FILES } = await import(pathToFileURL(outfile).href);
  const files = snippetFiles();
  let stale = 0;
  for (const [format, relative] of Object.entries(SNIPPET_FILES)) {
    const path = join(root, relative);
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // missing: written below
    }
    if (current === files[format]) {
      continue;
    }
    stale++;
    if (check) {
      console.error(`${relative} is out of date: run npm run generate:snippets`);
    } else {
      writeFileSync(path, files[format]);
      console.log(`wrote ${relative}`);
    }
  }
  if (!stale) {
    console.log('snippets are up to date');
  }
  process.exitCode = check && stale ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
