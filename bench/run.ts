/**
 * Benchmark: generates seeded datasets, starts the bundled language server
 * over stdio as a real client would, and prints open → complete diagnostics,
 * edit → updated diagnostics, completion latency, peak memory and the CLI's
 * time, each also as a ratio to JSON.parse of the same file in the same run.
 *
 * Usage: npm run bench [-- --sizes 1000,10000,100000 --edits 20 --skip-server-above 60]
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { generate } from './generate';
import { SERVER_EXEC_ARGV } from '../common/bundles';

interface Options {
  sizes: number[];
  edits: number;
  /** Above this many MB the server is not exercised (the CLI still is). */
  skipServerAboveMB: number;
}

function parseOptions(argv: string[]): Options {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    sizes: (get('--sizes') ?? '1000,10000,100000').split(',').map(Number),
    edits: Number(get('--edits') ?? 20),
    skipServerAboveMB: Number(get('--skip-server-above') ?? 600),
  };
}

const ROOT = path.resolve(__dirname, '..', '..');
const DATA = path.join(ROOT, 'bench', '.data');

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function median(values: number[]): number {
  return quantile(values, 0.5);
}

/** JSON.parse of the file: the whole text for an array, every line for JSON Lines. Median of a few runs. */
function jsonParseTime(text: string, lines: boolean): number {
  const runs: number[] = [];
  const parts = lines ? text.split('\n').filter((l) => l.trim()) : [text];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    for (const part of parts) {
      JSON.parse(part);
    }
    runs.push(performance.now() - start);
  }
  return median(runs);
}

function peakRssMB(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

interface Publish {
  version?: number;
  at: number;
  count: number;
}

class BenchClient {
  readonly connection: MessageConnection;
  readonly publishes: Publish[] = [];
  private listeners: (() => void)[] = [];

  constructor(readonly child: ReturnType<typeof spawn>) {
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: { version?: number; diagnostics: unknown[] }) => this.record(p));
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  record(p: { version?: number; diagnostics: unknown[] }): void {
    this.publishes.push({ version: p.version, at: performance.now(), count: p.diagnostics.length });
    for (const l of this.listeners) {
      l();
    }
  }

  /** Waits for a publish of `version`, then until `quietMs` pass without another; returns the last one. */
  async settle(version: number, quietMs: number): Promise<Publish> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const check = () => {
        const last = [...this.publishes].reverse().find((p) => p.version === version);
        if (!last) {
          return;
        }
        clearTimeout(timer);
        timer = setTimeout(() => {
          this.listeners = this.listeners.filter((l) => l !== check);
          resolve([...this.publishes].reverse().find((p) => p.version === version)!);
        }, quietMs);
      };
      this.listeners.push(check);
      check();
    });
  }
}

interface ServerResult {
  openMs: number;
  editP50: number;
  editP95: number;
  completionP50: number;
  completionP95: number;
  peakMB: number;
  openPeakMB: number;
  diagnostics: number;
}

