import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite, test } from 'node:test';
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { ProjectConfig, parseConfig, severityFor, severityResolver } from '../../server/src/service/config/config';
import { ConfigFileSystem, ConfigLoader } from '../../server/src/service/config/configLoader';
import { getIncidentService } from '../../server/src/service/incidentService';
import { airflowRecord, databaseRecord, pretty } from '../helpers/records';
import { incidentDocument, positionAt, rangeOf, repoRoot } from '../helpers/text';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const service = getIncidentService({ now: () => NOW });
const CONFIG = '/ws/.incident-records.json';

/** An airflow record that reports IR104 (information) only. */
function recordWithoutWorker(): string {
  const record = airflowRecord();
  delete record.incident.metadata.airflow_instance;
  return pretty(record);
}

/** A database record that reports IR113 (warning) only. */
function recordWithoutConnectionString(): string {
  const record = databaseRecord();
  delete record.incident.metadata.error_details.connection_string;
  return pretty(record);
}

function diagnoseWith(config: ProjectConfig | undefined, filePath: string, text: string, onlyLower = false): Diagnostic[] {
  return service.diagnostics(incidentDocument(text, 'json', `file://${filePath}`), severityResolver(config, filePath, { onlyLower }));
}

function memoryFs(files: Record<string, string>): ConfigFileSystem & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile(filePath) {
      reads.push(filePath);
      return files[filePath];
    },
  };
}

