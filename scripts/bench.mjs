// Builds and runs the benchmark (bench/run.ts). Arguments are passed through.
import * as esbuild from 'esbuild';
import { validatorPlugin } from './validator-plugin.mjs';
import { spawnSync } from 'node:child_process';

await esbuild.build({
  entryPoints: ['bench/run.ts'],
  outfile: 'out/bench/run.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  plugins: [validatorPlugin],
});
const result = spawnSync(process.execPath, ['--max-old-space-size=8192', 'out/bench/run.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
