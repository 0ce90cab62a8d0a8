// Measures secret detection on the labelled corpora of test/fixtures/secrets:
// secretlint's recommended preset alone (the maintained library, run through
// its own async API) against the product's detector (findSecrets).
//
//   npm run measure:secrets            table for humans
//   npm run measure:secrets -- --json  one JSON object (used by the tests)
//   npm run measure:secrets -- --bench also time the product on 100,000 synthetic records
//
// A positive secret counts as caught when a finding overlaps it (secretlint
// reports the whole match, e.g. the full connection string); the product is
// also scored on exact offsets and kinds. A negative is a false positive
// when anything at all is reported in it. Secrets are never printed.
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import * as esbuild from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url);
const args = new Set(process.argv.slice(2));
const positives = JSON.parse(readFileSync(new URL('test/fixtures/secrets/positives.json', root), 'utf8'));
const negatives = JSON.parse(readFileSync(new URL('test/fixtures/secrets/negatives.json', root), 'utf8'));

/** The product's detector, bundled from source so the numbers are those of the working tree. */
async function loadProduct() {
  const dir = mkdtempSync(join(tmpdir(), 'measure-secrets-'));
  const outfile = join(dir, 'secrets.cjs');
  await esbuild.build({
    entryPoints: [new URL('server/src/service/secrets/index.ts', root).pathname],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  const product = createRequire(import.meta.url)(outfile);
  rmSync(dir, { recursive: true, force: true });
  return product;
}

const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] };

/** secretlint's findings in `text`, as [start, end] ranges. */
async function libraryFindings(text) {
  const result = await lintSource({
    source: { content: text, filePath: '/corpus/entry.txt', ext: '.txt', contentType: 'text' },
    options: { config, maskSecrets: true },
  });
  return result.messages.map((m) => ({ start: m.range[0], end: m.range[1], rule: m.ruleId.replace('@secretlint/secretlint-rule-', '') }));
}

function expected(entry) {
  return entry.secrets.map(({ kind, secret }) => {
    const start = entry.text.indexOf(secret);
    return { kind, start, end: start + secret.length };
  });
}

const overlaps = (a, b) => a.start < b.end && b.start < a.end;

async function score(name, find) {
  const byKind = new Map();
  let secrets = 0;
  let caught = 0;
  let exact = 0;
  let flaggedPositives = 0;
  const missed = [];
  for (const entry of positives) {
    const found = await find(entry.text);
    if (found.length) flaggedPositives++;
    for (const want of expected(entry)) {
      secrets++;
      const hit = found.some((f) => overlaps(f, want));
      const stats = byKind.get(want.kind) ?? { total: 0, caught: 0 };
      stats.total++;
      if (hit) {
        caught++;
        stats.caught++;
      } else {
        missed.push(entry.note);
      }
      byKind.set(want.kind, stats);
      if (found.some((f) => f.start === want.start && f.end === want.end && (f.kind === undefined || f.kind === want.kind))) exact++;
    }
  }
  const falsePositives = [];
  for (const entry of negatives) {
    const found = await find(entry.text);
    if (found.length) falsePositives.push({ note: entry.note, by: [...new Set(found.map((f) => f.rule ?? f.kind))] });
  }
  const precision = flaggedPositives / Math.max(1, flaggedPositives + falsePositives.length);
  return {
    name,
    secrets,
    caught,
    recall: caught / secrets,
    exact,
    negatives: negatives.length,
    falsePositives: falsePositives.length,
    precision,
    byKind: Object.fromEntries([...byKind].sort()),
    missed,
    falsePositiveNotes: falsePositives,
  };
}

function percent(x) {
  return `${(100 * x).toFixed(1)}%`;
}

function printTable(library, product) {
  const line = (label, a, b) => console.log(`${label.padEnd(34)}${String(a).padStart(16)}${String(b).padStart(16)}`);
  console.log(`Labelled corpus: ${positives.length} positive texts (${library.secrets} secrets), ${negatives.length} look-alikes\n`);
  line('', 'secretlint', 'product');
  line('secrets caught (recall)', `${library.caught}/${library.secrets} ${percent(library.recall)}`, `${product.caught}/${product.secrets} ${percent(product.recall)}`);
  line('exact offsets and kind', '—', `${product.exact}/${product.secrets}`);
  line('look-alikes flagged', `${library.falsePositives}/${library.negatives}`, `${product.falsePositives}/${product.negatives}`);
  line('precision (texts)', percent(library.precision), percent(product.precision));
  console.log('\nRecall by kind:');
  for (const [kind, stats] of Object.entries(product.byKind)) {
    const lib = library.byKind[kind] ?? { caught: 0, total: stats.total };
    line(`  ${kind}`, `${lib.caught}/${lib.total}`, `${stats.caught}/${stats.total}`);
  }
  if (library.falsePositiveNotes.length) {
    console.log('\nLook-alikes secretlint flags:');
    for (const fp of library.falsePositiveNotes) console.log(`  ${fp.note} (${fp.by.join(', ')})`);
  }
  if (product.missed.length || product.falsePositiveNotes.length) {
    console.log('\nProduct misses:', product.missed, '\nProduct false positives:', product.falsePositiveNotes);
  }
}

/** Times the product over every string of 100,000 synthetic records (clean values plus corpus texts). */
function bench(product) {
  const clean = [
    'Orders API exhausted its Postgres connection pool', 'database', 'critical', 'orders-db-primary.prod.internal',
    'postgresql://orders_api@orders-db-primary.prod.internal:5432/orders?sslmode=require', '2024-05-02T14:11:52Z',
    'scheduled__2024-03-14T02:00:00+00:00', 'checkout-api-7d9f8b6c5-x2k4p', 'application_1710400000000_0042',
    'airflow.exceptions.AirflowException: Task received SIGTERM signal', 'kill_idle_connections', 'success',
    'Only 12 idle connections found; pool still saturated', 'ip-10-42-3-17.eu-west-1.compute.internal', 'OOMKilled',
  ];
  const strings = [];
  for (let r = 0; r < 100_000; r++) {
    for (const s of clean) strings.push(s);
    if (r % 50 === 0) strings.push(positives[r % positives.length].text, negatives[r % negatives.length].text);
  }
  const start = process.hrtime.bigint();
  let found = 0;
  for (const s of strings) found += product.findSecrets(s).length;
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { records: 100_000, strings: strings.length, ms: Math.round(ms), found };
}

const product = await loadProduct();
const library = await score('secretlint', libraryFindings);
const ours = await score('product', async (text) => product.findSecrets(text));
const benchResult = args.has('--bench') ? bench(product) : undefined;
if (args.has('--json')) {
  console.log(JSON.stringify({ library, product: ours, bench: benchResult }));
} else {
  printTable(library, ours);
  if (benchResult) {
    console.log(`\nThroughput: ${benchResult.strings} strings of ${benchResult.records} records in ${benchResult.ms} ms`);
  }
}
