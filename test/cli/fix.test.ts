import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, suite, test } from 'node:test';
import { fixFileInPlace } from '../../server/src/cli/fix';
import { defaultSeverities } from '../../server/src/service/documentChecker';
import { airflowRecord, diskRecord, line, pretty } from '../helpers/records';
import { repoRoot } from '../helpers/text';

const made: string[] = [];
after(() => {
  for (const dir of made) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A fresh temporary folder, removed when the tests end. */
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-fix-'));
  made.push(dir);
  return dir;
}

const CLI = (): string => path.join(repoRoot(), 'dist', 'cli', 'incident-records.js');

function run(args: string[], cwd: string, input?: string) {
  const result = spawnSync(process.execPath, [CLI(), ...args], { cwd, input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function copyExamples(): string {
  const dir = tempDir();
  fs.cpSync(path.join(repoRoot(), 'examples'), path.join(dir, 'examples'), { recursive: true });
  return dir;
}

/** The files of a folder (not its subfolders, e.g. examples/ci) by name. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) {
      files.set(entry.name, fs.readFileSync(path.join(dir, entry.name)));
    }
  }
  return files;
}

interface JsonReport {
  files: { path: string; diagnostics: { code: string; range: { start: { line: number } } }[] }[];
  summary: { errors: number; warnings: number };
}

function problems(report: JsonReport): string[] {
  return report.files.flatMap((f) => f.diagnostics.map((d) => `${f.path}:${d.range.start.line + 1} ${d.code}`)).sort();
}

suite('incident-records lint --fix', () => {
  test('fixes the examples in place: exactly the safe fixes, the rest reported, a second run changes nothing', () => {
    const dir = copyExamples();
    const examples = path.join(dir, 'examples');
    const dataset = path.join(examples, 'dataset.incidents.jsonl');
    fs.chmodSync(dataset, 0o640);
    const before = snapshot(examples);
    const plain = run(['lint', '--format', 'json', 'examples'], dir);
    const found = problems(JSON.parse(plain.stdout) as JsonReport);

    const fixed = run(['lint', '--fix', '--format', 'json', 'examples'], dir);
    assert.equal(fixed.status, 1, fixed.stderr);
    assert.equal(fixed.stderr, '');
    const remaining = problems(JSON.parse(fixed.stdout) as JsonReport);
    const ds = path.join('examples', 'dataset.incidents.jsonl');
    const fixedProblems = [`${ds}:3 IR101`, `${ds}:4 IR112`, `${ds}:9 IR004`];
    for (const p of fixedProblems) {
      assert.ok(found.includes(p), `examples have ${p}`);
    }
    assert.deepEqual(remaining, found.filter((p) => !fixedProblems.includes(p)));

    const after = snapshot(examples);
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), 'no file added (no temporary file left behind)');
    for (const [name, bytes] of before) {
      if (name !== 'dataset.incidents.jsonl') {
        assert.ok(after.get(name)!.equals(bytes), `${name} unchanged`);
      }
    }
    const oldLines = before.get('dataset.incidents.jsonl')!.toString('utf8').split('\n');
    const newLines = after.get('dataset.incidents.jsonl')!.toString('utf8').split('\n');
    const expected = [...oldLines];
    expected[2] = oldLines[2].replace('"dag_id":"ml_feature_backfill",', '"dag_id":"ml_feature_backfill","dag_run_id":"scheduled__2024-02-01T00:00:00+00:00",');
    expected[3] = oldLines[3].replace('postgres://reporting:Summer2024!@db-replica-02', 'postgres://reporting:***@db-replica-02');
    expected[8] = oldLines[8].replace('"severity":"hgh"', '"severity":"high"');
    assert.deepEqual(newLines, expected);
    assert.equal(fs.statSync(dataset).mode & 0o777, 0o640, 'the file keeps its permissions');

    const again = run(['lint', '--fix', '--format', 'json', 'examples'], dir);
    assert.equal(again.status, 1);
    assert.deepEqual(problems(JSON.parse(again.stdout) as JsonReport), remaining);
    const third = snapshot(examples);
    for (const [name, bytes] of after) {
      assert.ok(third.get(name)!.equals(bytes), `${name} unchanged by the second run`);
    }
  });

  test('text output says what was fixed; exit status 0 when nothing remains', () => {
    const dir = tempDir();
    const record = diskRecord();
    record.incident.severity = 'hgh';
    record.resolution_time = '1500';
    fs.writeFileSync(path.join(dir, 'web.incident.json'), pretty(record).replace(/\n/g, '\r\n'));
    const result = run(['lint', '--fix', '--no-color', 'web.incident.json'], dir);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.equal(result.stdout, 'web.incident.json: applied 2 fixes.\nNo problems in 1 file.\n');
    assert.equal(fs.readFileSync(path.join(dir, 'web.incident.json'), 'utf8'), pretty(diskRecord()).replace(/\n/g, '\r\n'));
  });

  test('a JSON file with a syntax error is left alone and said so', () => {
    const dir = tempDir();
    const record = diskRecord();
    record.incident.severity = 'hgh';
    const text = pretty(record).replace('"outcome"', '"outcome" "x",');
    fs.writeFileSync(path.join(dir, 'broken.incident.json'), text);
    const result = run(['lint', '--fix', '--format', 'json', 'broken.incident.json'], dir);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^incident-records: broken\.incident\.json: not fixed: the file is not valid JSON; fix its syntax first/);
    assert.equal(fs.readFileSync(path.join(dir, 'broken.incident.json'), 'utf8'), text);
  });

  test('--fix cannot fix standard input: usage error, exit status 2', () => {
    const result = run(['lint', '--fix', '-'], os.tmpdir(), line(airflowRecord()) + '\n');
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^incident-records: --fix rewrites files in place and cannot fix standard input/);
  });
});

suite('fixFileInPlace', () => {
  function file(content: string | Buffer): { dir: string; absolutePath: string } {
    const dir = tempDir();
    const absolutePath = path.join(dir, 'a.incidents.jsonl');
    fs.writeFileSync(absolutePath, content);
    return { dir, absolutePath };
  }

  test('does not write a file that changed on disk since it was read, and reports its current content', () => {
    const record = airflowRecord();
    record.incident.severity = 'hgh';
    const read = line(record) + '\n';
    const { absolutePath } = file(read);
    const edited = line(airflowRecord()) + '\n';
    fs.writeFileSync(absolutePath, edited); // someone saved the file after the linter read it
    const outcome = fixFileInPlace({ displayPath: 'a.incidents.jsonl', absolutePath }, read, 'jsonl', { severityOf: defaultSeverities });
    assert.equal(outcome.event?.kind, 'skipped');
    assert.match((outcome.event as { reason: string }).reason, /changed on disk/);
    assert.equal(outcome.text, edited);
    assert.equal(fs.readFileSync(absolutePath, 'utf8'), edited);
  });

  test('does not rewrite a file that is not valid UTF-8', () => {
    const record = airflowRecord();
    record.incident.severity = 'hgh';
    const bytes = Buffer.concat([Buffer.from(line(record) + '\n'), Buffer.from([0x7b, 0xff, 0x7d, 0x0a])]);
    const { absolutePath } = file(bytes);
    const outcome = fixFileInPlace({ displayPath: 'a.incidents.jsonl', absolutePath }, bytes.toString('utf8'), 'jsonl', { severityOf: defaultSeverities });
    assert.equal(outcome.event?.kind, 'skipped');
    assert.match((outcome.event as { reason: string }).reason, /not valid UTF-8/);
    assert.ok(fs.readFileSync(absolutePath).equals(bytes));
  });

  test('fixes through a symbolic link without replacing the link', () => {
    const record = airflowRecord();
    record.incident.severity = 'hgh';
    const text = line(record) + '\n';
    const { dir, absolutePath } = file(text);
    const link = path.join(dir, 'link.incidents.jsonl');
    fs.symlinkSync(absolutePath, link);
    const outcome = fixFileInPlace({ displayPath: 'link.incidents.jsonl', absolutePath: link }, text, 'jsonl', { severityOf: defaultSeverities });
    assert.deepEqual(outcome.event, { kind: 'fixed', path: 'link.incidents.jsonl', applied: 1 });
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.equal(fs.readFileSync(absolutePath, 'utf8'), text.replace('"hgh"', '"high"'));
  });
});
