/**
 * `--format sarif` by the official validator (`sarif-multitool validate`,
 * the @microsoft/sarif-multitool devDependency) and by what code scanning
 * needs: rule metadata, relative artifact URIs under a uriBaseId, regions on
 * the exact node, and partial fingerprints that keep a finding's identity
 * when records are inserted or reordered.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, suite, test } from 'node:test';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { RULES, ruleDocUrl } from '../../common/diagnosticCodes';
import { FINGERPRINT } from '../../server/src/cli/sarif';
import { airflowRecord, databaseRecord, kubernetesRecord, line, pretty } from '../helpers/records';
import { repoRoot } from '../helpers/text';

const CLI = (): string => path.join(repoRoot(), 'dist', 'cli', 'incident-records.js');

/** The validator's native binary for this platform, as the package resolves it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MULTITOOL: string = require('@microsoft/sarif-multitool');

/**
 * Validator notes that our SARIF deliberately leaves open, each with its reason:
 * - SARIF2002 (message arguments instead of text): messages are composed by the rules, with the node's values;
 * - SARIF2003 (versionControlProvenance): the CLI does not run git; GitHub's upload adds the commit itself;
 * - SARIF2006 (URIs reachable by HTTP GET): checked online; this machine reaches only the npm registry;
 * - SARIF2010, SARIF2011 (code snippets, context regions): records may hold credentials, and no output repeats them;
 * - SARIF2016 (file URIs relative to a uriBaseId): only for a file outside the working folder (%SRCROOT%), which has no such URI.
 */
const ACCEPTED_NOTES = new Set(['SARIF2002', 'SARIF2003', 'SARIF2006', 'SARIF2010', 'SARIF2011', 'SARIF2016']);

const made: string[] = [];
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ir-sarif-')));
  made.push(dir);
  return dir;
}

