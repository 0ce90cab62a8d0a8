/**
 * Measures whether a pattern's work grows linearly with its input, by
 * comparing two sizes, never by an absolute time: the CPU cost per character
 * on a 1 MB input against that on a 64 KB one (the same text, 16 times
 * shorter). A linear pattern costs about the same per character (ratio ≈ 1);
 * a quadratic one 16 times more, so it is first compared at 1 KB → 16 KB,
 * where even a quadratic pattern finishes quickly. Runs with several repetitions until each
 * measurement is long enough to be stable, measures a suspicious ratio again
 * with longer runs (the least of three, since interference only adds time), and
 * runs in a worker thread so a catastrophic (exponential) pattern is stopped
 * at a deadline and reported instead of hanging the suite.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as esbuild from 'esbuild';
import { repoRoot } from '../../helpers/text';
import type { Family } from './adversarial';

let formatsBundle: string | undefined;

/**
 * The validator's format checks (server/src/service/schema/formats.ts) as one
 * CommonJS file the worker can require: bundled once per run, removed at exit.
 */
function formatsModule(): string {
  if (!formatsBundle) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-formats-'));
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    const outfile = path.join(dir, 'formats.js');
    esbuild.buildSync({ entryPoints: [path.join(repoRoot(), 'server', 'src', 'service', 'schema', 'formats.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning' });
    formatsBundle = outfile;
  }
  return formatsBundle;
}

export const SMALL = 64 * 1024;
export const LARGE = 1024 * 1024;
/**
 * Per-character cost at 1 MB over that at 64 KB: linear ≈ 1, quadratic ≈ 16.
 * A very fast linear scan can reach 2–3 on a busy machine (64 KB stays in the
 * CPU cache, 1 MB does not), so the bound leaves room for that.
 */
export const BOUND = 4;
/** At 1 KB → 16 KB, where bounded repetition still grows: only a clearly quadratic ratio (≈16) stops there. */
const EARLY_BOUND = 8;
const MIN_MICROS = 700;
const RETRIES = 2;

export type Target = { readonly source: string; readonly flags: string } | { readonly format: string };

export interface Measurement {
  readonly family: string;
  readonly ratio: number;
  /** The two input sizes the ratio compares (1 KB → 16 KB when that already shows super-linear growth). */
  readonly sizes: readonly [number, number];
}

/** The worker's code, self-contained (it is evaluated, not bundled); `inputOf` is adversarial.ts's. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { target, families, small, large, minMicros, bound, earlyBound, retries, formatsPath } = workerData;
let run;
if (target.format) {
  const f = require(formatsPath).formats[target.format];
  const v = f.validate || f;
  run = v instanceof RegExp ? (t) => v.test(t) : (t) => v(t);
} else if (/[gy]/.test(target.flags)) {
  // Every match in turn, as a global scan does (a sticky pattern tried at every position is the worst case of its use).
  const re = new RegExp(target.source, target.flags.replace(/[gy]/g, '') + 'g');
  run = (t) => { re.lastIndex = 0; let m; while ((m = re.exec(t)) !== null) { if (m[0].length === 0) re.lastIndex++; } };
} else {
  const re = new RegExp(target.source, target.flags);
  run = (t) => re.exec(t);
}
function inputOf(family, size) {
  const body = family.unit.repeat(Math.ceil(size / family.unit.length)).slice(0, size - family.terminator.length);
  return body + family.terminator;
}
function cpu(text, k) {
  const start = process.cpuUsage();
  for (let i = 0; i < k; i++) run(text);
  const used = process.cpuUsage(start);
  return used.user + used.system;
}
function perChar(text, micros = minMicros) {
  run(text); // untimed: one-time costs (flattening the string, compiling the pattern for it)
  for (let k = 1; ; k *= 2) {
    const spent = cpu(text, k);
    if (spent >= micros || k >= 65536) return spent / (k * text.length);
  }
}
/** The least of three longer measurements: interference (other processes, the cache, a GC) only ever adds time. */
function carefulPerChar(text) {
  return Math.min(perChar(text, 8 * minMicros), perChar(text, 8 * minMicros), perChar(text, 8 * minMicros));
}
function ratioOf(family, from, to) {
  const smallText = inputOf(family, from);
  const largeText = inputOf(family, to);
  let ratio = perChar(largeText) / perChar(smallText);
  // A suspicious ratio is measured again, carefully: a super-linear pattern stays above the bound.
  for (let attempt = 0; attempt < retries && ratio >= bound; attempt++) {
    ratio = Math.min(ratio, carefulPerChar(largeText) / carefulPerChar(smallText));
  }
  return ratio;
}
/**
 * The 1 KB → 16 KB ratio. Noise can move it either way, and a quadratic pattern
 * missed here would then be given 1 MB: a ratio that is not clearly linear is
 * measured again carefully, and that measurement decides.
 */
function earlyRatio(family, from, to) {
  const smallText = inputOf(family, from);
  const largeText = inputOf(family, to);
  const ratio = perChar(largeText) / perChar(smallText);
  return ratio >= earlyBound / 2 ? carefulPerChar(largeText) / carefulPerChar(smallText) : ratio;
}
const results = [];
for (const family of families) {
  // A quadratic pattern is caught cheaply at small sizes before it is given 1 MB.
  // A clearly quadratic pattern (≈16×) is caught cheaply at small sizes before it is given 1 MB. Milder
  // growth there is expected of bounded repetition ({4,2048}) until the input outgrows the bound.
  const early = earlyRatio(family, small / 64, small / 4);
  const quadratic = early >= earlyBound;
  const ratio = quadratic ? early : ratioOf(family, small, large);
  results.push({ family: family.name, ratio, sizes: quadratic ? [small / 64, small / 4] : [small, large] });
  parentPort.postMessage({ progress: family.name });
}
parentPort.postMessage({ results });
`;

/**
 * Measures `target` on every family; rejects if the worker has not finished
 * after `deadlineMs` (a guard against a hang, far above what a linear pattern needs).
 */
export function measure(target: Target, families: readonly Family[], deadlineMs = 120_000, sizes: { small: number; large: number } = { small: SMALL, large: LARGE }): Promise<Measurement[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { target, families, small: sizes.small, large: sizes.large, minMicros: MIN_MICROS, bound: BOUND, earlyBound: EARLY_BOUND, retries: RETRIES, formatsPath: target && 'format' in target ? formatsModule() : '' },
    });
    let last = '(none yet)';
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`did not finish within ${deadlineMs / 1000} s; last family done: ${last} — catastrophic backtracking?`));
    }, deadlineMs);
    worker.on('message', (message: { progress?: string; results?: Measurement[] }) => {
      if (message.progress) {
        last = message.progress;
      } else if (message.results) {
        clearTimeout(timer);
        void worker.terminate();
        resolve(message.results);
      }
    });
    worker.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
