/**
 * The CLI (as a process) on large and hostile files: a 200 MB dataset with a
 * bounded heap, a 200 MB single-line record, empty and BOM-only files,
 * binary files, a folder with an incident file's name, a symbolic link loop
 * and an unreadable file. Nothing here measures wall-clock time: memory is
 * bounded by capping the child's heap and comparing its peak RSS at two
 * sizes; linear time by comparing the child's CPU time at two sizes.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, suite, test } from 'node:test';
import { airflowRecord, line } from '../helpers/records';
import { CliRun, DatasetFile, MB, runCli, writeDataset, writeSingleLine } from './bigFiles';

const made: string[] = [];
after(() => {
  for (const dir of made) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-hostile-'));
  fs.chmodSync(dir, 0o755); // readable by the unprivileged user some tests run the CLI as
  made.push(dir);
  return dir;
}

interface JsonReport {
  files: { path: string; diagnostics: { code: string; severity: string; message: string; range: { start: { line: number } } }[] }[];
  summary: { files: number; errors: number; warnings: number; information: number };
}

function report(run: CliRun): JsonReport {
  assert.equal(run.stderr, '', 'nothing on standard error');
  return JSON.parse(run.stdout) as JsonReport;
}

/** Lints a generated dataset and checks that every record was checked: the run's usage, for memory. */
function lintWhole(file: DatasetFile, dir: string, args: string[], nodeFlags: string[] = []): { file: DatasetFile; usage: NonNullable<CliRun['usage']> } {
  const run = runCli(['lint', ...args, '--format', 'json', path.basename(file.path)], dir, { nodeFlags });
  assert.equal(run.signal, null, `${file.path}: killed by ${run.signal}`);
  assert.equal(run.status, 1, run.stderr.slice(0, 2000));
  const result = report(run);
  const found = result.files[0].diagnostics;
  assert.deepEqual(
    { errors: result.summary.errors, warnings: result.summary.warnings, information: result.summary.information, lastLine: Math.max(...found.map((d) => d.range.start.line)) + 1 },
    file.expected,
    'every record was checked',
  );
  assert.ok(run.usage, 'the child reported its usage');
  return { file, usage: run.usage };
}

/** Running as root, permissions do not apply: such tests run the CLI as `nobody` instead. */
const UNPRIVILEGED = typeof process.getuid === 'function' && process.getuid() === 0 ? { uid: 65534, gid: 65534 } : {};

suite('CLI on hostile files', () => {
  test('empty, whitespace-only and BOM-only files hold no records: no problems, exit 0', () => {
    const dir = tempDir();
    const files: Record<string, Buffer> = {
      'empty.incident.json': Buffer.alloc(0),
      'empty.incidents.jsonl': Buffer.alloc(0),
      'blank.incident.json': Buffer.from(' \n\t\r\n  '),
      'blank.incidents.jsonl': Buffer.from('\n\n   \n\r\n'),
      'bom.incident.json': Buffer.from([0xef, 0xbb, 0xbf]),
      'bom.incidents.jsonl': Buffer.from([0xef, 0xbb, 0xbf, 0x0a, 0x20, 0x0a]),
    };
    for (const [name, bytes] of Object.entries(files)) {
      fs.writeFileSync(path.join(dir, name), bytes);
    }
    const run = runCli(['lint', '--format', 'json', ...Object.keys(files)], dir);
    assert.equal(run.status, 0);
    const result = report(run);
    assert.deepEqual(result.files.map((f) => [f.path, f.diagnostics.length]), Object.keys(files).map((name) => [name, 0]));
    assert.deepEqual(result.summary, { files: 6, errors: 0, warnings: 0, information: 0 });
  });

  test('binary files, named as incident files, are reported with one IR000 and not parsed', () => {
    const dir = tempDir();
    let seed = 7;
    const random = Buffer.from(Buffer.alloc(64 * 1024, 0).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff));
    const noNul = Buffer.from(random.map((b) => (b === 0 ? 0xff : b))); // invalid UTF-8 throughout, but no NUL byte
    const files: Record<string, Buffer> = {
      'nul.incidents.jsonl': Buffer.concat([Buffer.from(line(airflowRecord()) + '\n'), Buffer.from('{"a":\u0000}\n'), Buffer.from(line(airflowRecord()))]),
      'random.incidents.jsonl': random,
      'invalid-utf8.incidents.jsonl': noNul,
      'random.incident.json': random,
      'invalid-utf8.incident.json': noNul,
    };
    for (const [name, bytes] of Object.entries(files)) {
      fs.writeFileSync(path.join(dir, name), bytes);
    }
    const run = runCli(['lint', '--format', 'json', ...Object.keys(files)], dir);
    assert.equal(run.status, 0, 'an information note is not a problem');
    for (const file of report(run).files) {
      assert.deepEqual(
        file.diagnostics.map((d) => [d.code, d.severity, d.range.start.line]),
        [['IR000', 'information', 0]],
        file.path,
      );
      assert.match(file.diagnostics[0].message, /looks binary/);
    }
  });

  test('a folder named like an incident file: given, it is searched as a folder; in a folder walk it is skipped', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'x.incident.json'));
    fs.writeFileSync(path.join(dir, 'real.incident.json'), JSON.stringify(airflowRecord()));
    const given = runCli(['lint', 'x.incident.json'], dir);
    assert.equal(given.status, 2);
    assert.equal(given.stdout, '');
    assert.equal(given.stderr, 'incident-records: no incident files (*.incident.json, *.incident.jsonl, *.incidents.jsonl) in x.incident.json\n');
    const walk = runCli(['lint', '--format', 'json', '.'], dir);
    assert.equal(walk.status, 0);
    assert.deepEqual(report(walk).files.map((f) => f.path), ['real.incident.json']);
  });

  test('a symbolic link loop: given, exit 2 with a one-line reason; in a folder walk it is skipped', () => {
    const dir = tempDir();
    fs.symlinkSync('b.incident.json', path.join(dir, 'a.incident.json'));
    fs.symlinkSync('a.incident.json', path.join(dir, 'b.incident.json'));
    fs.writeFileSync(path.join(dir, 'real.incident.json'), JSON.stringify(airflowRecord()));
    const given = runCli(['lint', 'a.incident.json'], dir);
    assert.equal(given.status, 2);
    assert.equal(given.stdout, '');
    assert.equal(given.stderr, 'incident-records: cannot read a.incident.json: too many levels of symbolic links (a link loop?) (ELOOP)\n');
    const walk = runCli(['lint', '--format', 'json', '.'], dir);
    assert.equal(walk.status, 0);
    assert.deepEqual(report(walk).files.map((f) => f.path), ['real.incident.json']);
  });

  test('a file without read permission: exit 2 with a one-line reason, for JSON and for JSON Lines', () => {
    const dir = tempDir();
    for (const name of ['secret.incident.json', 'secret.incidents.jsonl']) {
      fs.writeFileSync(path.join(dir, name), line(airflowRecord()));
      fs.chmodSync(path.join(dir, name), 0o000);
      const run = runCli(['lint', name], dir, { spawn: UNPRIVILEGED });
      assert.equal(run.status, 2, run.stderr);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, `incident-records: cannot read ${name}: permission denied (EACCES)\n`);
    }
  });
});

