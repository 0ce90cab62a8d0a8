/**
 * The configuration's own action types in the CLI: the nearest
 * `.incident-records.json`, or `--config FILE`, declares them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite, test } from 'node:test';
import { databaseRecord, pretty } from '../helpers/records';
import { repoRoot } from '../helpers/text';
import { TEAM_CONFIG } from '../helpers/teamConfig';

function lint(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(repoRoot(), 'dist', 'cli', 'incident-records.js'), 'lint', '--format', 'json', ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, codes: (JSON.parse(result.stdout) as { files: { diagnostics: { code: string }[] }[] }).files.flatMap((f) => f.diagnostics.map((d) => d.code)) };
}

suite('incident-records lint with declared action types', () => {
  test('a declared type is known under the configuration (and with --config), unknown without it; its checks apply', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-cli-declared-'));
    try {
      const record = databaseRecord();
      record.actions_taken[0] = { action: 'failover_database', parameters: { database_host: 'db-1' }, result: 'success', timestamp: record.actions_taken[0].timestamp };
      const untargeted = databaseRecord();
      untargeted.actions_taken[0] = { action: 'failover_database', parameters: { replica_host: 'db-2' }, result: 'success', timestamp: untargeted.actions_taken[0].timestamp };
      fs.mkdirSync(path.join(dir, 'team'));
      fs.writeFileSync(path.join(dir, 'team', 'a.incident.json'), pretty(record));
      fs.writeFileSync(path.join(dir, 'team', 'b.incident.json'), pretty(untargeted));
      fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(TEAM_CONFIG));
      assert.deepEqual(lint(dir, 'team/a.incident.json'), { status: 1, codes: ['IR009'] });
      assert.deepEqual(lint(dir, '--config', 'config.json', 'team/a.incident.json'), { status: 0, codes: [] });
      fs.writeFileSync(path.join(dir, 'team', '.incident-records.json'), JSON.stringify(TEAM_CONFIG));
      assert.deepEqual(lint(dir, 'team/a.incident.json'), { status: 0, codes: [] });
      assert.deepEqual(lint(dir, 'team/b.incident.json'), { status: 0, codes: ['IR161'] }, 'a warning: exit 0');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
