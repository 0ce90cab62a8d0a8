/**
 * Every pattern that runs on record text is linear-time: each regular
 * expression of the core (found in the sources), the rebuilt token and
 * pre-filter patterns of the secret detector, the schema's `pattern`s and
 * the format checks (ajv-formats', date-time our own) are fed 1 MB adversarial inputs derived from their
 * own syntax, and the CPU cost per character at 1 MB is compared with that
 * at 64 KB (see patterns/linearity.ts). The compiled validator is checked to
 * contain exactly these patterns and formats, and the whole secret detector
 * (`findSecrets`) and the compiled validator are measured the same way on
 * inputs planted in records.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { suite, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { findSecrets } from '../../server/src/service/secrets';
import { getValidator } from '../../server/src/service/schema/schemaStore';
import { airflowRecord, databaseRecord, diskRecord, kubernetesRecord, sparkRecord } from '../helpers/records';
import { repoRoot } from '../helpers/text';
import { familiesFor, inputOf } from './patterns/adversarial';
import { inventory } from './patterns/inventory';
import { BOUND, LARGE, measure, Measurement, SMALL } from './patterns/linearity';

const { patterns, literalCount, dynamicSites } = inventory();

function tooSlow(results: Measurement[]): string[] {
  return results.filter((r) => !(r.ratio < BOUND)).map((r) => `${r.family}: ${r.ratio.toFixed(2)}× the cost per character at ${r.sizes[1] / 1024} KB as at ${r.sizes[0] / 1024} KB`);
}

suite('linear-time patterns', () => {
  test('the inventory finds the core\'s regular expressions, the schema patterns and the formats', () => {
    assert.ok(literalCount >= 80, `${literalCount} regex literals in server/src/service`);
    assert.ok(dynamicSites >= 3, `${dynamicSites} new RegExp sites`);
    assert.ok(patterns.filter((p) => p.origin.startsWith('schema ')).length >= 7);
    assert.ok(patterns.some((p) => p.origin === 'secrets/tokens.ts ANCHORS') && patterns.some((p) => p.origin === 'secrets/prefilter.ts PREFILTER'));
  });

  test('the harness catches a quadratic pattern, and stops a catastrophic one at its deadline', async () => {
    const spaces = familiesFor('\\s*\\n', 'g').filter((f) => f.unit === ' ');
    // Sizes 16 times smaller than the real check's, so that the self-test cannot hang on a quadratic
    // pattern whatever stage flags it (a quadratic pattern measures about 16, a linear one about 1).
    const quadratic = await measure({ source: '\\s*\\n', flags: 'g' }, spaces, 120_000, { small: SMALL / 64, large: LARGE / 64 });
    assert.ok(quadratic.some((r) => r.ratio >= BOUND), JSON.stringify(quadratic));
    await assert.rejects(measure({ source: '^(a+)+$', flags: '' }, familiesFor('^(a+)+$', ''), 3_000), /did not finish within 3 s/);
  });

  test('the compiled validator uses exactly the schema patterns and formats measured here', async () => {
    // The build's own compilation (scripts/validator-plugin.mjs), as bundled into the server and the CLI.
    const plugin = (await import(pathToFileURL(path.join(repoRoot(), 'scripts', 'validator-plugin.mjs')).href)) as { validatorSource(): string };
    const source = plugin.validatorSource();
    const compiled = new Set([...source.matchAll(/new RegExp\("((?:[^"\\]|\\.)*)", "(\w*)"\)/g)].map((m) => `${JSON.parse(`"${m[1]}"`)}/${m[2]}`));
    const schema = new Set(patterns.filter((p) => p.origin.startsWith('schema ')).map((p) => `${p.source}/${p.flags}`));
    assert.deepEqual([...compiled].sort(), [...schema].sort());
    const formats = new Set([...source.matchAll(/require\("\.\/server\/src\/service\/schema\/formats"\)\.formats\["([\w-]+)"\]/g)].map((m) => m[1]));
    assert.ok(formats.has('date-time'), 'the compiled validator checks date-time with the core\'s formats');
    assert.doesNotMatch(source, /ajv-formats/, 'and no format of ajv-formats directly');
    for (const format of formats) {
      assert.ok(patterns.some((p) => p.origin === `format ${format}`), `format ${format} is measured`);
    }
  });

  for (const pattern of patterns) {
    test(`${pattern.origin}: ${pattern.source.slice(0, 60)}`, async () => {
      const families = familiesFor(pattern.source, pattern.flags, pattern.regex);
      const target = pattern.check ? { format: pattern.origin.replace('format ', '') } : { source: pattern.regex!.source, flags: pattern.regex!.flags };
      const results = await measure(target, families);
      assert.equal(results.length, families.length);
      assert.deepEqual(tooSlow(results), [], 'super-linear');
      assert.ok(results.some((r) => r.sizes[1] === LARGE), `fed ${LARGE / 1024} KB inputs`);
    });
  }
});

/** CPU per character of `run` over `text`, repeated until stable (the in-process twin of the worker's measure). */
function perChar(run: (text: string) => unknown, text: string): number {
  run(text); // untimed: one-time costs (flattening the string, compiling patterns for it)
  for (let k = 1; ; k *= 2) {
    const start = process.cpuUsage();
    for (let i = 0; i < k; i++) run(text);
    const used = process.cpuUsage(start);
    const spent = used.user + used.system;
    if (spent >= 3000 || k >= 4096) return spent / (k * text.length);
  }
}

