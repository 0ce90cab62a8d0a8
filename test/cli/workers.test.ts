/**
 * Both cores: records checked in worker threads give exactly what checking
 * them in one thread gives (results, order, messages), a worker that crashes
 * loses nothing, and the CLI's output is the same with --jobs 1 and --jobs 2.
 * The workers run the built CLI bundle (run `npm run build` first), as they
 * do for users.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, suite, test } from 'node:test';
import fc from 'fast-check';
import { CheckPool, checkBatch } from '../../server/src/node/checkPool';
import { fuzzAsync } from '../fuzz/fuzzKit';
import { mutate, mutationArbitrary, recordArbitrary } from '../fuzz/generators';
import { outsideDir } from '../helpers/outside';
import { TEAM_CONFIG } from '../helpers/teamConfig';
import { repoRoot } from '../helpers/text';

const CLI = () => path.join(repoRoot(), 'dist', 'cli', 'incident-records.js');
const NOW = Date.parse('2027-01-01T00:00:00Z');

suite('checking in worker threads', () => {
  const pool = new CheckPool(CLI(), 2);
  after(() => pool.close());

  test('a batch checked by a worker equals the same batch checked here (records written by other teams, mutated)', async (t) => {
    const lines = fs.readFileSync(outsideDir('generated', 'small.incidents.jsonl'), 'utf8').split('\n').filter(Boolean);
    const arbitrary = fc.record({
      records: fc.array(fc.oneof(recordArbitrary.map((r) => JSON.stringify(r.record)), fc.constantFrom(...lines)), { minLength: 1, maxLength: 40 }),
      mutations: fc.array(fc.tuple(fc.nat(), mutationArbitrary), { maxLength: 6 }),
      declared: fc.boolean(),
    });
    await fuzzAsync(
      t,
      'worker = inline',
      arbitrary,
      async ({ records, mutations, declared }) => {
        const texts = [...records];
        for (const [at, mutation] of mutations) {
          texts[at % texts.length] = mutate(texts[at % texts.length], mutation);
        }
        const batch = { texts, firstIndex: 5, inDataset: true, now: NOW, declared: declared ? { types: TEAM_CONFIG.actions.types as never, aliases: TEAM_CONFIG.actions.aliases } : undefined };
        assert.deepEqual(await pool.check(batch), checkBatch(batch));
      },
      { runs: 60, seconds: 30, seed: 1414 },
    );
  });

  test('a worker that crashes mid-batch is replaced, and its batch is checked here: nothing is lost', async () => {
    const lines = fs.readFileSync(outsideDir('generated', 'small.incidents.jsonl'), 'utf8').split('\n').filter(Boolean);
    const texts = Array.from({ length: 1500 }, (_, i) => lines[i % lines.length]);
    const crashing = new CheckPool(CLI(), 2);
    try {
      const batch = { texts, firstIndex: 0, inDataset: true, now: NOW };
      const pending = crashing.check(batch);
      await crashing.crashWorker(0);
      assert.deepEqual(await pending, checkBatch(batch));
      assert.equal(crashing.stats.recovered, 1);
      assert.equal(crashing.stats.replaced, 1);
      // The replacement serves the next batches.
      const next = { texts: texts.slice(0, 50), firstIndex: 0, inDataset: true, now: NOW };
      assert.deepEqual(await crashing.check(next), checkBatch(next));
    } finally {
      await crashing.close();
    }
  });

  test('the CLI reports the same with --jobs 2 as with --jobs 1, for JSON Lines, an array and standard input', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-jobs-'));
    try {
      const lines = fs.readFileSync(outsideDir('generated', 'small.incidents.jsonl'), 'utf8').split('\n').filter(Boolean);
      const jsonl = path.join(dir, 'many.incidents.jsonl');
      fs.writeFileSync(jsonl, [...lines, ...lines.slice(0, 100)].join('\n') + '\n'); // duplicates too (IR402 across batches)
      const array = path.join(dir, 'many.incident.json');
      fs.writeFileSync(array, `[\n${lines.slice(0, 200).join(',\n')}\n]\n`);
      for (const args of [[jsonl], [array], ['-']]) {
        const run = (jobs: string) =>
          spawnSync(process.execPath, [CLI(), 'lint', '--format', 'json', '--jobs', jobs, ...args], {
            cwd: dir,
            input: args[0] === '-' ? fs.readFileSync(jsonl) : undefined,
            encoding: 'utf8',
            maxBuffer: 1 << 28,
          });
        const one = run('1');
        const two = run('2');
        assert.equal(two.status, one.status, two.stderr);
        assert.equal(two.stdout, one.stdout, String(args));
        assert.ok(JSON.parse(one.stdout).summary.errors > 0, 'the datasets have defects to report');
      }
      assert.equal(spawnSync(process.execPath, [CLI(), 'lint', '--jobs', '0', jsonl]).status, 2, '--jobs needs 1 or more');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