function write(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

function sarifOf(args: string[], cwd: string, input?: string): Log {
  const result = spawnSync(process.execPath, [CLI(), 'lint', '--format', 'sarif', ...args], { cwd, input, encoding: 'utf8' });
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  return JSON.parse(result.stdout) as Log;
}

interface Finding {
  readonly ruleId?: string;
  readonly level: string;
  readonly file: string;
  readonly message: string;
}

/** Runs `sarif-multitool validate` on the files (all levels) and returns its findings. */
function validate(files: string[]): Finding[] {
  const out = path.join(tempDir(), 'validation.sarif');
  const result = spawnSync(MULTITOOL, ['validate', ...files, '--output', out, '--log', 'ForceOverwrite', '--level', 'Error;Warning;Note', '--kind', 'Fail'], {
    encoding: 'utf8',
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
  });
  assert.equal(result.error, undefined, `the validator did not start: ${result.error?.message}`);
  assert.equal(result.status, 0, `the validator failed:\n${result.stdout}\n${result.stderr}`);
  const log = JSON.parse(fs.readFileSync(out, 'utf8')) as Log;
  const run = log.runs[0];
  assert.equal(run.invocations?.[0]?.executionSuccessful, true, JSON.stringify(run.invocations));
  return (run.results ?? []).map((r: Result) => ({
    ruleId: r.ruleId,
    // A result without a level is a warning (SARIF 2.1.0 §3.27.10).
    level: r.level ?? 'warning',
    file: r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '',
    message: `${r.ruleId} ${JSON.stringify(r.message.arguments ?? r.message.text)}`,
  }));
}

/** Records with findings of several families, on several lines. */
function dataset(): string[] {
  const a = airflowRecord();
  delete a.incident.metadata.dag_run_id;
  const b = databaseRecord();
  b.incident.severity = 'hgh';
  b.incident.metadata.error_details.connection_string = 'postgres://svc:Vq8kLm2Rt9zW@db-01:5432/orders';
  const c = kubernetesRecord();
  delete c.incident.metadata.namespace;
  return [line(a), line(b), line(c), '{"incident": ', '[1, 2]', line(a)];
}

suite('--format sarif', () => {
  let workspace: string;
  let outside: string;
  let logs: { name: string; log: Log }[];

  before(() => {
    workspace = tempDir();
    outside = tempDir();
    write(workspace, {
      'data/legacy.incidents.jsonl': dataset().join('\n') + '\n',
      'data/with space.incident.json': pretty(Object.assign(airflowRecord(), { success: 'yes' })),
      'data/broken-array.incident.json': '[' + dataset()[0] + ',',
      'data/binary.incident.json': Buffer.from([0x7b, 0x00, 0x01, 0x7d]),
      'odd/.incident-records.json': '{"rules": {"IR999": "error", "IR004": "loud"}}',
      'odd/x.incident.json': pretty(airflowRecord()),
    });
    write(outside, { 'far.incident.json': pretty(Object.assign(kubernetesRecord(), { success: 'maybe' })) });
    logs = [
      { name: 'workspace.sarif', log: sarifOf(['data', 'odd', path.join(outside, 'far.incident.json')], workspace) },
      { name: 'stdin.sarif', log: sarifOf(['-'], workspace, dataset().join('\n')) },
      { name: 'examples.sarif', log: sarifOf(['examples'], repoRoot()) },
    ];
  });

  test('is valid SARIF 2.1.0 by the official validator (sarif-multitool validate), and the validator does catch an invalid log', () => {
    const dir = tempDir();
    const files = logs.map(({ name, log }) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, JSON.stringify(log, null, 2));
      return file;
    });
    // A negative control: the same log with a region no viewer could place.
    const broken = structuredClone(logs[0].log);
    broken.runs[0].results![0].locations![0].physicalLocation!.region!.startLine = 0;
    const brokenFile = path.join(dir, 'broken.sarif');
    fs.writeFileSync(brokenFile, JSON.stringify(broken, null, 2));

    const findings = validate([...files, brokenFile]);
    const of = (file: string) => findings.filter((f) => f.file === pathToFileURL(file).href);
    assert.ok(
      of(brokenFile).some((f) => f.level === 'error'),
      `the validator reports the broken log: ${of(brokenFile).map((f) => f.message).join('; ')}`,
    );
    for (const [i, file] of files.entries()) {
      const own = of(file);
      const results = logs[i].log.runs[0].results ?? [];
      assert.ok(results.length > 3, `${logs[i].name} has results`);
      // Proof the validator read every result: it notes the missing snippet of each one.
      assert.equal(own.filter((f) => f.ruleId === 'SARIF2010').length, results.length, `${logs[i].name}: every result was analysed`);
      assert.deepEqual(
        own.filter((f) => f.level !== 'note'),
        [],
        `${logs[i].name}: no error or warning`,
      );
      assert.deepEqual(
        own.filter((f) => !ACCEPTED_NOTES.has(f.ruleId ?? '')).map((f) => f.message),
        [],
        `${logs[i].name}: only the notes we accept`,
      );
      for (const note of own.filter((f) => f.ruleId === 'SARIF2016')) {
        assert.ok(note.message.includes(pathToFileURL(outside).href), `only the file outside the working folder: ${note.message}`);
      }
    }
  });

  test('every rule with its metadata: Pascal-case name, descriptions, help text and Markdown, help URI, default level', () => {
    const driver = logs[0].log.runs[0].tool.driver;
    assert.equal(driver.name, 'incident-records');
    assert.match(driver.semanticVersion ?? '', /^\d+\.\d+\.\d+/);
    const rules = driver.rules as ReportingDescriptor[];
    assert.deepEqual(rules.map((r) => r.id), RULES.map((r) => r.code));
    const level = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;
    for (const [i, rule] of rules.entries()) {
      const info = RULES[i];
      assert.match(rule.name ?? '', /^[A-Z][A-Za-z0-9]+$/, `${rule.id} name`);
      assert.ok(rule.shortDescription?.text && !rule.shortDescription.text.includes('`'), `${rule.id} short description`);
      assert.match(rule.fullDescription?.text ?? '', /^Checks /, `${rule.id} full description`);
      assert.match(rule.help?.markdown ?? '', /\*\*Default\*\*: /, `${rule.id} help in Markdown, from docs/rules.md`);
      assert.ok(rule.help?.text.includes(`Default: ${info.defaultSeverity}`), `${rule.id} help as plain text`);
      assert.equal(rule.helpUri, ruleDocUrl(rule.id));
      assert.equal(rule.defaultConfiguration?.level, level[info.defaultSeverity]);
    }
    assert.equal(rules.find((r) => r.id === 'IR101')!.name, 'AirflowRunId');
    assert.deepEqual(rules.find((r) => r.id === 'IR301')!.properties?.tags, ['incident-records', 'secret', 'security']);
  });

  test('artifact URIs are relative to %SRCROOT% (the working folder) unless the file is outside it; regions are the exact node, 1-based', () => {
    const run = logs[0].log.runs[0];
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(workspace).href + '/' } });
    assert.equal(run.columnKind, 'utf16CodeUnits');
    const uris = [...new Set(run.results!.map((r) => JSON.stringify(r.locations![0].physicalLocation!.artifactLocation)))].map((s) => JSON.parse(s));
    assert.deepEqual(uris.sort((a, b) => a.uri.localeCompare(b.uri)), [
      { uri: 'data/binary.incident.json', uriBaseId: '%SRCROOT%' },
      { uri: 'data/broken-array.incident.json', uriBaseId: '%SRCROOT%' },
      { uri: 'data/legacy.incidents.jsonl', uriBaseId: '%SRCROOT%' },
      { uri: 'data/with%20space.incident.json', uriBaseId: '%SRCROOT%' },
      { uri: pathToFileURL(path.join(outside, 'far.incident.json')).href },
      { uri: 'odd/.incident-records.json', uriBaseId: '%SRCROOT%' },
    ].sort((a, b) => a.uri.localeCompare(b.uri)));
    // The same regions as --format json's ranges, plus one.
    const json = JSON.parse(spawnSync(process.execPath, [CLI(), 'lint', '--format', 'json', 'data/legacy.incidents.jsonl'], { cwd: workspace, encoding: 'utf8' }).stdout);
    const ranges = json.files[0].diagnostics.map((d: { code: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }) => [
      d.code,
      d.range.start.line + 1,
      d.range.start.character + 1,
      d.range.end.line + 1,
      d.range.end.character + 1,
    ]);
    const regions = run.results!
      .filter((r) => r.locations![0].physicalLocation!.artifactLocation!.uri === 'data/legacy.incidents.jsonl')
      .map((r) => {
        const g = r.locations![0].physicalLocation!.region!;
        return [r.ruleId, g.startLine, g.startColumn, g.endLine, g.endColumn];
      });
    assert.deepEqual(regions, ranges);
    for (const result of run.results!) {
      const g = result.locations![0].physicalLocation!.region!;
      assert.ok(g.startLine! >= 1 && g.startColumn! >= 1 && (g.endLine! > g.startLine! || g.endColumn! >= g.startColumn!), JSON.stringify(g));
      assert.equal(typeof result.ruleIndex, 'number');
      assert.equal((run.tool.driver.rules as ReportingDescriptor[])[result.ruleIndex!].id, result.ruleId);
    }
  });

  test('partial fingerprints are unique, and the same across runs and after records are inserted and reordered', () => {
    const dir = tempDir();
    const lines = dataset();
    write(dir, { 'd.incidents.jsonl': lines.join('\n') + '\n' });
    const fingerprints = (log: Log) => log.runs[0].results!.map((r) => `${r.ruleId} ${r.partialFingerprints![FINGERPRINT]}`);
    const first = fingerprints(sarifOf(['d.incidents.jsonl'], dir));
    assert.equal(new Set(first).size, first.length, 'unique within a run');
    assert.ok(first.every((f) => /^IR\d{3} [0-9a-f]{32}$/.test(f)), first.join('\n'));
    assert.deepEqual(fingerprints(sarifOf(['d.incidents.jsonl'], dir)), first, 'the same on a second run');

    const fresh = airflowRecord();
    fresh.incident.title = 'Inserted later';
    fresh.incident.severity = 'hgh';
    // The broken line and the non-object keep their text (their identity is a hash of it); the rest move.
    fs.writeFileSync(path.join(dir, 'd.incidents.jsonl'), [line(fresh), lines[2], '', lines[1], lines[4], lines[0], lines[3], lines[5]].join('\n') + '\n');
    const after = fingerprints(sarifOf(['d.incidents.jsonl'], dir));
    const kept = after.filter((f) => first.includes(f));
    assert.deepEqual(kept.sort(), [...first].sort(), 'every earlier finding keeps its fingerprint');
    assert.deepEqual(after.filter((f) => !first.includes(f)).map((f) => f.split(' ')[0]), ['IR004'], 'the inserted record adds its own');
  });
});
