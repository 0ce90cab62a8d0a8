/**
 * `--format jsonl` (one object per diagnostic per line, streamed, with the
 * record's identity and content hash) and `--format github` (workflow
 * command annotations), through the built CLI as a process.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, suite, test } from 'node:test';
import { escapeData, escapeProperty } from '../../server/src/cli/streamed';
import { airflowRecord, databaseRecord, diskRecord, JsonRecord, kubernetesRecord, line, pretty } from '../helpers/records';
import { repoRoot } from '../helpers/text';

const CLI = (): string => path.join(repoRoot(), 'dist', 'cli', 'incident-records.js');

const made: string[] = [];
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-formats-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function run(args: string[], cwd: string, input?: string) {
  const result = spawnSync(process.execPath, [CLI(), ...args], { cwd, input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonlFinding {
  path: string;
  line: number;
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  record: number | null;
  pointer: string | null;
  identity: string | null;
  contentHash: string | null;
}

function parseJsonl(stdout: string): JsonlFinding[] {
  assert.ok(stdout === '' || stdout.endsWith('\n'), 'every line ends with a newline');
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as JsonlFinding);
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Four defective records with distinct titles (no IR402 between them). */
function defectiveRecords(): JsonRecord[] {
  const a = airflowRecord();
  delete a.incident.metadata.dag_run_id; // IR101
  const b = databaseRecord();
  b.incident.severity = 'hgh'; // IR004
  const c = kubernetesRecord();
  delete c.incident.metadata.namespace; // IR131
  const d = diskRecord();
  d.actions_taken[0].result = 'failed'; // IR203 (and IR207)
  delete d.actions_taken[0].error;
  return [a, b, c, d];
}

suite('--format jsonl', () => {
  test('one object per diagnostic per line, with path, 1-based line, range, record, pointer, identity and the SHA-256 of the record line', () => {
    const lines = defectiveRecords().map(line);
    const dir = workspace({ 'data.incidents.jsonl': lines.join('\n') + '\n' });
    const result = run(['lint', '--format', 'jsonl', 'data.incidents.jsonl'], dir);
    assert.equal(result.status, 1, result.stderr);
    assert.equal(result.stderr, '');
    const found = parseJsonl(result.stdout);
    for (const code of ['IR004', 'IR101', 'IR131', 'IR203']) {
      assert.ok(found.some((f) => f.code === code), `${code} reported: ${found.map((f) => f.code).join(', ')}`);
    }
    for (const f of found) {
      assert.deepEqual(Object.keys(f), ['path', 'line', 'code', 'severity', 'message', 'range', 'record', 'pointer', 'identity', 'contentHash']);
      assert.equal(f.path, 'data.incidents.jsonl');
      assert.equal(f.line, f.range.start.line + 1);
      assert.equal(f.record, f.range.start.line, 'one record per line');
      assert.equal(f.contentHash, sha256(lines[f.record!]), 'the hash of the record line as it is in the file');
      assert.match(f.identity!, /^t:[0-9a-z]+$/, 'titled records are identified by title and first action (IR402)');
      assert.equal(typeof f.pointer, 'string');
    }
    const ir101 = found.find((f) => f.code === 'IR101')!;
    assert.equal(ir101.pointer, '/incident/metadata');
    assert.equal(ir101.severity, 'error');
  });

  test('a finding keeps its identity, pointer and hash when records are inserted and reordered', () => {
    const lines = defectiveRecords().map(line);
    const inserted = airflowRecord();
    inserted.incident.title = 'A new record at the top';
    inserted.incident.severity = 'hgh';
    const reordered = [line(inserted), lines[3], '', lines[1], lines[0], lines[2]];
    const dir = workspace({ 'a.incidents.jsonl': lines.join('\n') + '\n', 'b.incidents.jsonl': reordered.join('\n') + '\n' });
    const key = (f: JsonlFinding) => `${f.identity} ${f.code} ${f.pointer} ${f.contentHash}`;
    const before = parseJsonl(run(['lint', '--format', 'jsonl', 'a.incidents.jsonl'], dir).stdout);
    const afterEdit = parseJsonl(run(['lint', '--format', 'jsonl', 'b.incidents.jsonl'], dir).stdout);
    assert.ok(before.length >= 4);
    assert.deepEqual(afterEdit.filter((f) => f.record !== 0).map(key).sort(), before.map(key).sort());
    assert.notDeepEqual(
      afterEdit.filter((f) => f.record !== 0).map((f) => f.line).sort(),
      before.map((f) => f.line).sort(),
      'the lines did change',
    );
  });

  test('JSON files too: records of an array have their identity; a problem outside every record has none', () => {
    const records = defectiveRecords();
    const dir = workspace({ 'array.incident.json': pretty(records), 'broken.incident.json': '[' + line(records[0]) + ',' });
    const found = parseJsonl(run(['lint', '--format', 'jsonl', 'array.incident.json', 'broken.incident.json'], dir).stdout);
    const inArray = found.filter((f) => f.path === 'array.incident.json');
    assert.deepEqual([...new Set(inArray.map((f) => f.record))].sort(), [0, 1, 2, 3]);
    for (const f of inArray) {
      assert.equal(f.contentHash, sha256(JSON.stringify(records[f.record!], null, 2).replace(/\n/g, '\n  ')), 'hash of the item as it is in the file');
    }
    const outside = found.filter((f) => f.path === 'broken.incident.json' && f.record === null);
    assert.ok(outside.length > 0, 'the broken array is reported outside its records');
    for (const f of outside) {
      assert.deepEqual([f.identity, f.pointer, f.contentHash], [null, null, null]);
    }
  });

  test('is written as it goes: each record’s findings arrive before the next record is even sent', async () => {
    const records = defectiveRecords();
    const child = spawn(process.execPath, [CLI(), 'lint', '--format', 'jsonl', '-'], { cwd: repoRoot(), stdio: ['pipe', 'pipe', 'pipe'] });
    let buffered = '';
    const waiters: (() => void)[] = [];
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      waiters.splice(0).forEach((wake) => wake());
    });
    const nextLines = async (): Promise<JsonlFinding[]> => {
      while (!buffered.endsWith('\n')) {
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
      const taken = parseJsonl(buffered);
      buffered = '';
      return taken;
    };
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const seen: number[] = [];
    for (const [i, record] of records.entries()) {
      child.stdin.write(line(record) + '\n');
      const findings = await nextLines();
      assert.ok(findings.length > 0);
      assert.deepEqual([...new Set(findings.map((f) => f.record))], [i], `record ${i}'s findings, and only those, before record ${i + 1} is written`);
      seen.push(i);
    }
    child.stdin.end();
    assert.equal(await exited, 1);
    assert.deepEqual(seen, [0, 1, 2, 3]);
  });

  test('a clean dataset prints nothing and exits 0; --format json keeps the SPEC shape exactly', () => {
    const dir = workspace({ 'clean.incidents.jsonl': line(airflowRecord()) + '\n', 'bad.incidents.jsonl': line(defectiveRecords()[0]) + '\n' });
    const clean = run(['lint', '--format', 'jsonl', 'clean.incidents.jsonl'], dir);
    assert.deepEqual([clean.status, clean.stdout, clean.stderr], [0, '', '']);
    const json = JSON.parse(run(['lint', '--format', 'json', 'bad.incidents.jsonl'], dir).stdout);
    assert.deepEqual(Object.keys(json), ['files', 'summary']);
    assert.deepEqual(Object.keys(json.files[0]), ['path', 'diagnostics']);
    assert.deepEqual(Object.keys(json.files[0].diagnostics[0]), ['code', 'severity', 'message', 'range']);
  });
});

