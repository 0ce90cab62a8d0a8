/**
 * The e2e toolchain's functions (scripts/e2e/toolchain.mjs) from a test: the
 * module works out its paths from its own location, so it is imported by a
 * child Node rather than bundled into the test.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './text';

/** Calls an exported function of scripts/e2e/toolchain.mjs with JSON arguments and returns its JSON result. */
export function toolchain<T>(name: string, ...args: unknown[]): T {
  const module = path.join(repoRoot(), 'scripts', 'e2e', 'toolchain.mjs');
  const script = `import * as t from ${JSON.stringify(module)}; process.stdout.write(JSON.stringify(t[${JSON.stringify(name)}](...${JSON.stringify(args)})));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`toolchain.${name} failed: ${result.stderr}`);
  }
  return JSON.parse(result.stdout) as T;
}

/** Node 24 of the toolchain (installed by `npm test` / `npm run toolchain`). */
export function node24(): string {
  const node = toolchain<string>('node24Path');
  if (!fs.existsSync(node)) {
    throw new Error(`Node 24 is not installed at ${node}: run npm run toolchain (npm test does it first)`);
  }
  return node;
}

/** The environment for npm and other tools a test starts: no outer npm script's variables. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return toolchain<NodeJS.ProcessEnv>('cleanEnv', extra);
}
