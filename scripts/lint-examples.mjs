// The main job on the bundled examples: lints examples/ with the built CLI.
// Findings (exit status 1) are the point of the demo, so only a usage or I/O
// error (exit status 2) fails this script.
import { spawnSync } from 'node:child_process';

const result = spawnSync(process.execPath, ['dist/cli/incident-records.js', 'lint', 'examples/', ...process.argv.slice(2)], { stdio: 'inherit' });
if (result.status === 2 || result.status === null) {
  process.exit(2);
}
console.log(`\nincident-records lint exited with status ${result.status} (0 = clean, 1 = problems found, as expected for examples/dataset.incidents.jsonl).`);
