/**
 * `lint --write-baseline FILE` and `lint --baseline FILE` through the built
 * CLI: findings keyed by record identity, code and pointer (not lines), so
 * inserting and reordering records keeps them baselined; counts; what no
 * longer occurs; paths relative to the baseline; unusable baselines are a
 * one-line usage error.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, suite, test } from 'node:test';
import { BaselineCollector, BaselineMatcher, parseBaseline, safePointer } from '../../server/src/service/baseline/baseline';
import { airflowRecord, databaseRecord, diskRecord, JsonRecord, kubernetesRecord, line, pretty } from '../helpers/records';
import { repoRoot } from '../helpers/text';

const CLI = (): string => path.join(repoRoot(), 'dist', 'cli', 'incident-records.js');

const made: string[] = [];
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-baseline-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI(), ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonReport {
  files: { path: string; diagnostics: { code: string; range: { start: { line: number } } }[] }[];
  summary: { files: number; errors: number; warnings: number; information: number };
}

function codes(report: JsonReport): string[] {
  return report.files.flatMap((f) => f.diagnostics.map((d) => d.code)).sort();
}

/** A legacy dataset: four records with findings of several codes, one with two IR002s on one object. */
function legacy(): JsonRecord[] {
  const a = airflowRecord();
  delete a.incident.metadata.dag_run_id; // IR101
  const b = databaseRecord();
  b.incident.severity = 'hgh'; // IR004
  const c = kubernetesRecord();
  delete c.incident.metadata.namespace; // IR131
  const d = diskRecord();
  delete d.incident.description; // IR002
  delete d.incident.severity; // IR002 on the same object
  return [a, b, c, d];
}