suite('configuration (.incident-records.json)', () => {
  test('a rule\'s severity can be raised: IR104 becomes an error', () => {
    const config = parseConfig('{ "rules": { "IR104": "error" } }', CONFIG);
    assert.deepEqual(config.problems, []);
    assert.equal(severityFor(config, '/ws/a.incident.json', 'IR104'), 'error');
    assert.equal(severityFor(config, '/ws/a.incident.json', 'IR102'), 'warning', 'other rules keep their default');
    const [d] = diagnoseWith(config, '/ws/a.incident.json', recordWithoutWorker());
    assert.equal(d.code, 'IR104');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.equal(diagnoseWith(undefined, '/ws/a.incident.json', recordWithoutWorker())[0].severity, DiagnosticSeverity.Information);
  });

  test('"off" drops the diagnostic', () => {
    const config = parseConfig('{ "rules": { "IR104": "off" } }', CONFIG);
    assert.deepEqual(diagnoseWith(config, '/ws/a.incident.json', recordWithoutWorker()), []);
  });

  test('overrides apply in order, only to paths matching their globs relative to the config\'s folder', () => {
    const config = parseConfig(
      JSON.stringify({
        rules: { IR113: 'error' },
        overrides: [
          { files: ['legacy/**'], rules: { IR113: 'off' } },
          { files: ['legacy/keep/**'], rules: { IR113: 'hint' } },
          { files: ['*.incidents.jsonl'], rules: { IR113: 'information' } },
        ],
      }),
      CONFIG,
    );
    assert.deepEqual(config.problems, []);
    assert.equal(severityFor(config, '/ws/new/a.incident.json', 'IR113'), 'error');
    assert.equal(severityFor(config, '/ws/legacy/2023/a.incident.json', 'IR113'), 'off');
    assert.equal(severityFor(config, '/ws/legacy/keep/a.incident.json', 'IR113'), 'hint', 'the later override wins');
    assert.equal(severityFor(config, '/ws/data/q1.incidents.jsonl', 'IR113'), 'information', 'a glob without a slash matches the file name anywhere');
    assert.equal(severityFor(config, '/elsewhere/legacy/a.incident.json', 'IR113'), 'error', 'a path outside the config\'s folder does not match');
    assert.equal(severityFor(config, '/ws/legacy/a.incident.json', 'IR104'), 'information', 'rules an override does not name keep their severity');
    assert.deepEqual(diagnoseWith(config, '/ws/legacy/a.incident.json', recordWithoutConnectionString()), []);
    assert.equal(diagnoseWith(config, '/ws/new/a.incident.json', recordWithoutConnectionString())[0].severity, DiagnosticSeverity.Error);
  });

  test('invalid JSON is reported at its position and the defaults apply', () => {
    const text = '{ "rules": { "IR104": "off" ';
    const config = parseConfig(text, CONFIG);
    assert.equal(config.problems.length, 1);
    assert.match(config.problems[0].message, /^Invalid JSON/);
    assert.equal(config.problems[0].start, text.length);
    assert.equal(severityFor(config, '/ws/a.incident.json', 'IR104'), 'information');
  });

  test('an unknown code, a bad severity and an unknown key are reported where they are; the valid entries still apply', () => {
    const text = JSON.stringify({ rules: { IR999: 'off', IR104: 'fatal', IR102: 'off' }, rule: {} }, null, 2);
    const config = parseConfig(text, CONFIG);
    const at = (p: { start: number; end: number }) => ({ start: positionAt(text, p.start), end: positionAt(text, p.end) });
    assert.deepEqual(
      config.problems.map((p) => [at(p), p.message.split(':')[0]]),
      [
        [rangeOf(text, '"IR999"'), 'Unknown rule code "IR999" in "rules"'],
        [rangeOf(text, '"fatal"'), 'Invalid severity for IR104'],
        [rangeOf(text, '"rule"'), 'Unknown key "rule" in the configuration'],
      ],
    );
    assert.equal(severityFor(config, '/ws/a.incident.json', 'IR104'), 'information', 'the default applies for the bad entry');
    assert.equal(severityFor(config, '/ws/a.incident.json', 'IR102'), 'off');
  });

  test('an untrusted configuration (onlyLower) never raises a severity, but may lower or turn off', () => {
    const config = parseConfig(JSON.stringify({ rules: { IR104: 'error', IR102: 'hint', IR101: 'off' }, overrides: [{ files: ['**'], rules: { IR113: 'error' } }] }), CONFIG);
    const file = '/ws/a.incident.json';
    assert.equal(severityFor(config, file, 'IR104', { onlyLower: true }), 'information');
    assert.equal(severityFor(config, file, 'IR113', { onlyLower: true }), 'warning');
    assert.equal(severityFor(config, file, 'IR102', { onlyLower: true }), 'hint');
    assert.equal(severityFor(config, file, 'IR101', { onlyLower: true }), 'off');
    assert.equal(diagnoseWith(config, file, recordWithoutWorker(), true)[0].severity, DiagnosticSeverity.Information);
  });

  test('a config in a parent folder applies; the nearest config wins, without merging', () => {
    const files = memoryFs({
      '/ws/.incident-records.json': '{ "rules": { "IR104": "off", "IR113": "off" } }',
      '/ws/team/.incident-records.json': '{ "rules": { "IR104": "error" } }',
    });
    const loader = new ConfigLoader(files);
    const parent = loader.configFor('/ws/data/2024/a.incident.json');
    assert.equal(parent?.path, '/ws/.incident-records.json');
    assert.equal(severityFor(parent, '/ws/data/2024/a.incident.json', 'IR104'), 'off');
    const nearest = loader.configFor('/ws/team/records/b.incident.json');
    assert.equal(nearest?.path, '/ws/team/.incident-records.json');
    assert.equal(severityFor(nearest, '/ws/team/records/b.incident.json', 'IR104'), 'error');
    assert.equal(severityFor(nearest, '/ws/team/records/b.incident.json', 'IR113'), 'warning', 'the parent\'s rules do not leak into the nearer config');
    assert.equal(loader.configFor('/elsewhere/c.incident.json'), undefined);
  });

  test('configs are cached per folder until invalidated', () => {
    const store: Record<string, string> = { '/ws/.incident-records.json': '{ "rules": { "IR104": "off" } }' };
    const files = memoryFs(store);
    const loader = new ConfigLoader(files);
    loader.configFor('/ws/a.incident.json');
    const reads = files.reads.length;
    loader.configFor('/ws/b.incident.json');
    assert.equal(files.reads.length, reads, 'a second file in the same folder reads nothing');
    store['/ws/.incident-records.json'] = '{ "rules": { "IR104": "error" } }';
    loader.invalidate();
    assert.equal(severityFor(loader.configFor('/ws/a.incident.json'), '/ws/a.incident.json', 'IR104'), 'error');
  });
});