suite('CLI on large files', () => {
  test('a 200 MB JSON Lines dataset is checked whole with a 64 MB heap, and peak memory does not grow with the file', () => {
    const dir = tempDir();
    const large = writeDataset(path.join(dir, 'large.incidents.jsonl'), 200 * MB);
    const small = writeDataset(path.join(dir, 'small.incidents.jsonl'), 20 * MB);
    // A heap a third of the file's size: reading the file whole could not even hold its text.
    const flags = ['--max-old-space-size=64'];
    const [s, l] = [small, large].map((file) => lintWhole(file, dir, [], flags));
    const growthKB = l.usage.maxRssKB - s.usage.maxRssKB;
    const bytesKB = (l.file.bytes - s.file.bytes) / 1024;
    // Reading the file whole would grow the peak by at least the added bytes; garbage-collection timing
    // (other processes on the machine) moves the peak by tens of MB, so the bound is a fifth of them.
    assert.ok(growthKB < 0.2 * bytesKB, `peak RSS grew by ${growthKB} kB for ${Math.round(bytesKB)} kB more input`);
    assert.ok(l.usage.maxRssKB * 1024 < 0.75 * l.file.bytes, `peak RSS ${l.usage.maxRssKB} kB for a ${l.file.bytes}-byte file`);
    console.log(`# 200 MB dataset: ${l.file.records} records, ${l.file.bytes} bytes, peak RSS ${Math.round(l.usage.maxRssKB / 1024)} MB (20 MB: ${Math.round(s.usage.maxRssKB / 1024)} MB)`);
  });

  test('in worker threads too (--jobs 2), a 200 MB dataset is checked whole and peak memory does not grow with the file', () => {
    const dir = tempDir();
    // Workers reach their steady heap later than one thread does: the smaller run is large enough to get there.
    const mid = writeDataset(path.join(dir, 'mid.incidents.jsonl'), 64 * MB);
    const large = writeDataset(path.join(dir, 'large.incidents.jsonl'), 200 * MB);
    const [m, l] = [mid, large].map((file) => lintWhole(file, dir, ['--jobs', '2']));
    const growthKB = l.usage.maxRssKB - m.usage.maxRssKB;
    const bytesKB = (l.file.bytes - m.file.bytes) / 1024;
    // Holding the file would grow the peak by the added bytes at least; three heaps (this thread's and
    // two workers') each move it by their garbage-collection timing, so the bound is two fifths of them.
    assert.ok(growthKB < 0.4 * bytesKB, `peak RSS grew by ${growthKB} kB for ${Math.round(bytesKB)} kB more input`);
    console.log(`# 200 MB dataset in 2 workers: peak RSS ${Math.round(l.usage.maxRssKB / 1024)} MB (64 MB: ${Math.round(m.usage.maxRssKB / 1024)} MB)`);
  });

  test('a 200 MB record on a single line is checked, in time linear in its size', () => {
    const dir = tempDir();
    const sizes = [20 * MB, 200 * MB].map((bytes, i) => writeSingleLine(path.join(dir, `line${i}.incidents.jsonl`), bytes));
    const runs = sizes.map((bytes, i) => {
      const run = runCli(['lint', '--format', 'json', `line${i}.incidents.jsonl`], dir);
      assert.equal(run.signal, null);
      assert.equal(run.status, 0, run.stderr.slice(0, 2000));
      assert.deepEqual(report(run).summary, { files: 1, errors: 0, warnings: 0, information: 0 });
      assert.ok(run.usage);
      return { bytes, usage: run.usage };
    });
    // Ten times the text: about ten times the CPU (less, with start-up); a line scanned again per chunk was quadratic (~100×).
    const ratio = runs[1].usage.cpuMicros / runs[0].usage.cpuMicros;
    assert.ok(ratio < 20, `10× the text took ${ratio.toFixed(1)}× the CPU time`);
    console.log(`# 200 MB single line: ${runs[1].bytes} bytes, peak RSS ${Math.round(runs[1].usage.maxRssKB / 1024)} MB, CPU ${ratio.toFixed(1)}× that of 20 MB`);
  });
});
