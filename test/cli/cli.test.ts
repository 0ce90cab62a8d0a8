import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite, test } from 'node:test';
import { airflowRecord, databaseRecord, line, pretty } from '../helpers/records';
import { repoRoot } from '../helpers/text';

const CLI = (): string => path.join(repoRoot(), 'dist', 'cli', 'incident-records.js');

function run(args: string[], options: { cwd?: string; input?: string } = {}) {
  const result = spawnSync(process.execPath, [CLI(), ...args], { cwd: options.cwd ?? repoRoot(), input: options.input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-cli-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

interface JsonReport {
  files: { path: string; diagnostics: { code: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[] }[];
  summary: { files: number; errors: number; warnings: number; information: number };
}

suite('incident-records lint', () => {
  test('exit 0 and no problems for clean files', () => {
    const dir = workspace({ 'a.incident.json': pretty(airflowRecord()), 'sub/b.incidents.jsonl': line(databaseRecord()) + '\n' });
    const result = run(['lint', '.'], { cwd: dir });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /No problems in 2 files/);
  });

  test('--format json prints exactly the SPEC shape, with paths as given', () => {
    const bad = airflowRecord();
    (bad.incident as Record<string, unknown>).severity = 'hgh';
    const dir = workspace({ 'records/bad.incident.json': pretty(bad), 'records/good.incident.json': pretty(airflowRecord()) });
    const result = run(['lint', '--format', 'json', 'records'], { cwd: dir });
    assert.equal(result.status, 1);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.deepEqual(Object.keys(report), ['files', 'summary']);
    assert.deepEqual(report.summary, { files: 2, errors: 1, warnings: 0, information: 0 });
    assert.deepEqual(
      report.files.map((f) => f.path),
      [path.join('records', 'bad.incident.json'), path.join('records', 'good.incident.json')],
    );
    const [d] = report.files[0].diagnostics;
    assert.deepEqual(Object.keys(d), ['code', 'severity', 'message', 'range']);
    assert.equal(d.code, 'IR004');
    assert.equal(d.severity, 'error');
    const lineNo = pretty(bad).split('\n').findIndex((l) => l.includes('"hgh"'));
    assert.equal(d.range.start.line, lineNo);
  });

  test('reads JSON Lines from standard input with -', () => {
    const result = run(['lint', '--format', 'json', '-'], { input: line(airflowRecord()) + '\n{"incident": 1\n' });
    assert.equal(result.status, 1);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.equal(report.files[0].path, '-');
    assert.deepEqual(report.files[0].diagnostics.map((d) => [d.code, d.range.start.line]), [['IR001', 1]]);
  });

  test('text output names file:line:col, severity and code, and ends with a summary', () => {
    const bad = airflowRecord();
    (bad.incident as Record<string, unknown>).severity = 'hgh';
    const dir = workspace({ 'bad.incident.json': pretty(bad) });
    const result = run(['lint', 'bad.incident.json'], { cwd: dir });
    assert.equal(result.status, 1);
    const lines = pretty(bad).split('\n');
    const lineNo = lines.findIndex((l) => l.includes('"hgh"'));
    const where = `${lineNo + 1}:${lines[lineNo].indexOf('"hgh"') + 1}`;
    assert.ok(result.stdout.startsWith(`bad.incident.json:${where}: error IR004 `), result.stdout);
    assert.match(result.stdout, /1 problem \(1 error, 0 warnings, 0 information\) in 1 file\./);
  });

  test('sarif output is SARIF 2.1.0 with rule metadata', () => {
    const bad = airflowRecord();
    (bad.incident as Record<string, unknown>).severity = 'hgh';
    const dir = workspace({ 'bad.incident.json': pretty(bad) });
    const result = run(['lint', '--format', 'sarif', 'bad.incident.json'], { cwd: dir });
    assert.equal(result.status, 1);
    const sarif = JSON.parse(result.stdout);
    assert.equal(sarif.version, '2.1.0');
    const [run0] = sarif.runs;
    assert.equal(run0.tool.driver.name, 'incident-records');
    assert.ok(run0.tool.driver.rules.some((r: { id: string }) => r.id === 'IR004'));
    assert.equal(run0.results[0].ruleId, 'IR004');
    const lineNo = pretty(bad).split('\n').findIndex((l) => l.includes('"hgh"'));
    assert.equal(run0.results[0].locations[0].physicalLocation.region.startLine, lineNo + 1);
  });

  test('--max-warnings fails the run when warnings exceed it', () => {
    const record = airflowRecord();
    (record.incident as Record<string, unknown>).service = 'airflw';
    const dir = workspace({ 'w.incident.json': pretty(record) });
    assert.equal(run(['lint', 'w.incident.json'], { cwd: dir }).status, 0);
    assert.equal(run(['lint', '--max-warnings', '0', 'w.incident.json'], { cwd: dir }).status, 1);
  });

  test('exit 2 with a one-line reason for a missing file, a bad option or an unreadable config', () => {
    const missing = run(['lint', 'nope.incident.json']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^incident-records: cannot read nope\.incident\.json/);
    assert.equal(missing.stderr.trim().split('\n').length, 1);
    assert.equal(missing.stdout, '');

    const badOption = run(['lint', '--format', 'xml', 'examples']);
    assert.equal(badOption.status, 2);
    assert.match(badOption.stderr, /--format must be text, json, sarif, jsonl or github/);

    const badConfig = run(['lint', '--config', 'missing-config.json', 'examples']);
    assert.equal(badConfig.status, 2);
    assert.match(badConfig.stderr, /configuration/);

    const noArgs = run(['lint']);
    assert.equal(noArgs.status, 2);
  });

  test('globs expand to matching files', () => {
    const dir = workspace({ 'a/x.incident.json': pretty(airflowRecord()), 'b/y.incident.json': pretty(airflowRecord()) });
    const result = run(['lint', '--format', 'json', '*/*.incident.json'], { cwd: dir });
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.deepEqual(report.files.map((f) => f.path).sort(), ['a/x.incident.json', 'b/y.incident.json']);
  });

  test('the bundled examples lint with the expected codes', () => {
    const result = run(['lint', '--format', 'json', 'examples/']);
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout) as JsonReport;
    const byFile = new Map(report.files.map((f) => [path.basename(f.path), f.diagnostics.map((d) => d.code)]));
    for (const clean of ['airflow', 'database', 'spark', 'kubernetes', 'disk']) {
      assert.deepEqual(byFile.get(`${clean}.incident.json`), [], `${clean} example is clean`);
    }
    const dataset = byFile.get('dataset.incidents.jsonl') ?? [];
    for (const code of ['IR001', 'IR004']) {
      assert.ok(dataset.includes(code), `dataset reports ${code}: ${dataset.join(', ')}`);
    }
  });
});
