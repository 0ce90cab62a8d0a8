/**
 * Large and hostile files for the CLI tests, written to a temporary folder
 * in chunks (never held whole in the test's memory), and a way to run the
 * CLI as a child that reports its own peak memory and CPU time.
 */
import { spawnSync, SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleInfo } from '../../common/diagnosticCodes';
import { generate } from '../../bench/generate';
import { checkRecord } from '../../server/src/service/recordChecker';
import { repoRoot } from '../helpers/text';

export const MB = 1024 * 1024;

export interface DatasetFile {
  readonly path: string;
  readonly bytes: number;
  readonly records: number;
  /** Diagnostics the CLI must report, by severity, and the last line (1-based) with one. */
  readonly expected: { readonly errors: number; readonly warnings: number; readonly information: number; readonly lastLine: number };
}

/**
 * A JSON Lines dataset of about `bytes`: 500 generated records (~2% with a
 * defect) repeated with unique titles, so no two records are duplicates.
 */
export function writeDataset(file: string, bytes: number): DatasetFile {
  const base = generate(repoRoot(), 500, 3).jsonl.split('\n').filter(Boolean);
  const counts = base.map((text) => {
    const found = { error: 0, warning: 0, information: 0 };
    for (const problem of checkRecord(text, 0, { inDataset: true, now: Date.now() }).problems) {
      const severity = problemSeverity(problem.code);
      found[severity]++;
    }
    return found;
  });
  const expected = { errors: 0, warnings: 0, information: 0, lastLine: 0 };
  const fd = fs.openSync(file, 'w');
  let written = 0;
  let records = 0;
  let chunk: string[] = [];
  try {
    while (written < bytes) {
      const b = records % base.length;
      const text = base[b].replace(`(#${b})`, `(#${records})`) + '\n';
      chunk.push(text);
      written += Buffer.byteLength(text);
      const c = counts[b];
      expected.errors += c.error;
      expected.warnings += c.warning;
      expected.information += c.information;
      if (c.error + c.warning + c.information > 0) {
        expected.lastLine = records + 1;
      }
      records++;
      if (chunk.length === 1000) {
        fs.writeSync(fd, chunk.join(''));
        chunk = [];
      }
    }
    fs.writeSync(fd, chunk.join(''));
  } finally {
    fs.closeSync(fd);
  }
  return { path: file, bytes: written, records, expected };
}

function problemSeverity(code: string): 'error' | 'warning' | 'information' {
  const severity = ruleInfo(code)?.defaultSeverity ?? 'error';
  if (severity !== 'error' && severity !== 'warning' && severity !== 'information') {
    throw new Error(`generated defect ${code} has severity ${severity}`);
  }
  return severity;
}

/**
 * One record on one line of about `bytes`: a clean airflow record whose
 * worker log excerpt is a long run of log text.
 */
export function writeSingleLine(file: string, bytes: number): number {
  const record = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'examples', 'airflow.incident.json'), 'utf8'));
  record.incident.metadata.error_details.worker_log_excerpt = '\u0000';
  const [head, tail] = JSON.stringify(record).split('\\u0000');
  const filler = 'WARNING - worker heartbeat lost; task will be retried in 30s. '.repeat(16 * 1024);
  const fd = fs.openSync(file, 'w');
  let written = head.length;
  try {
    fs.writeSync(fd, head);
    while (written + tail.length < bytes) {
      fs.writeSync(fd, filler);
      written += filler.length;
    }
    fs.writeSync(fd, tail);
  } finally {
    fs.closeSync(fd);
  }
  return written + tail.length;
}

export const CLI = (): string => path.join(repoRoot(), 'dist', 'cli', 'incident-records.js');

export interface CliRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The child's own peak RSS and CPU time (from its exit handler), when it exited normally. */
  readonly usage?: { readonly maxRssKB: number; readonly cpuMicros: number };
}

/** Runs the CLI with `nodeFlags` (e.g. a heap cap) and reports the child's peak memory and CPU time. */
export function runCli(args: string[], cwd: string, options: { nodeFlags?: string[]; input?: string; spawn?: SpawnSyncOptions } = {}): CliRun {
  const usageFile = path.join(cwd, `.usage-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  const preload = path.join(repoRoot(), 'test', 'hardening', 'reportUsage.cjs');
  const result = spawnSync(process.execPath, [...(options.nodeFlags ?? []), '--require', preload, CLI(), ...args], {
    cwd,
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 64 * MB,
    env: { ...process.env, HARDENING_USAGE_FILE: usageFile, NO_COLOR: '1' },
    ...options.spawn,
  });
  let usage: CliRun['usage'];
  try {
    usage = JSON.parse(fs.readFileSync(usageFile, 'utf8'));
    fs.rmSync(usageFile, { force: true });
  } catch {
    usage = undefined;
  }
  return { status: result.status, signal: result.signal, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? ''), usage };
}