function ratioOf(run: (text: string) => unknown, unit: string): number {
  let ratio = Infinity;
  for (let attempt = 0; attempt < 3 && ratio >= BOUND; attempt++) {
    const family = { name: unit, unit, terminator: '!' };
    ratio = Math.min(ratio, perChar(run, inputOf(family, LARGE)) / perChar(run, inputOf(family, SMALL)));
  }
  return ratio;
}

suite('linear-time checks on record values', () => {
  test('the compiled validator, with a 1 MB adversarial value in each field that has a pattern or format', () => {
    const validate = getValidator();
    const records = [airflowRecord(), databaseRecord(), sparkRecord(), kubernetesRecord(), diskRecord()];
    // Leaves whose schema has a pattern or a format: those that reject "!" with one of those keywords.
    const leaves: { record: Record<string, unknown>; path: (string | number)[] }[] = [];
    const walk = (record: Record<string, unknown>, node: unknown, path: (string | number)[]): void => {
      if (typeof node === 'string') {
        const parent = path.slice(0, -1).reduce<any>((o, k) => o[k], record); // eslint-disable-line @typescript-eslint/no-explicit-any
        const key = path[path.length - 1];
        parent[key] = '!';
        validate(record);
        parent[key] = node;
        const pointer = '/' + path.join('/');
        if (validate.errors?.some((e) => e.instancePath === pointer && (e.keyword === 'pattern' || e.keyword === 'format'))) {
          leaves.push({ record, path });
        }
      } else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) walk(record, v, [...path, Array.isArray(node) ? Number(k) : k]);
      }
    };
    records.forEach((record) => walk(record, record, []));
    assert.ok(leaves.length >= 15, `${leaves.length} pattern/format fields`);
    const slow: string[] = [];
    for (const { record, path } of leaves) {
      const copy = JSON.parse(JSON.stringify(record));
      const parent = path.slice(0, -1).reduce((o, k) => o[k], copy);
      const key = path[path.length - 1];
      const original = String(parent[key]);
      for (const unit of [original, original.slice(0, 3), '1', '9.', '1 ']) {
        const ratio = ratioOf((text) => {
          parent[key] = text;
          return validate(copy);
        }, unit);
        if (!(ratio < BOUND)) slow.push(`/${path.join('/')} with "${unit}" repeated: ${ratio.toFixed(2)}×`);
      }
    }
    assert.deepEqual(slow, []);
  });

  test('findSecrets as a whole, on the near-misses of every token format', () => {
    const units = patterns.filter((p) => p.origin.startsWith('secrets/tokens.ts format')).map((p) => p.source.replace(/\\/g, '').slice(0, 12));
    const slow = units.map((unit) => [unit, ratioOf(findSecrets, unit + ' ')] as const).filter(([, r]) => !(r < BOUND));
    assert.deepEqual(slow, []);
  });
});