async function measureServer(file: string, text: string, languageId: string, edits: number): Promise<ServerResult> {
  // Started as the extension starts it (same Node options), over stdio.
  const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, path.join(ROOT, 'dist', 'server', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const client = new BenchClient(child);
  await client.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true }, completion: { completionItem: { snippetSupport: true } } } },
  });
  client.connection.sendNotification('initialized', {});
  const uri = 'file://' + file;
  const openedAt = performance.now();
  void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  const opened = await client.settle(1, 1500);
  const openMs = opened.at - openedAt;
  const openPeakMB = peakRssMB(child.pid!);

  // Edits: insert one character into a title at the start, the middle and the end.
  const lines = text.split('\n');
  const titleLines: number[] = [];
  lines.forEach((l, i) => {
    if (l.includes('"title":')) {
      titleLines.push(i);
    }
  });
  const targets = [0, 1, 2, Math.floor(titleLines.length / 2) - 1, Math.floor(titleLines.length / 2), titleLines.length - 2, titleLines.length - 1]
    .filter((i) => i >= 0 && i < titleLines.length)
    .map((i) => titleLines[i]);
  const editTimes: number[] = [];
  let version = 1;
  for (let e = 0; e < edits; e++) {
    const lineNo = targets[e % targets.length];
    const character = lines[lineNo].indexOf('"title":') + '"title": "'.length + (languageId === 'incident-jsonl' ? -1 : 0);
    version++;
    const sentAt = performance.now();
    void client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: lineNo, character }, end: { line: lineNo, character } }, text: 'x' }],
    });
    const published = await client.settle(version, 300);
    editTimes.push(published.at - sentAt);
  }

  // Completion on a severity value in the middle of the file.
  const severityLine = lines.findIndex((l, i) => i > lines.length / 2 && l.includes('"severity":'));
  const completionTimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const character = lines[severityLine].indexOf('"severity":') + '"severity": "'.length + (languageId === 'incident-jsonl' ? -1 : 0);
    const start = performance.now();
    await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: severityLine, character } });
    completionTimes.push(performance.now() - start);
  }
  const peakMB = peakRssMB(child.pid!);
  await client.connection.sendRequest('shutdown');
  await client.connection.sendNotification('exit');
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill();
      resolve();
    }, 2000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  client.connection.dispose();
  return {
    openMs,
    editP50: median(editTimes),
    editP95: quantile(editTimes, 0.95),
    completionP50: median(completionTimes),
    completionP95: quantile(completionTimes, 0.95),
    peakMB,
    openPeakMB,
    diagnostics: opened.count,
  };
}

function measureCli(file: string, extra: readonly string[] = [], command: 'lint' | 'stats' = 'lint'): { ms: number; peakMB: number; status: number | null } {
  const preload = path.join(ROOT, 'bench', 'report-rss.cjs');
  const rssFile = path.join(DATA, 'cli-rss.txt');
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--require', preload, path.join(ROOT, 'dist', 'cli', 'incident-records.js'), command, '--format', 'json', ...extra, file], {
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
    maxBuffer: 1024 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  const peakMB = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
  return { ms, peakMB, status: result.status };
}

