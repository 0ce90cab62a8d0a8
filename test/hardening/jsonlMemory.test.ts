/**
 * `--format jsonl` keeps nothing per diagnostic: a dataset with 280,000
 * findings (about 120 MB of output, more than three times the heap) is reported whole with a 32 MB heap,
 * while `--format json`, which must hold every finding until it prints its
 * one object, does not fit in that heap (the control: the findings really
 * are too many to keep).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, suite, test } from 'node:test';
import { CLI } from './bigFiles';

const RECORDS = 20_000;
const HEAP_MB = 32;

/** Runs the CLI with a heap cap, counting its output lines and bytes as they come (nothing is kept). */
function runCounting(args: string[], cwd: string): Promise<{ status: number | null; signal: NodeJS.Signals | null; lines: number; bytes: number; lastLine: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, CLI(), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let bytes = 0;
    let tail = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) {
        lines++;
      }
      tail = (tail + chunk.toString('utf8')).slice(-4096);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4096);
    });
    child.on('close', (status, signal) => {
      const complete = tail.split('\n').filter(Boolean);
      resolve({ status, signal, lines, bytes, lastLine: complete.at(-1) ?? '', stderr });
    });
  });
}

suite('--format jsonl at scale', () => {
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-jsonl-memory-'));
    // Small records with many findings each: missing required fields, a misspelt severity, an unknown action without error…
    const lines: string[] = [];
    for (let i = 0; i < RECORDS; i++) {
      lines.push(
        JSON.stringify({
          incident: { title: `Record ${i}`, service: 'airflow', severity: 'hgh', metadata: { dag_id: `dag_${i}` } },
          actions_taken: [{ action: 'restart', result: 'failed', timestamp: '2024-01-01T00:00:00Z' }],
        }),
      );
    }
    fs.writeFileSync(path.join(dir, 'many.incidents.jsonl'), lines.join('\n') + '\n');
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test(`${RECORDS} records with 14 findings each are streamed whole with a ${HEAP_MB} MB heap; --format json cannot hold them in it`, async () => {
    const streamed = await runCounting(['lint', '--format', 'jsonl', 'many.incidents.jsonl'], dir);
    assert.equal(streamed.signal, null, `killed: ${streamed.stderr}`);
    assert.equal(streamed.status, 1, streamed.stderr);
    assert.equal(streamed.lines, RECORDS * 14, 'every finding of every record');
    assert.ok(streamed.bytes > 3 * HEAP_MB * 1024 * 1024, `${streamed.bytes} bytes of output, several times the heap`);
    assert.equal(JSON.parse(streamed.lastLine).record, RECORDS - 1, 'the last record was reached');

    const held = await runCounting(['lint', '--format', 'json', 'many.incidents.jsonl'], dir);
    assert.ok(held.signal !== null || (held.status !== 0 && held.status !== 1), `--format json fitted in ${HEAP_MB} MB (status ${held.status}): the control does not control`);
    assert.equal(held.bytes, 0, 'it printed nothing before running out of memory');
  });
});
