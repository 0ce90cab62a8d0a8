/**
 * The e2e toolchain is hermetic: run the way the README's `npm test` runs it
 * (from inside an npm script), with XDG folders pointing at new empty
 * folders, its check passes and writes nothing into them. The toolchain's
 * own XDG folder is removed first, so code-server's first-run behaviour
 * (it writes a default config and says so before its version) is exercised
 * every time, not only on a fresh machine.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite, test } from 'node:test';
import { repoRoot } from '../helpers/text';

function listTree(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true }).map(String).sort();
}

suite('e2e toolchain', () => {
  test('passes from inside an npm script with empty XDG folders, and leaves them empty', () => {
    const root = repoRoot();
    fs.rmSync(path.join(root, '.e2e', 'toolchain', 'xdg'), { recursive: true, force: true });
    const config = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-xdg-config-'));
    const data = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-xdg-data-'));
    try {
      // `npm run` sets npm_config_user_agent & co. for its script, as `npm test` does.
      const result = spawnSync('npm', ['run', '--silent', 'toolchain'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, XDG_CONFIG_HOME: config, XDG_DATA_HOME: data },
      });
      assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
      assert.match(result.stdout, /\[e2e\] toolchain ready/);
      assert.deepEqual(listTree(config), [], 'the toolchain wrote into XDG_CONFIG_HOME');
      assert.deepEqual(listTree(data), [], 'the toolchain wrote into XDG_DATA_HOME');
    } finally {
      fs.rmSync(config, { recursive: true, force: true });
      fs.rmSync(data, { recursive: true, force: true });
    }
  });

  test('tools it starts do not inherit an outer npm script’s variables', () => {
    const module = path.join(repoRoot(), 'scripts', 'e2e', 'toolchain.mjs');
    const script = `import { toolchainEnv } from ${JSON.stringify(module)}; process.stdout.write(JSON.stringify(toolchainEnv()));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: {
        ...process.env,
        npm_config_user_agent: 'npm/11.0.0 node/v20.0.0 linux x64',
        npm_config_local_prefix: '/elsewhere',
        npm_lifecycle_event: 'test',
        npm_node_execpath: '/usr/bin/node',
        NODE: '/usr/bin/node',
        npm_config_registry: 'https://registry.example/',
      },
    });
    assert.equal(result.status, 0, result.stderr);
    const env = JSON.parse(result.stdout) as Record<string, string | undefined>;
    for (const name of ['npm_config_user_agent', 'npm_config_local_prefix', 'npm_lifecycle_event', 'npm_node_execpath', 'NODE']) {
      assert.equal(env[name], undefined, name);
    }
    assert.equal(env.npm_config_registry, 'https://registry.example/', 'registry settings are kept');
    for (const name of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME']) {
      assert.ok(env[name]?.startsWith(path.join(repoRoot(), '.e2e') + path.sep), `${name}=${env[name]}`);
    }
  });
});