function fmt(ms: number, parse: number): string {
  return `${ms.toFixed(ms < 10 ? 1 : 0)} ms (${(ms / parse).toFixed(2)}×)`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  fs.mkdirSync(DATA, { recursive: true });
  const rows: string[][] = [];
  const cliRows: string[][] = [];
  const limitMB = defaultSizeLimitMB();
  for (const size of options.sizes) {
    const dataset = generate(ROOT, size);
    for (const kind of ['jsonl', 'array'] as const) {
      const text = kind === 'jsonl' ? dataset.jsonl : dataset.array;
      const file = path.join(DATA, kind === 'jsonl' ? `${size}.incidents.jsonl` : `${size}.incident.json`);
      fs.writeFileSync(file, text);
      const sizeMB = Buffer.byteLength(text) / 1024 / 1024;
      const parse = jsonParseTime(text, kind === 'jsonl');
      const cli = measureCli(file);
      const cliOneThread = measureCli(file, ['--jobs', '1']);
      const cliWorkers = measureCli(file, ['--jobs', String(defaultJobs())]);
      const cacheFile = path.join(DATA, `${size}.${kind}.cache`);
      fs.rmSync(cacheFile, { force: true });
      const cold = measureCli(file, ['--cache', '--cache-location', cacheFile]);
      const warm = measureCli(file, ['--cache', '--cache-location', cacheFile]);
      cliRows.push([
        `${size} ${kind === 'jsonl' ? 'JSON Lines' : 'JSON array'}`,
        `${parse.toFixed(0)} ms`,
        fmt(cliOneThread.ms, parse),
        fmt(cliWorkers.ms, parse),
        `${fmt(cli.ms, parse)} (${Buffer.byteLength(text) >= 64 * 1024 * 1024 ? `${defaultJobs()} workers` : 'one thread'})`,
        fmt(cold.ms, parse),
        fmt(warm.ms, parse),
      ]);
      let server: ServerResult | undefined;
      if (sizeMB <= options.skipServerAboveMB) {
        server = await measureServer(file, text, kind === 'jsonl' ? 'incident-jsonl' : 'incident-json', options.edits);
      }
      rows.push([
        `${size} ${kind === 'jsonl' ? 'JSON Lines' : 'JSON array'}`,
        `${sizeMB.toFixed(1)} MB`,
        `${parse.toFixed(0)} ms`,
        server ? fmt(server.openMs, parse) : 'not run',
        server ? `${server.editP50.toFixed(1)} / ${server.editP95.toFixed(1)} ms (${(server.editP50 / parse).toFixed(2)}×)` : '—',
        server ? `${server.completionP50.toFixed(1)} / ${server.completionP95.toFixed(1)} ms` : '—',
        server ? `${server.openPeakMB.toFixed(0)} MB (${(server.openPeakMB / sizeMB).toFixed(1)}×) / ${server.peakMB.toFixed(0)} MB (${(server.peakMB / sizeMB).toFixed(1)}×)` : '—',
        `${fmt(cli.ms, parse)}, ${cli.peakMB.toFixed(0)} MB`,
        server ? `${server.diagnostics}${sizeMB > limitMB ? ' (syntax only)' : ''}` : '—',
      ]);
      console.error(`done: ${rows[rows.length - 1][0]}`);
    }
  }
  const header = ['dataset', 'size', 'JSON.parse', 'open → diagnostics', 'edit p50 / p95', 'completion p50 / p95', 'server peak memory: after open / overall', 'CLI (time, peak memory)', 'diagnostics'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const row of rows) {
    console.log(line(row));
  }
  printTable(['dataset', 'JSON.parse', 'CLI --jobs 1', `CLI --jobs ${defaultJobs()}`, 'CLI (default jobs)', 'CLI --cache, first run', 'CLI --cache, unchanged second run'], cliRows);
  if (options.sizes.includes(10000)) {
    // VS Code's limit (the default), and a client that takes every diagnostic (limit 0).
    const noisyText = generate(ROOT, 10000).jsonl;
    const runs = [
      { label: 'default limit', result: await measureNoisy(noisyText, options.edits) },
      { label: 'no limit (0)', result: await measureNoisy(noisyText, options.edits, 0) },
    ];
    printTable(
      ['noisy dataset (10000 records)', 'maxPublishedDiagnostics', 'diagnostics', 'edit → publish p50 / p95', 'serialize + parse that publish (p50)', 'ratio'],
      runs.map(({ label, result: noisy }) => [
        `${noisy.sizeMB.toFixed(1)} MB`,
        label,
        `${noisy.total} (${noisy.diagnostics} published)`,
        `${noisy.editP50.toFixed(0)} / ${noisy.editP95.toFixed(0)} ms`,
        `${noisy.messageMs.toFixed(0)} ms`,
        `${(noisy.editP50 / noisy.messageMs).toFixed(2)}×`,
      ]),
    );
  }
  if (options.sizes.includes(10000)) {
    const jsonl = generate(ROOT, 10000).jsonl;
    const file = path.join(DATA, 'view-10000.incidents.jsonl');
    fs.writeFileSync(file, jsonl);
    const view = await measureDatasetView(file, jsonl, options.edits);
    printTable(
      ['dataset view (10000 records, JSON Lines)', 'complete diagnostics → first view (summary + page)', 'filter p50 / max', 'sort p50 / max', 'edit → updated view p50 / p95'],
      [
        [
          `${(Buffer.byteLength(jsonl) / 1024 / 1024).toFixed(1)} MB`,
          `${view.firstMs.toFixed(1)} ms`,
          `${view.filterP50.toFixed(1)} / ${view.filterMax.toFixed(1)} ms`,
          `${view.sortP50.toFixed(1)} / ${view.sortMax.toFixed(1)} ms`,
          `${view.editP50.toFixed(1)} / ${view.editP95.toFixed(1)} ms`,
        ],
      ],
    );
  }
  const statsRows: string[][] = [];
  for (const size of [...new Set([...options.sizes.filter((n) => n <= 100000), 10000, 100000])].sort((a, b) => a - b)) {
    const dataset = generate(ROOT, size);
    for (const kind of ['jsonl', 'array'] as const) {
      if (kind === 'array' && size > 10000) {
        continue;
      }
      const text = kind === 'jsonl' ? dataset.jsonl : dataset.array;
      const file = path.join(DATA, kind === 'jsonl' ? `${size}.incidents.jsonl` : `${size}.incident.json`);
      fs.writeFileSync(file, text);
      const parse = jsonParseTime(text, kind === 'jsonl');
      const stats = measureCli(file, [], 'stats');
      statsRows.push([`${size} ${kind === 'jsonl' ? 'JSON Lines' : 'JSON array'}`, `${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MB`, `${parse.toFixed(0)} ms`, fmt(stats.ms, parse), `${stats.peakMB.toFixed(0)} MB`, String(stats.status)]);
    }
  }
  printTable(['incident-records stats --format json', 'size', 'JSON.parse', 'stats (time, × JSON.parse)', 'stats peak memory', 'exit'], statsRows);
  console.log(
    `\nFiles above incidentRecords.limits.maxFileSizeMB (default ${limitMB} MB) get only a syntax check in the editor, as users get it ("syntax only"); the CLI checks every record of any size.`,
  );
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  console.log('');
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const row of rows) {
    console.log(line(row));
  }
}