suite('lint --write-baseline / --baseline', () => {
  test('a baseline of today’s findings makes the same dataset pass, and survives inserting and reordering records', () => {
    const records = legacy();
    const dir = workspace({ 'data/legacy.incidents.jsonl': records.map(line).join('\n') + '\n' });
    const before = JSON.parse(run(['lint', '--format', 'json', 'data'], dir).stdout) as JsonReport;
    assert.ok(before.summary.errors >= 5, JSON.stringify(before.summary));

    const written = run(['lint', '--write-baseline', 'incident-records-baseline.json', 'data'], dir);
    assert.equal(written.status, 0, written.stderr);
    const total = codes(before).length;
    assert.equal(written.stdout, `Wrote the baseline incident-records-baseline.json: ${total} findings in 1 file. Lint with --baseline incident-records-baseline.json to report only new findings.\n`);
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'incident-records-baseline.json'), 'utf8'));
    assert.equal(baseline['incident-records-baseline'], 1);
    assert.deepEqual(Object.keys(baseline.findings), ['data/legacy.incidents.jsonl'], 'paths relative to the baseline file');
    const entries = baseline.findings['data/legacy.incidents.jsonl'] as { record: string; code: string; at: string; count: number }[];
    assert.ok(entries.every((e) => /^t:/.test(e.record) && !/line/i.test(JSON.stringify(e))), 'keys hold identities and pointers, no line numbers');
    assert.deepEqual(
      entries.filter((e) => e.code === 'IR002').map((e) => e.at).sort(),
      ['/incident/description', '/incident/severity'],
      'a missing property is keyed by its own pointer',
    );

    const clean = run(['lint', '--baseline', 'incident-records-baseline.json', 'data'], dir);
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, new RegExp(`^${total} findings of the baseline incident-records-baseline\\.json not reported\\.\\nNo problems in 1 file\\.\\n$`));

    // Insert a new record with a problem at the top, reverse the others, add blank lines.
    const fresh = airflowRecord();
    fresh.incident.title = 'A record added after the baseline';
    fresh.incident.severity = 'hgh';
    fs.writeFileSync(path.join(dir, 'data/legacy.incidents.jsonl'), [line(fresh), '', ...records.map(line).reverse()].join('\n') + '\n');
    const afterEdit = run(['lint', '--format', 'json', '--baseline', 'incident-records-baseline.json', 'data'], dir);
    assert.equal(afterEdit.status, 1);
    const report = JSON.parse(afterEdit.stdout) as JsonReport;
    assert.deepEqual(codes(report), ['IR004'], 'only the new record’s finding');
    assert.equal(report.files[0].diagnostics[0].range.start.line, 0);
    assert.equal(afterEdit.stderr, `incident-records: ${total} findings of the baseline incident-records-baseline.json not reported.\n`, 'machine formats keep notes on standard error');
  });

  test('counts: two findings with one key are baselined twice, a third is new', () => {
    // Two copies of one incident: same identity, same findings; the second copy also has IR402.
    const record = airflowRecord();
    delete record.incident.metadata.dag_run_id;
    const dir = workspace({ 'd.incidents.jsonl': [line(record), line(record)].join('\n') + '\n' });
    assert.equal(run(['lint', '--write-baseline', 'b.json', '.'], dir).status, 0);
    const entries = JSON.parse(fs.readFileSync(path.join(dir, 'b.json'), 'utf8')).findings['d.incidents.jsonl'];
    assert.deepEqual(
      entries.map((e: { code: string; count: number }) => [e.code, e.count]),
      [['IR101', 2], ['IR402', 1]],
    );
    fs.writeFileSync(path.join(dir, 'd.incidents.jsonl'), [line(record), line(record), line(record)].join('\n') + '\n');
    const report = JSON.parse(run(['lint', '--format', 'json', '--baseline', 'b.json', '.'], dir).stdout) as JsonReport;
    assert.deepEqual(codes(report), ['IR101', 'IR402'], 'the third copy’s findings are new');
    assert.equal(report.files[0].diagnostics[0].range.start.line, 2);
  });

  test('says how many baselined findings no longer occur, in checked files and in files that are gone, not in files left unchecked', () => {
    const records = legacy();
    const dir = workspace({
      'a.incidents.jsonl': records.map(line).join('\n') + '\n',
      'b.incident.json': pretty(records[1]),
      'c.incident.json': pretty(records[2]),
    });
    assert.equal(run(['lint', '--write-baseline', 'b.json', '.'], dir).status, 0);
    // Fix one finding in a.incidents.jsonl, delete c.incident.json, check a and (unchanged) b only.
    const fixed = legacy();
    fixed[0].incident.metadata.dag_run_id = 'scheduled__2024-03-14T02:00:00+00:00';
    fs.writeFileSync(path.join(dir, 'a.incidents.jsonl'), fixed.map(line).join('\n') + '\n');
    fs.rmSync(path.join(dir, 'c.incident.json'));
    const result = run(['lint', '--baseline', 'b.json', 'a.incidents.jsonl'], dir);
    assert.equal(result.status, 0, result.stdout);
    assert.match(result.stdout, /\n2 findings of the baseline b\.json no longer occur: prune them by writing the baseline again \(--write-baseline b\.json\)\.\nNo problems in 1 file\.\n$/);
    // Writing it again prunes them.
    assert.equal(run(['lint', '--write-baseline', 'b.json', '.'], dir).status, 0);
    assert.doesNotMatch(run(['lint', '--baseline', 'b.json', '.'], dir).stdout, /no longer occur/);
  });

  test('paths are relative to the baseline file, so any working folder works', () => {
    const dir = workspace({ 'repo/data/x.incident.json': pretty(legacy()[1]) });
    assert.equal(run(['lint', '--write-baseline', 'repo/ci/baseline.json', 'repo/data'], dir).status, 0);
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'repo/ci/baseline.json'), 'utf8'));
    assert.deepEqual(Object.keys(baseline.findings), ['../data/x.incident.json']);
    const fromData = run(['lint', '--baseline', '../ci/baseline.json', 'x.incident.json'], path.join(dir, 'repo/data'));
    assert.equal(fromData.status, 0, fromData.stdout);
  });

  test('a missing, unreadable or corrupt baseline is a one-line usage error (exit 2), never a crash', () => {
    const dir = workspace({ 'x.incident.json': pretty(legacy()[1]), 'garbage.json': '{"incident-records-baseline": 1, "findings": {', 'other.json': '{"rules": {}}' });
    fs.writeFileSync(path.join(dir, 'wrong.json'), JSON.stringify({ 'incident-records-baseline': 1, findings: { 'x.incident.json': [{ record: 't:1', code: 'IR004', at: '', count: 0 }] } }));
    fs.writeFileSync(path.join(dir, 'future.json'), JSON.stringify({ 'incident-records-baseline': 7, findings: {} }));
    fs.mkdirSync(path.join(dir, 'folder.json'));
    const cases: [string, RegExp][] = [
      ['missing.json', /^incident-records: cannot read the baseline missing\.json: no such file or folder \(ENOENT\)$/],
      ['folder.json', /^incident-records: cannot read the baseline folder\.json: it is a folder \(EISDIR\)$/],
      ['garbage.json', /^incident-records: cannot use the baseline garbage\.json: not valid JSON \(.+\)$/],
      ['other.json', /^incident-records: cannot use the baseline other\.json: not an incident-records baseline/],
      ['wrong.json', /^incident-records: cannot use the baseline wrong\.json: findings\["x\.incident\.json"\]\[0\]\.count must be a whole number of at least 1$/],
      ['future.json', /^incident-records: cannot use the baseline future\.json: baseline version 7 is not supported/],
    ];
    for (const [file, reason] of cases) {
      const result = run(['lint', '--baseline', file, 'x.incident.json'], dir);
      assert.equal(result.status, 2, `${file}: ${result.stderr}`);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr.split('\n').length, 2, `${file}: one line: ${result.stderr}`);
      assert.match(result.stderr.trimEnd(), reason);
    }
    const both = run(['lint', '--baseline', 'a.json', '--write-baseline', 'b.json', '.'], dir);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /--baseline and --write-baseline do not go together/);
    const unwritable = run(['lint', '--write-baseline', 'x.incident.json/b.json', '.'], dir);
    assert.equal(unwritable.status, 2);
    assert.match(unwritable.stderr, /^incident-records: cannot write the baseline x\.incident\.json\/b\.json: a part of the path is not a folder \(ENOTDIR\)\n$/);
  });

  test('with --fix, the baseline applies to what remains; with --max-warnings, to the warnings that are new', () => {
    const record = airflowRecord();
    record.incident.service = 'airflw'; // IR008 warning
    const dir = workspace({ 'w.incident.json': pretty(record) });
    assert.equal(run(['lint', '--max-warnings', '0', 'w.incident.json'], dir).status, 1);
    assert.equal(run(['lint', '--write-baseline', 'b.json', 'w.incident.json'], dir).status, 0);
    assert.equal(run(['lint', '--max-warnings', '0', '--baseline', 'b.json', 'w.incident.json'], dir).status, 0);
  });
});

