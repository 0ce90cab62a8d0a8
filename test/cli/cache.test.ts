/**
 * `lint --cache`: a second run over an unchanged dataset answers from the
 * cache and reports exactly what a fresh run reports; a changed record, a
 * changed catalogue (the configuration's own action types) or another
 * product version is checked again; a corrupt or foreign cache file is
 * ignored and written anew, never trusted. Runs the built CLI (run
 * `npm run build` first), as users do.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, suite, test } from 'node:test';
import { ResultCache, cacheFilePath, DEFAULT_CACHE_FILE } from '../../server/src/cli/cache';
import { checkRecord } from '../../server/src/service/recordChecker';
import { outsideDir } from '../helpers/outside';
import { TEAM_CONFIG } from '../helpers/teamConfig';
import { repoRoot } from '../helpers/text';

const CLI = () => path.join(repoRoot(), 'dist', 'cli', 'incident-records.js');

suite('lint --cache', () => {
  let dir: string;
  let dataset: string;
  let lines: string[];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-cache-'));
    lines = fs.readFileSync(outsideDir('generated', 'small.incidents.jsonl'), 'utf8').split('\n').filter(Boolean);
    dataset = path.join(dir, 'data.incidents.jsonl');
    fs.writeFileSync(dataset, [...lines, lines[3]].join('\n') + '\n'); // a duplicate too (IR402 from cached identity keys)
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const lint = (...args: string[]) => spawnSync(process.execPath, [CLI(), 'lint', '--format', 'json', ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
  const cacheFile = () => path.join(dir, DEFAULT_CACHE_FILE);
  /** The cache file's three lines: header, whole files, records. */
  const readCache = () => {
    const [header, files, records] = fs.readFileSync(cacheFile(), 'utf8').split('\n').map((line) => JSON.parse(line || 'null') as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
    return { header, files, records };
  };
  const writeCache = (c: ReturnType<typeof readCache>) => fs.writeFileSync(cacheFile(), `${JSON.stringify(c.header)}\n${JSON.stringify(c.files)}\n${JSON.stringify(c.records)}\n`);
  const entries = () => Object.keys(readCache().records.entries);

  test('a second run reports exactly what a run without the cache reports, answered from the cache', () => {
    const fresh = lint(dataset);
    const first = lint('--cache', dataset);
    assert.ok(fs.existsSync(cacheFile()), 'the first run writes the cache');
    const second = lint('--cache', dataset);
    assert.equal(first.stdout, fresh.stdout);
    assert.equal(second.stdout, fresh.stdout);
    assert.equal(second.status, fresh.status);
    const report = JSON.parse(second.stdout) as { summary: { errors: number }; files: { diagnostics: { code: string }[] }[] };
    assert.ok(report.summary.errors > 0, 'the dataset has defects to report');
    assert.ok(report.files[0].diagnostics.some((d) => d.code === 'IR402'), 'the duplicate is found from the cached identity keys');
    assert.equal(second.stderr, '');
    // Only distinct record contents are kept (the duplicate shares its entry).
    assert.equal(entries().length, new Set(lines).size);
  });

  test('the cached results are the ones a check gives: a cached record is not checked again, a changed one is', () => {
    lint('--cache', dataset);
    // Plant a result for the first record's key that a check would never give: the run must report it (a cache hit)…
    const key = new ResultCache(cacheFile(), 'x').key(lines[0], true, undefined);
    const data = readCache();
    assert.ok(data.records.entries[key], 'the first record has an entry');
    data.records.entries[key].p = [{ code: 'IR004', message: 'planted by the test', start: 1, end: 2, data: { pointer: '/severity', record: 0 } }];
    data.files = {}; // the file is not answered whole: its records are looked up one by one
    writeCache(data);
    const hit = JSON.parse(lint('--cache', dataset).stdout) as { files: { diagnostics: { message: string; range: { start: { line: number } } }[] }[] };
    assert.ok(hit.files[0].diagnostics.some((d) => d.message === 'planted by the test' && d.range.start.line === 0));
    assert.ok(!checkRecord(lines[0], 0, { inDataset: true, now: Date.now() }).problems.some((p) => p.message === 'planted by the test'));

    // …and once the record changes, its new content is checked, and the planted result is gone.
    const changed = lines[0].replace('"severity":', '"severity": ');
    fs.writeFileSync(dataset, [changed, ...lines.slice(1)].join('\n') + '\n');
    const after = JSON.parse(lint('--cache', dataset).stdout) as { files: { diagnostics: { message: string }[] }[] };
    assert.ok(!after.files[0].diagnostics.some((d) => d.message === 'planted by the test'));
    assert.ok(!entries().includes(key), 'records that are gone leave the cache');
  });

  test('a changed catalogue checks again: a team action declared in the configuration', () => {
    const record = JSON.parse(lines.find((l) => l.includes('"service":"database"'))!) as { actions_taken: { action: string; parameters: object }[] };
    record.actions_taken[0].action = 'failover_database';
    record.actions_taken[0].parameters = { primary_host: 'pg-01' };
    fs.writeFileSync(dataset, JSON.stringify(record) + '\n');
    const codes = () => (JSON.parse(lint('--cache', dataset).stdout) as { files: { diagnostics: { code: string }[] }[] }).files[0].diagnostics.map((d) => d.code);
    assert.ok(codes().includes('IR009'), 'unknown action type without the declaration');
    fs.writeFileSync(path.join(dir, '.incident-records.json'), JSON.stringify(TEAM_CONFIG));
    assert.ok(!codes().includes('IR009'), 'the declared type is known: the cached result was not used');
    fs.rmSync(path.join(dir, '.incident-records.json'));
    assert.ok(codes().includes('IR009'));
  });

  test('severities from the configuration apply to cached results without a new check', () => {
    lint('--cache', dataset);
    const before = JSON.parse(lint('--cache', dataset).stdout) as { files: { diagnostics: { code: string }[] }[] };
    const code = before.files[0].diagnostics[0].code;
    fs.writeFileSync(path.join(dir, '.incident-records.json'), JSON.stringify({ rules: { [code]: 'off' } }));
    const off = JSON.parse(lint('--cache', dataset).stdout) as { files: { diagnostics: { code: string }[] }[] };
    assert.ok(!off.files[0].diagnostics.some((d) => d.code === code));
    assert.equal(off.files[0].diagnostics.length, before.files[0].diagnostics.filter((d) => d.code !== code).length);
  });

  for (const [name, content] of [
    ['cut short', '{"format":"incident-records-cache/1","version":'],
    ['of binary bytes', '\u0000\u0001\u0002\uFFFD'],
    ['of another tool', JSON.stringify({ format: 'eslint', entries: {} })],
    ['of an older format', JSON.stringify({ format: 'incident-records-cache/1', version: readVersion(), entries: {} })],
    ['of another product version', `${JSON.stringify({ format: 'incident-records-cache/2', version: '0.0.1', complete: true })}\n{}\n{"entries":{},"fileRecords":{}}\n`],
    ['without its records', `${JSON.stringify({ format: 'incident-records-cache/2', version: readVersion(), complete: true })}\n{}`],
    ['with records cut short', `${JSON.stringify({ format: 'incident-records-cache/2', version: readVersion(), complete: true })}\n{}\n{"entries":{"x":`],
    [
      'of wrong shapes',
      `${JSON.stringify({ format: 'incident-records-cache/2', version: readVersion(), complete: false })}\n{"__proto__":{"d":1},"f":{"d":[{"code":"IR004","severity":"fatal"}]}}\n{"entries":{"__proto__":{"k":1},"x":{"k":["a"],"p":[{"code":1}]}},"fileRecords":{"f":[1]}}\n`,
    ],
  ] as const) {
    test(`a cache file ${name} is ignored and written anew`, () => {
      const fresh = lint(dataset);
      fs.writeFileSync(cacheFile(), content);
      const run = lint('--cache', dataset);
      assert.equal(run.stdout, fresh.stdout);
      assert.equal(run.status, fresh.status);
      const written = readCache().header as { format: string; version: string };
      assert.equal(written.format, 'incident-records-cache/2');
      assert.equal(written.version, readVersion());
      // Entries of wrong shapes are dropped one by one, quietly; a whole file that is not a cache is named.
      if (name !== 'of wrong shapes') {
        assert.match(run.stderr, /was .*: ignored, and written anew/);
      }
      assert.equal(lint('--cache', dataset).stderr, '', 'the rewritten cache is used quietly');
    });
  }

  test('--cache-location names a file or a folder; --jobs and the cache work together; a cache that cannot be written is a note, not a failure', () => {
    const fresh = lint(dataset);
    const inFolder = path.join(dir, 'ci-cache') + path.sep;
    assert.equal(lint('--cache', '--cache-location', inFolder, '--jobs', '2', dataset).stdout, fresh.stdout);
    assert.ok(fs.existsSync(path.join(inFolder, DEFAULT_CACHE_FILE)));
    assert.equal(lint('--cache', '--cache-location', inFolder, '--jobs', '2', dataset).stdout, fresh.stdout);
    assert.equal(lint('--cache', '--cache-location', 'results.cache', dataset).stdout, fresh.stdout);
    assert.ok(fs.existsSync(path.join(dir, 'results.cache')));
    assert.equal(cacheFilePath(dir, undefined), cacheFile());

    fs.writeFileSync(path.join(dir, 'file'), '');
    const unwritable = lint('--cache', '--cache-location', path.join(dir, 'file', 'cache'), dataset);
    assert.equal(unwritable.stdout, fresh.stdout);
    assert.equal(unwritable.status, fresh.status);
    assert.match(unwritable.stderr, /could not write the cache/);

    assert.equal(lint('--cache-location', 'x', dataset).status, 2, '--cache-location without --cache is a usage error');
  });

  test('an unchanged file is answered whole: the same report, its records not read, the cache not rewritten', () => {
    const fresh = lint(dataset);
    lint('--cache', dataset);
    const written = fs.readFileSync(cacheFile(), 'utf8');
    const { files, records } = readCache();
    assert.equal(Object.keys(files).length, 1, 'one whole file');
    // Records that are not valid JSON on line 3 would be "corrupt" if they were read: an unchanged run never reads them.
    fs.writeFileSync(cacheFile(), written.split('\n').slice(0, 2).join('\n') + '\n{"entries":\n');
    const second = lint('--cache', dataset);
    assert.equal(second.stdout, fresh.stdout);
    assert.equal(second.stderr, '');
    assert.equal(fs.readFileSync(cacheFile(), 'utf8'), written.split('\n').slice(0, 2).join('\n') + '\n{"entries":\n', 'an unchanged run does not write the cache');
    fs.writeFileSync(cacheFile(), written);

    // A planted whole-file finding is reported: it is the cache that answered…
    const key = Object.keys(files)[0];
    files[key].d = [{ code: 'IR004', severity: 'error', message: 'planted whole by the test', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, finding: { record: 0, identity: 'x', at: '/' } }];
    writeCache({ header: readCache().header, files, records });
    const planted = JSON.parse(lint('--cache', dataset).stdout) as { files: { diagnostics: { message: string }[] }[] };
    assert.deepEqual(planted.files[0].diagnostics.map((d) => d.message), ['planted whole by the test']);

    // …and one byte more in the file checks it again, record by record, with the records' entries kept all along.
    fs.appendFileSync(dataset, '\n');
    const changed = lint('--cache', dataset);
    assert.equal(changed.stdout, fresh.stdout, 'a blank line changes no finding');
    assert.equal(entries().length, new Set(lines).size, 'every record entry survived the whole-file answers');
  });

  test('whole files are keyed by their settings too: another severity or another format of the same bytes is checked again', () => {
    lint('--cache', dataset);
    fs.writeFileSync(path.join(dir, '.incident-records.json'), JSON.stringify({ rules: { IR402: 'off' } }));
    const off = JSON.parse(lint('--cache', dataset).stdout) as { files: { diagnostics: { code: string }[] }[] };
    assert.ok(!off.files[0].diagnostics.some((d) => d.code === 'IR402'));
    assert.equal(Object.keys(readCache().files).length, 1, 'only the whole files of this run are kept');
    const jsonl = (...args: string[]) => spawnSync(process.execPath, [CLI(), 'lint', '--format', 'jsonl', ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    const asJsonl = jsonl('--cache', dataset);
    const plain = jsonl(dataset);
    assert.equal(plain.error, undefined);
    assert.match(plain.stdout, /"contentHash":"[0-9a-f]{64}"/);
    assert.equal(asJsonl.stdout, plain.stdout, '--format jsonl (with the records\' hashes) is not answered from a --format json run');
  });

  test('a file with a timestamp in the future is not kept whole: its report depends on the clock', () => {
    const record = JSON.parse(lines[0]) as { actions_taken: { timestamp: string }[] };
    record.actions_taken[record.actions_taken.length - 1].timestamp = '2999-01-01T00:00:00Z';
    fs.writeFileSync(dataset, [JSON.stringify(record), ...lines.slice(1)].join('\n') + '\n');
    const first = lint('--cache', dataset);
    assert.ok((JSON.parse(first.stdout) as { files: { diagnostics: { code: string }[] }[] }).files[0].diagnostics.some((d) => d.code === 'IR209'));
    assert.deepEqual(readCache().files, {});
    assert.equal(lint('--cache', dataset).stdout, first.stdout);
  });

  test('the cache keeps no secret and no record text', () => {
    const secret = 'postgres://etl:Tr0ub4dor-and-3@pg-01:5432/warehouse';
    const record = JSON.parse(lines.find((l) => l.includes('"service":"database"'))!) as { incident: { title: string; metadata: { error_details: Record<string, unknown> } } };
    record.incident.metadata.error_details.connection_string = secret;
    fs.writeFileSync(dataset, JSON.stringify(record) + '\n');
    const run = lint('--cache', dataset);
    assert.ok((JSON.parse(run.stdout) as { files: { diagnostics: { code: string }[] }[] }).files[0].diagnostics.some((d) => d.code === 'IR112'));
    const cached = fs.readFileSync(cacheFile(), 'utf8');
    assert.ok(!cached.includes('Tr0ub4dor'));
    assert.ok(!cached.includes(record.incident.title));
  });
});

function readVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
