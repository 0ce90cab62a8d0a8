import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, test } from 'node:test';
import { repoRoot } from '../helpers/text';

function sources(dir: string): string[] {
  const root = path.join(repoRoot(), dir);
  return fs.readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|require\(|import\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

suite('architecture', () => {
  test('the server, the CLI and common code never import vscode', () => {
    for (const file of [...sources('server/src'), ...sources('common')]) {
      assert.ok(!imports(file).includes('vscode'), `${file} imports vscode`);
    }
  });

  test('the core (server/src/service) has no LSP transport and no vscode', () => {
    for (const file of sources('server/src/service')) {
      for (const spec of imports(file)) {
        assert.ok(
          spec !== 'vscode' && !/^vscode-languageserver(\/|$)/.test(spec) && !/^vscode-languageclient/.test(spec) && !/^vscode-jsonrpc/.test(spec),
          `${path.relative(repoRoot(), file)} imports ${spec}`,
        );
      }
    }
  });

  test('the client does not reach into the server', () => {
    for (const file of sources('client/src')) {
      for (const spec of imports(file)) {
        assert.ok(!spec.includes('/server/'), `${file} imports ${spec}`);
      }
    }
  });
});