function defaultJobs(): number {
  return os.availableParallelism?.() ?? os.cpus().length;
}

/**
 * A legacy dataset with a few problems in every record (a misspelt severity
 * and malformed action timestamps: about 37,000 diagnostics in 10,000
 * records), opened by a client with the default settings: each publish
 * carries at most incidentRecords.limits.maxPublishedDiagnostics (1,000) of
 * them, ranked, and the real total comes in incidentRecords/problemTotals.
 * Each edit's time to its publish is set against the cost of serializing and
 * parsing that publish message itself.
 */
async function measureNoisy(
  jsonl: string,
  edits: number,
  maxPublished?: number,
): Promise<{ sizeMB: number; diagnostics: number; total: number; editP50: number; editP95: number; messageMs: number }> {
  const lines = jsonl.split('\n').filter((l) => l.trim());
  const noisy = lines
    .map((l) => {
      const record = JSON.parse(l);
      record.incident.severity = 'hgh';
      for (const action of record.actions_taken ?? []) {
        action.timestamp = 'yesterday';
      }
      return JSON.stringify(record);
    })
    .join('\n') + '\n';
  const file = path.join(DATA, 'noisy-10000.incidents.jsonl');
  fs.writeFileSync(file, noisy);
  const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, path.join(ROOT, 'dist', 'server', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const client = new BenchClient(child);
  let lastParams: unknown;
  client.connection.onNotification('textDocument/publishDiagnostics', (p: { version?: number; diagnostics: unknown[] }) => {
    lastParams = p;
    client.record(p);
  });
  let total = 0;
  client.connection.onNotification('incidentRecords/problemTotals', (t: { problems: number }) => {
    total = t.problems;
  });
  // A client's own limit (incidentRecords.limits.maxPublishedDiagnostics), answered as the editor answers it.
  const configured = maxPublished !== undefined;
  if (configured) {
    client.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({ limits: { maxPublishedDiagnostics: maxPublished } })));
  }
  await client.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } }, ...(configured ? { workspace: { configuration: true } } : {}) },
  });
  client.connection.sendNotification('initialized', {});
  const uri = 'file://' + file;
  void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'incident-jsonl', version: 1, text: noisy } });
  const opened = await client.settle(1, 1500);
  const editTimes: number[] = [];
  const messageTimes: number[] = [];
  const noisyLines = noisy.split('\n');
  for (let e = 0; e < edits; e++) {
    const lineNo = Math.floor(((e + 0.5) / edits) * (noisyLines.length - 2));
    const character = noisyLines[lineNo].indexOf('"title":') + '"title":"'.length;
    const version = e + 2;
    const sentAt = performance.now();
    void client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: lineNo, character }, end: { line: lineNo, character } }, text: 'x' }],
    });
    const published = await client.settle(version, 300);
    editTimes.push(published.at - sentAt);
    const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: lastParams };
    const start = performance.now();
    JSON.parse(JSON.stringify(message));
    messageTimes.push(performance.now() - start);
  }
  await client.connection.sendRequest('shutdown');
  await client.connection.sendNotification('exit');
  child.kill();
  client.connection.dispose();
  return { sizeMB: Buffer.byteLength(noisy) / 1024 / 1024, diagnostics: opened.count, total, editP50: median(editTimes), editP95: quantile(editTimes, 0.95), messageMs: median(messageTimes) };
}

