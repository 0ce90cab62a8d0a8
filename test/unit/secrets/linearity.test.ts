/**
 * Every detector is linear in its input. For each adversarial family (a unit
 * of near-matches repeated), the CPU time of one run over 512 KB is compared
 * with sixteen runs over 32 KB: the same amount of text, so a linear
 * detector takes about as long (ratio ≈ 1) and a quadratic one sixteen times
 * longer. The bound, 2.5, is the "< 40× for 16× the input" of the brief.
 * No absolute time is asserted; CPU time and the best of several trials
 * keep the ratio steady on a busy machine. A quadratic control shows the
 * harness catches what it is meant to.
 */
import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { findSecrets, maskConnectionString } from '../../../server/src/service/secrets';
import { FAMILIES, repeatTo } from './adversarial';

const SMALL = 32 * 1024;
const LARGE = 512 * 1024;
const FACTOR = LARGE / SMALL;
const BOUND = 40 / FACTOR;
const TRIALS = 3;

function cpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** CPU time of `run` over `factor` copies of the small input, against one run over the large one: ~1 when linear. */
function ratio(run: (text: string) => unknown, unit: string, small: number, large: number): number {
  const factor = large / small;
  const smallText = repeatTo(unit, small);
  const largeText = repeatTo(unit, large);
  run(smallText);
  run(largeText);
  let smallBest = Infinity;
  let largeBest = Infinity;
  for (let t = 0; t < TRIALS; t++) {
    smallBest = Math.min(smallBest, cpuMs(() => {
      for (let r = 0; r < factor; r++) run(smallText);
    }));
    largeBest = Math.min(largeBest, cpuMs(() => run(largeText)));
  }
  return largeBest / Math.max(smallBest, 0.001);
}

suite('secret detection is linear', () => {
  test('the harness catches a quadratic scan', () => {
    // Tries every start and scans to the end: quadratic on a text without "b".
    const quadratic = (text: string) => /a*b/.exec(text);
    assert.ok(ratio(quadratic, 'a', 512, 8 * 1024) > 8);
  });

  for (const family of FAMILIES) {
    test(`findSecrets: ${family.name}`, () => {
      const r = ratio(findSecrets, family.unit, SMALL, LARGE);
      assert.ok(r < BOUND, `512 KB took ${r.toFixed(2)}× the time of ${FACTOR} × 32 KB`);
    });
  }

  for (const family of FAMILIES.filter((f) => /^(?:password= with nothing|ADO\.NET pairs|URL userinfo without @|Go DSN long userinfo)$/.test(f.name))) {
    test(`maskConnectionString: ${family.name}`, () => {
      const r = ratio(maskConnectionString, family.unit, SMALL, LARGE);
      assert.ok(r < BOUND, `512 KB took ${r.toFixed(2)}× the time of ${FACTOR} × 32 KB`);
    });
  }
});