suite('baseline core', () => {
  test('the file is deterministic: files and entries sorted, one entry per line', () => {
    const a = new BaselineCollector();
    const b = new BaselineCollector();
    const keys = [
      ['z.incidents.jsonl', { record: 't:2', code: 'IR101', at: '/incident/metadata' }],
      ['a.incidents.jsonl', { record: 't:9', code: 'IR004', at: '/incident/severity' }],
      ['a.incidents.jsonl', { record: 't:1', code: 'IR004', at: '/incident/severity' }],
      ['a.incidents.jsonl', { record: 't:1', code: 'IR004', at: '/incident/severity' }],
    ] as const;
    keys.forEach(([file, key]) => a.add(file, key));
    [...keys].reverse().forEach(([file, key]) => b.add(file, key));
    assert.equal(a.toText(), b.toText());
    const lines = a.toText().split('\n');
    assert.ok(lines.includes('      {"record":"t:1","code":"IR004","at":"/incident/severity","count":2},'), a.toText());
    const parsed = parseBaseline(a.toText());
    assert.deepEqual([...parsed.files.keys()], ['a.incidents.jsonl', 'z.incidents.jsonl']);
    const matcher = new BaselineMatcher(parsed);
    const file = matcher.file('a.incidents.jsonl');
    assert.deepEqual([1, 2, 3].map(() => file.match({ record: 't:1', code: 'IR004', at: '/incident/severity' })), [true, true, false]);
    assert.equal(matcher.unmatched(() => true), 1, 't:9 in the checked file; z is not checked and exists');
    assert.equal(matcher.unmatched(() => false), 2, 'z no longer exists');
  });

  test('pointers never carry a credential used as a property name', () => {
    const token = 'ghp_R7tK2mQ9xL4vN8pZ3wB6yC1dF5gH0jS2uE4a';
    assert.equal(safePointer(`/incident/metadata/${token}`), '/incident/metadata/***');
    assert.equal(safePointer('/incident/metadata/postgres:~1~1svc:Vq8kLm2Rt9zW@db-01:5432~1orders/x'), '/incident/metadata/***/x', 'a URL with a password as a key (its / escaped as ~1)');
    assert.equal(safePointer('/incident/metadata/dag_id'), '/incident/metadata/dag_id');
    assert.equal(safePointer(''), '');
  });
});
