import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite, test } from 'node:test';
import type { StatsReport } from '../../server/src/cli/stats';
import { airflowRecord, databaseRecord, kubernetesRecord, line, pretty, sparkRecord } from '../helpers/records';
import { repoRoot } from '../helpers/text';

const CLI = (): string => path.join(repoRoot(), 'dist', 'cli', 'incident-records.js');

function run(args: string[], options: { cwd?: string; input?: string } = {}) {
  const result = spawnSync(process.execPath, [CLI(), ...args], { cwd: options.cwd ?? repoRoot(), input: options.input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-stats-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const SECRET = 'hunter2Secret!x9';

function dataset(): string {
  const failed = databaseRecord();
  failed.success = false;
  failed.resolution_time = '2460';
  const hostile = kubernetesRecord();
  hostile.incident.title = `<img src=x onerror=alert(1)> password=${SECRET}`;
  hostile.incident.severity = 'hgh';
  return [line(airflowRecord()), line(failed), line(hostile), '{ "incident": { "title": "cut off', line(sparkRecord())].join('\n') + '\n';
}

suite('incident-records stats', () => {
  test('text: records, problems by worst severity, success, services, date range, medians, actions, codes; exit 0 despite problems', () => {
    const dir = workspace({ 'data.incidents.jsonl': dataset() });
    const result = run(['stats', 'data.incidents.jsonl'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^data\.incidents\.jsonl: 5 records \(/);
    assert.match(result.stdout, /records with problems: \d+ of 5 \(worst: \d+ error/);
    assert.match(result.stdout, /success: \d+ true, \d+ false, 1 not stated/);
    assert.match(result.stdout, /kubernetes\s+1\s+\(hgh 1\)/);
    assert.match(result.stdout, /incidents from \S+ to \S+/);
    assert.match(result.stdout, /resolution time, median: .*database 41m 00s \(1\)/);
    assert.match(result.stdout, /top action types: /);
    assert.match(result.stdout, /IR001 syntax \(error\): 1 problem in 1 record/);
    assert.match(result.stdout, /IR004 enum \(error\)/);
    assert.doesNotMatch(result.stdout, new RegExp(SECRET));
  });

  test('json: files with summary, charts and groups, and the total; a broken line is a broken row', () => {
    const dir = workspace({ 'a/data.incidents.jsonl': dataset(), 'a/one.incident.json': pretty(airflowRecord()) });
    const result = run(['stats', '--format', 'json', 'a'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as StatsReport;
    assert.deepEqual(Object.keys(report), ['files', 'total']);
    assert.deepEqual(
      report.files.map((f) => [f.path, f.format, f.summary.records]),
      [
        [path.join('a', 'data.incidents.jsonl'), 'jsonl', 5],
        [path.join('a', 'one.incident.json'), 'json', 1],
      ],
    );
    const [jsonl] = report.files;
    assert.ok(jsonl.bytes > 0);
    assert.deepEqual(Object.keys(jsonl.charts), ['resolution', 'actions', 'codes']);
    assert.equal(jsonl.charts.codes.find((c) => c.code === 'IR001')?.records, 1);
    assert.equal(jsonl.summary.servicesBySeverity['(none)']?.['(none)'], 1, 'the broken line is a row of its own');
    const syntax = jsonl.groups.find((g) => g.code === 'IR001');
    assert.equal(syntax?.first.index, 3);
    assert.equal(syntax?.first.range.start.line, 3);
    assert.equal(report.total.files, 2);
    assert.equal(report.total.summary.records, 6);
    assert.equal(report.total.groups.find((g) => g.code === 'IR001')?.first.path, path.join('a', 'data.incidents.jsonl'));
    assert.doesNotMatch(result.stdout, new RegExp(SECRET));
  });

  test('markdown: the dataset card, escaped, without the secret', () => {
    const dir = workspace({ 'data.incidents.jsonl': dataset() });
    const result = run(['stats', '--format=markdown', 'data.incidents.jsonl'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^# Dataset card: data\.incidents\.jsonl/);
    assert.match(result.stdout, /\| database \| 1 \| 41m 00s \|/);
    assert.match(result.stdout, /## Open problems/);
    assert.doesNotMatch(result.stdout, /<img/);
    assert.doesNotMatch(result.stdout, new RegExp(SECRET));
  });

  test('standard input is read as JSON Lines', () => {
    const result = run(['stats', '--format', 'json', '-'], { input: dataset() });
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as StatsReport;
    assert.equal(report.files[0].path, '-');
    assert.equal(report.files[0].summary.records, 5);
    assert.equal(report.files[0].summary.success.unknown, 1);
  });

  test('exit 2 with a one-line reason: missing file, bad --format, no PATH, unknown option', () => {
    const missing = run(['stats', 'nowhere.incidents.jsonl']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^incident-records: cannot read nowhere\.incidents\.jsonl: no such file or folder \(ENOENT\)\n$/);
    assert.equal(missing.stdout, '');
    const format = run(['stats', '--format', 'sarif', 'x']);
    assert.equal(format.status, 2);
    assert.match(format.stderr, /--format of stats must be text, json or markdown/);
    assert.equal(run(['stats']).status, 2);
    assert.equal(run(['stats', '--fix', 'x']).status, 2);
  });

  test('--help describes stats', () => {
    const result = run(['stats', '--help']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /incident-records stats \[--format text\|json\|markdown\]/);
  });
});