suite('configuration through the CLI', () => {
  const CLI = path.join(repoRoot(), 'dist', 'cli', 'incident-records.js');

  interface JsonReport {
    files: { path: string; diagnostics: { code: string; severity: string; message: string; range: { start: { line: number; character: number } } }[] }[];
  }

  function workspace(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-config-'));
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
  }

  function lint(cwd: string, ...args: string[]): { status: number | null; report: JsonReport } {
    const result = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', ...args], { cwd, encoding: 'utf8' });
    return { status: result.status, report: JSON.parse(result.stdout) as JsonReport };
  }

  function severities(report: JsonReport): Record<string, string[]> {
    return Object.fromEntries(report.files.map((f) => [f.path, f.diagnostics.map((d) => `${d.code}:${d.severity}`)]));
  }

  test('severities and overrides from a config in a parent folder apply to the files the CLI lints', () => {
    const dir = workspace({
      '.incident-records.json': JSON.stringify({ rules: { IR104: 'error' }, overrides: [{ files: ['legacy/**'], rules: { IR113: 'off', IR104: 'off' } }] }),
      'records/a.incident.json': recordWithoutWorker(),
      'records/b.incident.json': recordWithoutConnectionString(),
      'legacy/a.incident.json': recordWithoutWorker(),
      'legacy/b.incident.json': recordWithoutConnectionString(),
    });
    const { status, report } = lint(path.join(dir, 'records'), '.', '../legacy');
    assert.equal(status, 1);
    assert.deepEqual(severities(report), {
      'a.incident.json': ['IR104:error'],
      'b.incident.json': ['IR113:warning'],
      [path.join('..', 'legacy', 'a.incident.json')]: [],
      [path.join('..', 'legacy', 'b.incident.json')]: [],
    });
  });

  test('a nearer config wins over the parent one', () => {
    const dir = workspace({
      '.incident-records.json': '{ "rules": { "IR104": "error" } }',
      'team/.incident-records.json': '{ "rules": { "IR104": "off" } }',
      'team/a.incident.json': recordWithoutWorker(),
      'b.incident.json': recordWithoutWorker(),
    });
    const { report } = lint(dir, 'team/a.incident.json', 'b.incident.json');
    assert.deepEqual(severities(report), { 'team/a.incident.json': [], 'b.incident.json': ['IR104:error'] });
  });

  test('a broken config is reported with its position, and the defaults apply meanwhile', () => {
    const configText = '{\n  "rules": {\n    "IR104": "error",\n    "IR42": "off"\n  }\n}\n';
    const dir = workspace({ '.incident-records.json': configText, 'a.incident.json': recordWithoutWorker() });
    const { report } = lint(dir, 'a.incident.json');
    const [configFile, recordFile] = report.files;
    assert.equal(configFile.path, '.incident-records.json');
    assert.equal(configFile.diagnostics[0].code, 'IR000');
    assert.match(configFile.diagnostics[0].message, /Unknown rule code "IR42"/);
    assert.deepEqual(configFile.diagnostics[0].range.start, rangeOf(configText, '"IR42"').start);
    assert.deepEqual(severities({ files: [recordFile] }), { 'a.incident.json': ['IR104:error'] }, 'the valid entry applies');

    const invalid = workspace({ '.incident-records.json': '{ "rules": { "IR104": "error" ', 'a.incident.json': recordWithoutWorker() });
    const broken = lint(invalid, 'a.incident.json').report;
    assert.match(broken.files[0].diagnostics[0].message, /Invalid JSON/);
    assert.deepEqual(severities({ files: [broken.files[1]] }), { 'a.incident.json': ['IR104:information'] }, 'defaults apply');
  });
});