/**
 * The dataset view over LSP on a dataset: the time from complete diagnostics
 * to the first answer (summary, charts, groups and the first page), filters
 * and sorts (rows only, as the view asks while the user types), and an edit
 * until a view of the edited version is answered.
 */
async function measureDatasetView(
  file: string,
  text: string,
  edits: number,
): Promise<{ firstMs: number; filterP50: number; filterMax: number; sortP50: number; sortMax: number; editP50: number; editP95: number }> {
  const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, path.join(ROOT, 'dist', 'server', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const client = new BenchClient(child);
  await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } } });
  client.connection.sendNotification('initialized', {});
  const uri = 'file://' + file;
  void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'incident-jsonl', version: 1, text } });
  await client.settle(1, 1500);
  type View = { version: number; complete: boolean; matching: number };
  const view = (params: Record<string, unknown>) => client.connection.sendRequest('incidentRecords/datasetView', { textDocument: { uri }, limit: 100, ...params }) as Promise<View>;
  const timed = async (params: Record<string, unknown>): Promise<number> => {
    const start = performance.now();
    await view(params);
    return performance.now() - start;
  };
  const firstMs = await timed({});
  const filters = [
    { text: 'pool' },
    { text: 'zzz-no-such-title' },
    { services: ['kubernetes', 'spark'] },
    { worst: 'warning' },
    { success: ['false'] },
    { severities: ['critical'], text: 'a' },
    { codes: ['IR102', 'IR205'] },
  ];
  const filterTimes: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const filter of filters) {
      filterTimes.push(await timed({ filter, rowsOnly: true }));
    }
  }
  const sortTimes: number[] = [];
  for (const key of ['title', 'service', 'severity', 'success', 'resolution', 'actions', 'firstAction', 'problems', 'line']) {
    for (const descending of [false, true]) {
      // A new sort order is computed once, then cached: time the first request of each.
      sortTimes.push(await timed({ sort: { key, descending }, rowsOnly: true, filter: { text: 'e' } }));
    }
  }
  const lines = text.split('\n');
  const editTimes: number[] = [];
  for (let e = 0; e < edits; e++) {
    const lineNo = Math.floor(((e + 0.5) / edits) * (lines.length - 2));
    const character = lines[lineNo].indexOf('"title":') + '"title":"'.length;
    const version = e + 2;
    const sentAt = performance.now();
    void client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line: lineNo, character }, end: { line: lineNo, character } }, text: 'x' }],
    });
    await client.settle(version, 0);
    let answered = await view({});
    while (answered.version !== version || !answered.complete) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      answered = await view({});
    }
    editTimes.push(performance.now() - sentAt);
  }
  await client.connection.sendRequest('shutdown');
  await client.connection.sendNotification('exit');
  child.kill();
  client.connection.dispose();
  return {
    firstMs,
    filterP50: median(filterTimes),
    filterMax: Math.max(...filterTimes),
    sortP50: median(sortTimes),
    sortMax: Math.max(...sortTimes),
    editP50: median(editTimes),
    editP95: quantile(editTimes, 0.95),
  };
}

/** The default of the editor's size limit, from the manifest. */
function defaultSizeLimitMB(): number {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return manifest.contributes.configuration.properties['incidentRecords.limits.maxFileSizeMB'].default;
}

void main();
