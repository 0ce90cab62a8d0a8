/**
 * A dataset with more problems than VS Code shows (1,000 markers per file)
 * over stdio LSP: the server publishes at most the limit, syntax errors and
 * secrets always, those on screen (`incidentRecords/visibleRanges`) first —
 * re-ranked from what it keeps, without checking again — and sends the real
 * totals (`incidentRecords/problemTotals`) with each publish. The timeline
 * model carries its record's problems; JSON Lines get no code lens per line.
 */
import assert from 'node:assert/strict';
import { after, before, suite, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { CodeLens, Diagnostic } from 'vscode-languageserver-types';
import type { ProblemTotals } from '../../common/dataset';
import { ProblemTotalsNotification, TimelineRequest, VisibleRangesNotification } from '../../common/protocol';
import type { TimelineModel } from '../../common/timeline';
import { getIncidentService } from '../../server/src/service/incidentService';
import { kubernetesRecord, line, pretty } from '../helpers/records';
import { incidentDocument } from '../helpers/text';
import { startTestClient, TestClient } from '../helpers/lspClient';

const RECORDS = 5200;
const FAR_LINE = 4999; // line 5000
const ACTION_LINE = 10;
const LIMIT = 1000;

/** Every record has a misspelt severity (one IR004 error each); record 11's first action has an unreadable timestamp. */
function dataset(): string[] {
  const lines: string[] = [];
  for (let i = 0; i < RECORDS; i++) {
    const record = kubernetesRecord();
    record.incident.title = `checkout-api pods OOMKilled, occurrence ${i + 1}`;
    record.incident.severity = 'hgh';
    if (i === ACTION_LINE) {
      record.actions_taken[0].timestamp = 'yesterday';
    }
    lines.push(line(record));
  }
  return lines;
}

interface Observed {
  readonly publishes: PublishDiagnosticsParams[];
  readonly totals: ProblemTotals[];
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 60000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const onLine = (diagnostics: readonly Diagnostic[], lineNo: number) => diagnostics.filter((d) => d.range.start.line === lineNo);

suite('more problems than the editor shows, over stdio', () => {
  let client: TestClient;
  const observed = new Map<string, Observed>();
  const of = (uri: string): Observed => {
    let o = observed.get(uri);
    if (!o) {
      o = { publishes: [], totals: [] };
      observed.set(uri, o);
    }
    return o;
  };
  const lines = dataset();
  const text = lines.join('\n') + '\n';
  const expected = getIncidentService().diagnostics(incidentDocument(text, 'jsonl'));

  before(async () => {
    client = await startTestClient({ capabilities: { textDocument: { publishDiagnostics: { versionSupport: true }, codeLens: {} } } });
    // (This replaces the helper's own handler: wait with `until` on what is observed here.)
    client.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      of(p.uri).publishes.push(p);
    });
    client.connection.onNotification(ProblemTotalsNotification.method, (t: ProblemTotals) => {
      of(t.uri).totals.push(t);
    });
  });
  after(async () => {
    await client.stop();
  });

  /** Opens the dataset and waits for the publish of every record's problems. */
  async function openDataset(uri: string): Promise<{ publish: PublishDiagnosticsParams; totals: ProblemTotals }> {
    client.open(uri, 'incident-jsonl', text);
    const totals = await until('the totals of the whole dataset', () => of(uri).totals.find((t) => t.problems === expected.length));
    const publish = of(uri).publishes[of(uri).totals.indexOf(totals)];
    return { publish, totals };
  }

  test('at most the limit is published, with the real totals beside it', async () => {
    const uri = 'file:///tmp/ws/limit.incidents.jsonl';
    assert.ok(expected.length > LIMIT, `the dataset has ${expected.length} problems`);
    const { publish, totals } = await openDataset(uri);
    assert.equal(publish.version, 1);
    assert.equal(publish.diagnostics.length, LIMIT);
    assert.deepEqual(totals, {
      uri,
      problems: expected.length,
      records: RECORDS,
      recordsWithProblems: RECORDS,
      published: LIMIT,
      errors: expected.filter((d) => d.severity === 1).length,
      warnings: expected.filter((d) => d.severity === 2).length,
    });
    // Nothing on screen yet: errors from the top of the document.
    assert.equal(onLine(publish.diagnostics, FAR_LINE).length, 0);
    assert.equal(onLine(publish.diagnostics, 0)[0]?.code, 'IR004');
  });

  test('a defect far down is published once its lines are on screen, from the results kept (same version, nothing checked again)', async () => {
    const uri = 'file:///tmp/ws/scroll.incidents.jsonl';
    await openDataset(uri);
    const before = of(uri).publishes.length;
    void client.connection.sendNotification(VisibleRangesNotification.method, {
      textDocument: { uri },
      ranges: [{ start: { line: FAR_LINE - 20, character: 0 }, end: { line: FAR_LINE + 20, character: 0 } }],
    });
    const republished = await until('a publish after the visible ranges', () => of(uri).publishes[before]);
    assert.equal(republished.version, 1, 'the same version: the document was not checked again');
    assert.equal(republished.diagnostics.length, LIMIT);
    assert.deepEqual(onLine(republished.diagnostics, FAR_LINE), onLine(expected, FAR_LINE));
    for (let l = FAR_LINE - 20; l <= FAR_LINE + 20; l++) {
      assert.equal(onLine(republished.diagnostics, l).length, 1, `line ${l + 1}`);
    }
    // The totals follow their publish in a message of their own.
    const totals = await until('the totals after that publish', () => of(uri).totals[before]);
    assert.equal(totals.problems, expected.length);
    assert.equal(totals.published, LIMIT);
  });

  test('a syntax error typed on line 5000 is published without that line being on screen', async () => {
    const uri = 'file:///tmp/ws/typed.incidents.jsonl';
    await openDataset(uri);
    const at = lines[FAR_LINE].indexOf('"incident"');
    client.change(uri, 2, [{ range: { start: { line: FAR_LINE, character: at }, end: { line: FAR_LINE, character: at + 1 } }, text: '' }]);
    const publish = await until('the publish of version 2', () => of(uri).publishes.find((p) => p.version === 2));
    assert.ok(publish.diagnostics.length <= LIMIT);
    assert.deepEqual(onLine(publish.diagnostics, FAR_LINE).map((d) => d.code), ['IR001']);
  });

  test('the timeline model carries its record\'s problems, on the action they are in', async () => {
    const uri = 'file:///tmp/ws/timeline-problems.incidents.jsonl';
    await openDataset(uri);
    const far = (await client.connection.sendRequest(TimelineRequest.method, { textDocument: { uri }, position: { line: FAR_LINE, character: 0 } })) as TimelineModel;
    assert.equal(far.recordIndex, FAR_LINE);
    assert.deepEqual(
      far.problems.map((p) => [p.code, p.severity, p.range.start.line, p.actionIndex]),
      onLine(expected, FAR_LINE).map((d) => [d.code, 'error', FAR_LINE, undefined]),
    );
    assert.equal(far.problems[0].message, onLine(expected, FAR_LINE)[0].message);
    const withAction = (await client.connection.sendRequest(TimelineRequest.method, { textDocument: { uri }, position: { line: ACTION_LINE, character: 0 } })) as TimelineModel;
    const timestamp = withAction.problems.find((p) => p.code === 'IR005');
    assert.ok(timestamp, JSON.stringify(withAction.problems));
    assert.equal(timestamp.actionIndex, 0);
    assert.equal(withAction.problems.length, onLine(expected, ACTION_LINE).length);
  });

  test('no "Open Timeline" code lens per line in JSON Lines; one per record in a JSON file', async () => {
    const jsonl = 'file:///tmp/ws/lenses-limit.incidents.jsonl';
    client.open(jsonl, 'incident-jsonl', lines.slice(0, 3).join('\n'));
    await until('the JSON Lines publish', () => of(jsonl).publishes[0]);
    assert.deepEqual(await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: jsonl } }), []);
    const json = 'file:///tmp/ws/single.incident.json';
    client.open(json, 'incident-json', pretty(kubernetesRecord()));
    await until('the JSON publish', () => of(json).publishes[0]);
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: json } })) as CodeLens[];
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].command?.title, 'Open Timeline');
  });
});
