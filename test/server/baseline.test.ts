/**
 * `incidentRecords.baseline` through the bundled server over stdio: the
 * findings a baseline (written by the CLI) lists are published at hint
 * level, marked "(baselined)", new ones at their own severity; the server
 * watches the baseline file and follows its changes; an unusable baseline is
 * said once per document and changes nothing else.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, suite, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Diagnostic } from 'vscode-languageserver-types';
import { airflowRecord, databaseRecord, JsonRecord, kubernetesRecord, line, pretty } from '../helpers/records';
import { startTestClient, TestClient } from '../helpers/lspClient';
import { repoRoot } from '../helpers/text';

const CLI = (): string => path.join(repoRoot(), 'dist', 'cli', 'incident-records.js');

function legacy(): JsonRecord[] {
  const a = airflowRecord();
  delete a.incident.metadata.dag_run_id; // IR101
  const b = databaseRecord();
  b.incident.severity = 'hgh'; // IR004
  const c = kubernetesRecord();
  delete c.incident.metadata.namespace; // IR131
  return [a, b, c, a]; // and a duplicate (IR402)
}

function lint(args: string[], cwd: string): void {
  const result = spawnSync(process.execPath, [CLI(), 'lint', ...args], { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stdout + result.stderr);
}

const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
const summary = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.severity}${messageOf(d).endsWith(' (baselined)') ? ' baselined' : ''}`);

suite('incidentRecords.baseline over stdio', () => {
  let client: TestClient;
  let folder: string;
  let settings: Record<string, unknown>;
  const registrations: { method: string; registerOptions?: { watchers?: { globPattern: unknown }[] } }[] = [];

  before(async () => {
    folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ir-server-baseline-')));
    fs.mkdirSync(path.join(folder, 'data'));
    settings = { baseline: 'ci/incident-records-baseline.json' };
    client = await startTestClient({
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
      workspaceFolders: [pathToFileURL(folder).href],
    });
    client.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === 'incidentRecords' ? settings : null)),
    );
    client.connection.onRequest('client/registerCapability', (params: { registrations: typeof registrations }) => {
      registrations.push(...params.registrations);
      return null;
    });
  });

  after(async () => {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test('baselined findings are hints, new ones keep their severity; the CLI and the editor agree on every key', async () => {
    const file = path.join(folder, 'data', 'legacy.incidents.jsonl');
    const text = legacy().map(line).join('\n') + '\n';
    fs.writeFileSync(file, text);
    lint(['--write-baseline', 'ci/incident-records-baseline.json', 'data'], folder);

    const uri = pathToFileURL(file).href;
    const opened = client.diagnostics(uri);
    client.open(uri, 'incident-jsonl', text);
    const first = (await opened).diagnostics;
    assert.deepEqual(summary(first).sort(), ['IR004@1:4 baselined', 'IR101@0:4 baselined', 'IR101@3:4 baselined', 'IR131@2:4 baselined', 'IR402@3:4 baselined']);
    assert.ok(first.every((d) => (d.data as { baselined?: boolean }).baselined === true));

    const watched = registrations.flatMap((r) => r.registerOptions?.watchers ?? []).map((w) => w.globPattern);
    assert.deepEqual(
      watched.filter((g) => typeof g === 'object'),
      [{ baseUri: pathToFileURL(path.join(folder, 'ci')).href, pattern: 'incident-records-baseline.json' }],
      'the server watches the baseline file',
    );

    // A new record at the top and the others reordered: only the new one's finding is new.
    const fresh = airflowRecord();
    fresh.incident.title = 'Added after the baseline';
    fresh.incident.severity = 'hgh';
    const [a, b, c, d] = legacy().map(line);
    const edited = [line(fresh), c, b, a, d].join('\n') + '\n';
    const changed = client.diagnostics(uri, (p) => p.version === 2);
    client.change(uri, 2, [{ text: edited }]);
    const second = (await changed).diagnostics;
    assert.deepEqual(summary(second).sort(), ['IR004@0:1', 'IR004@2:4 baselined', 'IR101@3:4 baselined', 'IR101@4:4 baselined', 'IR131@1:4 baselined', 'IR402@4:4 baselined']);
    assert.equal(second.find((d) => d.range.start.line === 0)!.severity, DiagnosticSeverity.Error);
  });

  test('follows the baseline file: written again, it is read again when the client reports the change', async () => {
    const file = path.join(folder, 'data', 'follow.incidents.jsonl');
    const record = airflowRecord();
    record.incident.title = 'Followed';
    record.incident.severity = 'hgh';
    fs.writeFileSync(file, line(record) + '\n');
    const uri = pathToFileURL(file).href;
    const opened = client.diagnostics(uri);
    client.open(uri, 'incident-jsonl', line(record) + '\n');
    assert.deepEqual(summary((await opened).diagnostics), ['IR004@0:1'], 'not in the baseline yet');

    lint(['--write-baseline', 'ci/incident-records-baseline.json', 'data'], folder);
    const republished = client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.severity === DiagnosticSeverity.Hint));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(folder, 'ci', 'incident-records-baseline.json')).href, type: 2 }] });
    assert.deepEqual(summary((await republished).diagnostics), ['IR004@0:4 baselined']);
  });

  test('an unusable baseline is one information diagnostic; findings keep their severity', async () => {
    fs.writeFileSync(path.join(folder, 'broken-baseline.json'), '{"incident-records-baseline": 1, "findings": [');
    settings = { baseline: path.join(folder, 'broken-baseline.json') };
    const file = path.join(folder, 'data', 'other.incident.json');
    const record = databaseRecord();
    record.incident.severity = 'hgh';
    const uri = pathToFileURL(file).href;
    const opened = client.diagnostics(uri);
    client.open(uri, 'incident-json', pretty(record));
    const diagnostics = (await opened).diagnostics;
    assert.deepEqual(summary(diagnostics), ['IR000@0:3', 'IR004@' + diagnostics[1].range.start.line + ':1']);
    assert.match(messageOf(diagnostics[0]), /^The baseline .*broken-baseline\.json \(incidentRecords\.baseline\) cannot be used: not valid JSON \(.+\)\. Findings are shown at their own severity\.$/);
  });
});