suite('--format github', () => {
  test('one workflow command per diagnostic, with file relative to the working folder, 1-based line and column, and the code as title', () => {
    const bad = databaseRecord();
    bad.incident.severity = 'hgh';
    const warned = airflowRecord();
    warned.incident.service = 'airflw'; // IR008, a warning
    const info = airflowRecord();
    delete info.incident.metadata.airflow_instance; // IR104, information
    const text = pretty(bad);
    const dir = workspace({ 'records/bad.incident.json': text, 'records/warned.incident.json': pretty(warned), 'records/info.incident.json': pretty(info) });
    const result = run(['lint', '--format', 'github', './records/bad.incident.json', 'records/warned.incident.json', 'records/info.incident.json'], dir);
    assert.equal(result.status, 1, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    const lineNo = text.split('\n').findIndex((l) => l.includes('"hgh"'));
    const col = text.split('\n')[lineNo].indexOf('"hgh"');
    assert.match(lines[0], new RegExp(`^::error file=records/bad\\.incident\\.json,line=${lineNo + 1},col=${col + 1},endLine=${lineNo + 1},endColumn=${col + 6},title=IR004::\\S`));
    assert.ok(lines.some((l) => l.startsWith('::warning file=records/warned.incident.json,') && l.includes(',title=IR008::')), result.stdout);
    assert.ok(lines.some((l) => l.startsWith('::notice file=records/info.incident.json,') && l.includes(',title=IR104::')), result.stdout);
    assert.equal(lines.at(-1), '3 problems (1 error, 1 warning, 1 information) in 3 files.');
    assert.ok(lines.slice(0, -1).every((l) => /^::(error|warning|notice) file=[^:]+,line=\d+,col=\d+,endLine=\d+(,endColumn=\d+)?,title=IR\d{3}::.+$/.test(l)), result.stdout);
  });

  test('escapes what would end a command: %, CR and LF in messages; also : and , in properties', () => {
    assert.equal(escapeData('100% done\r\nnext'), '100%25 done%0D%0Anext');
    assert.equal(escapeProperty('a,b:c%'), 'a%2Cb%3Ac%25');
    const bad = databaseRecord();
    bad.incident.severity = 'hgh';
    const dir = workspace({ 'odd, name: x.incident.json': pretty(bad) });
    const result = run(['lint', '--format', 'github', '.'], dir);
    assert.match(result.stdout, /^::error file=odd%2C name%3A x\.incident\.json,line=/);
  });

  test('exit status as for every format: 0 clean, 1 errors, 2 usage', () => {
    const dir = workspace({ 'a.incident.json': pretty(airflowRecord()) });
    const clean = run(['lint', '--format', 'github', 'a.incident.json'], dir);
    assert.deepEqual([clean.status, clean.stdout], [0, 'No problems in 1 file.\n']);
    const missing = run(['lint', '--format', 'github', 'missing.incident.json'], dir);
    assert.equal(missing.status, 2);
    assert.equal(missing.stdout, '');
    assert.match(missing.stderr, /^incident-records: cannot read missing\.incident\.json/);
  });
});
