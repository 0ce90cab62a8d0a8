/**
 * The VSIX as `npm run package` builds it: exactly the allow-listed files
 * (the bundles, schemas, snippets, grammars, media, README, CHANGELOG,
 * LICENSE, manifest), every file the manifest and the client need, and
 * bundles that load nothing from node_modules (the VSIX ships none).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, suite, test } from 'node:test';
import yauzl from 'yauzl';
import { CLIENT_BUNDLE, SERVER_BUNDLE, WEBVIEW_BUNDLE_DIR } from '../../common/bundles';
import { repoRoot } from '../helpers/text';

/** A generous ceiling: the VSIX is a few hundred KiB; megabytes mean something leaked in. */
const MAX_VSIX_BYTES = 2 * 1024 * 1024;

function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Repository files of `dir` whose name matches `pattern`, as VSIX paths. */
function shipped(dir: string, pattern: RegExp): string[] {
  const root = repoRoot();
  const walk = (relative: string): string[] =>
    fs.readdirSync(path.join(root, relative), { withFileTypes: true }).flatMap((entry) => {
      const child = `${relative}/${entry.name}`;
      return entry.isDirectory() ? walk(child) : pattern.test(entry.name) ? [`extension/${child}`] : [];
    });
  return walk(dir);
}

/**
 * Every module a bundle requires. A `require("…")` right after a quote or
 * backtick is text, not a call: ajv keeps such strings for generating
 * standalone validators.
 */
function requiredModules(source: string): string[] {
  return [...new Set([...source.matchAll(/(?<![\w$.'"`])require\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]))].sort();
}

suite('VSIX package', () => {
  let workdir: string;
  let vsix: string;
  let files: Map<string, Buffer>;

  before(() => {
    workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-records-vsix-'));
    vsix = path.join(workdir, 'incident-records.vsix');
    const result = spawnSync(process.execPath, [path.join(repoRoot(), 'scripts', 'package.mjs'), '--out', vsix], { cwd: repoRoot(), encoding: 'utf8' });
    assert.equal(result.status, 0, `npm run package failed:\n${result.stdout}\n${result.stderr}`);
  });

  after(() => {
    fs.rmSync(workdir, { recursive: true, force: true });
  });

  test('contains exactly the allow-listed files', async (t) => {
    const bytes = fs.statSync(vsix).size;
    t.diagnostic(`VSIX size: ${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`);
    assert.ok(bytes < MAX_VSIX_BYTES, `the VSIX is ${bytes} bytes: something besides the allow-list got in`);
    files = await readZip(vsix);
    const expected = [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/package.json',
      'extension/readme.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
      'extension/language-configuration.json',
      `extension/${CLIENT_BUNDLE}`,
      `extension/${SERVER_BUNDLE}`,
      `extension/${WEBVIEW_BUNDLE_DIR}/timeline.js`,
      `extension/${WEBVIEW_BUNDLE_DIR}/dataset.js`,
      ...shipped('schemas', /\.json$/),
      ...shipped('snippets', /\.code-snippets$/),
      ...shipped('syntaxes', /\.json$/),
      ...shipped('media', /./),
      // The rules' documentation, opened offline by "Show documentation for <code>".
      'extension/docs/rules.md',
    ];
    assert.deepEqual([...files.keys()].sort(), expected.sort());
  });

  test('ships every file the manifest names', async () => {
    files ??= await readZip(vsix);
    const manifest = JSON.parse(files.get('extension/package.json')!.toString('utf8'));
    const repoManifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8'));
    assert.deepEqual([manifest.publisher, manifest.name, manifest.version], [repoManifest.publisher, repoManifest.name, repoManifest.version]);
    const referenced = [
      manifest.main,
      manifest.icon,
      ...manifest.contributes.languages.map((language: { configuration: string }) => language.configuration),
      ...manifest.contributes.grammars.map((grammar: { path: string }) => grammar.path),
      ...manifest.contributes.snippets.map((snippet: { path: string }) => snippet.path),
    ];
    for (const file of referenced) {
      assert.ok(files.has(`extension/${path.posix.normalize(file)}`), `the manifest names ${file}, which the VSIX lacks`);
    }
  });

  test('ships production bundles that need nothing from node_modules', async () => {
    files ??= await readZip(vsix);
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    for (const [bundle, allowed] of [
      [CLIENT_BUNDLE, new Set(['vscode'])],
      [SERVER_BUNDLE, new Set<string>()],
    ] as const) {
      const source = files.get(`extension/${bundle}`)!.toString('utf8');
      assert.ok(!source.includes('sourceMappingURL'), `${bundle} is not a production build (it links a source map)`);
      const external = requiredModules(source).filter((name) => !builtins.has(name) && !allowed.has(name));
      assert.deepEqual(external, [], `${bundle} requires modules the VSIX does not ship`);
    }
  });
});
