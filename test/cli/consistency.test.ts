/**
 * Editor and CLI parity: the same files give the same diagnostics (codes,
 * severities, messages and ranges) from the stdio language server and from
 * `incident-records lint --format json`. Both run the bundled artefacts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, suite, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { Diagnostic } from 'vscode-languageserver-types';
import { startTestClient, TestClient } from '../helpers/lspClient';
import { airflowRecord, databaseRecord, diskRecord, kubernetesRecord, line, pretty, sparkRecord } from '../helpers/records';
import { repoRoot } from '../helpers/text';

interface Comparable {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const SEVERITY_NAMES = ['', 'error', 'warning', 'information', 'hint'];

function lintJson(cwd: string, target: string): Map<string, Comparable[]> {
  const result = spawnSync(process.execPath, [path.join(repoRoot(), 'dist', 'cli', 'incident-records.js'), 'lint', '--format', 'json', target], { cwd, encoding: 'utf8' });
  assert.notEqual(result.status, 2, result.stderr);
  const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: Comparable[] }[] };
  return new Map(report.files.map((f) => [path.resolve(cwd, f.path), f.diagnostics]));
}

function fromServer(diagnostics: Diagnostic[]): Comparable[] {
  return diagnostics.map((d) => ({
    code: String(d.code),
    severity: SEVERITY_NAMES[d.severity ?? 1],
    message: typeof d.message === 'string' ? d.message : String(d.message),
    range: d.range,
  }));
}

/** How long the server may take to publish its complete result for one file (it publishes progressively). */
const SETTLE_MS = 15_000;

/**
 * The server publishes what it has checked so far, then the rest; wait for
 * the publish that matches the CLI, and on timeout compare the last one so
 * the failure shows the difference.
 */
async function assertServerMatches(client: TestClient, file: string, expected: Comparable[]): Promise<void> {
  const uri = pathToFileURL(file).toString();
  const languageId = /\.incidents?\.jsonl$/.test(file) ? 'incident-jsonl' : 'incident-json';
  let last: Comparable[] | undefined;
  const matching = client.diagnostics(uri, (params) => {
    last = fromServer(params.diagnostics);
    return isDeepStrictEqual(last, expected);
  });
  client.open(uri, languageId, fs.readFileSync(file, 'utf8'));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), SETTLE_MS);
  });
  const outcome = await Promise.race([matching, timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    assert.deepEqual(last, expected, `${path.basename(file)}: the server's last publish differs from the CLI`);
  }
}

async function assertParity(client: TestClient, folder: string): Promise<number> {
  const cli = lintJson(folder, '.');
  assert.ok(cli.size > 0, 'the CLI linted files');
  let count = 0;
  for (const [file, expected] of cli) {
    await assertServerMatches(client, file, expected);
    count += expected.length;
  }
  return count;
}

suite('editor and CLI report the same diagnostics', () => {
  let client: TestClient;

  before(async () => {
    client = await startTestClient();
  });

  after(async () => {
    await client.stop();
  });

  test('on every file of examples/', async () => {
    const count = await assertParity(client, path.join(repoRoot(), 'examples'));
    assert.ok(count >= 6, `the dataset's planted defects are compared (${count} diagnostics)`);
  });

  test('on records that break guideline and consistency rules', async () => {
    const airflow = airflowRecord();
    delete airflow.incident.metadata.dag_run_id;
    delete airflow.incident.metadata.error_details.task_dependencies;
    airflow.actions_taken[2].timestamp = '2024-03-14T05:00:00+00:00';
    airflow.actions_taken[1].action = 'restart_pod';
    const database = databaseRecord();
    delete database.incident.metadata.pool_config;
    database.incident.metadata.affected_services = [];
    const spark = sparkRecord();
    delete spark.incident.metadata.executor_id;
    spark.learning_feedback.failure_analysis.improved_action_sequence = ['restart_spark_jobs'];
    const kubernetes = kubernetesRecord();
    kubernetes.incident.metadata.error_details.exit_code = 1;
    kubernetes.actions_taken[1].timestamp = '2999-07-20T09:15:00Z';
    const disk = diskRecord();
    disk.incident.metadata.usage_percentage = 90;
    disk.resolution_time = 60;
    disk.success = false;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-parity-'));
    fs.writeFileSync(path.join(dir, 'airflow.incident.json'), pretty(airflow));
    fs.writeFileSync(path.join(dir, 'mixed.incidents.jsonl'), [database, spark, kubernetes, disk].map(line).join('\n') + '\n');
    fs.writeFileSync(path.join(dir, 'array.incident.json'), JSON.stringify([database, disk], null, 2));
    const count = await assertParity(client, dir);
    assert.ok(count >= 20, `many rules are compared (${count} diagnostics)`);
  });
});
