// The long fuzz run (`npm run fuzz`): compiles test/fuzz and runs it with
// FUZZ_RUNS times the cases and time of `npm test` (default 10), reporting
// the cases each property tried. FUZZ_SEED explores other inputs than the
// fixed seeds; FUZZ_SECONDS caps each property's time; FUZZ_DUMP=file keeps
// the last failing input.
// Usage: node scripts/fuzz.mjs [test/fuzz/one.test.ts ...]
import { spawnSync } from 'node:child_process';

const files = process.argv.slice(2);
const outdir = 'out/fuzz';
const build = spawnSync(process.execPath, ['scripts/build-tests.mjs', '--out', outdir, ...(files.length ? files : ['test/fuzz'])], { stdio: 'inherit' });
if (build.status !== 0) {
  process.exit(build.status ?? 1);
}
const env = { ...process.env, FUZZ_RUNS: process.env.FUZZ_RUNS ?? '10' };
console.log(`fuzzing with FUZZ_RUNS=${env.FUZZ_RUNS}${env.FUZZ_SEED ? ` FUZZ_SEED=${env.FUZZ_SEED}` : ''}`);
const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', `${outdir}/test/fuzz/`], { stdio: 'inherit', env });
process.exit(run.status ?? 1);
