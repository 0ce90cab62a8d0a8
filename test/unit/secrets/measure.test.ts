/**
 * The measurement script runs (secretlint through its own async API against
 * the product on the labelled corpora) and its numbers hold: the product
 * finds every labelled secret at its exact offsets, flags no look-alike, and
 * catches at least what the library catches, kind by kind.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { suite, test } from 'node:test';
import { repoRoot } from '../../helpers/text';

interface Score {
  secrets: number;
  caught: number;
  exact: number;
  negatives: number;
  falsePositives: number;
  byKind: Record<string, { total: number; caught: number }>;
}

suite('scripts/measure-secrets.mjs', () => {
  test('secretlint alone vs. the product', () => {
    const run = spawnSync(process.execPath, [path.join(repoRoot(), 'scripts', 'measure-secrets.mjs'), '--json'], { cwd: repoRoot(), encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const { library, product } = JSON.parse(run.stdout) as { library: Score; product: Score };
    assert.equal(product.caught, product.secrets);
    assert.equal(product.exact, product.secrets);
    assert.equal(product.falsePositives, 0);
    assert.equal(library.secrets, product.secrets);
    assert.equal(library.negatives, product.negatives);
    assert.ok(library.caught > 0 && library.caught < product.caught, `library caught ${library.caught}`);
    for (const [kind, stats] of Object.entries(library.byKind)) {
      assert.ok(product.byKind[kind].caught >= stats.caught, kind);
    }
  });
});
