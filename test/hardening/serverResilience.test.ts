/**
 * Server resilience over stdio (the bundled server, as an editor runs it):
 * a handler that fails answers an error and logs it, and the server keeps
 * serving; requests can be cancelled; no diagnostics computed for an older
 * version of a document are ever published for a newer one.
 */
import assert from 'node:assert/strict';
import { after, before, suite, test } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { Hover } from 'vscode-languageserver-types';
import { airflowRecord, pretty } from '../helpers/records';
import { HardeningClient, startHardeningClient } from './hardeningClient';
import { datasetText, freshDiagnostics, keyOf, lineRange } from './resilienceKit';

const REQUEST_FAILED = -32803;
const INTERNAL_ERROR = -32603;
const REQUEST_CANCELLED = -32800;

const WS = 'file:///nonexistent-hardening/ws';
const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

suite('server resilience: failing handlers', () => {
  let client: HardeningClient;
  const uri = `${WS}/billing.incident.json`;
  const text = pretty(airflowRecord());
  const severityLine = text.split('\n').findIndex((l) => l.includes('"severity"'));
  const goodHover = { textDocument: { uri }, position: { line: severityLine, character: 8 } };

  before(async () => {
    client = await startHardeningClient();
    const opened = client.diagnostics(uri);
    client.open(uri, 'incident-json', text);
    await opened;
  });

  after(async () => {
    await client.stop();
  });

  /** Requests a real client bug could send: each makes a handler throw. */
  const MALFORMED: { name: string; method: string; params: unknown; logged: RegExp; code: number }[] = [
    { name: 'hover without a position', method: 'textDocument/hover', params: { textDocument: { uri } }, logged: /^Hover failed: TypeError/, code: REQUEST_FAILED },
    {
      name: 'completion at a position that is not numbers',
      method: 'textDocument/completion',
      params: { textDocument: { uri }, position: { line: 'x', character: null } },
      logged: /^Completion failed: /,
      code: REQUEST_FAILED,
    },
    { name: 'code actions without a context', method: 'textDocument/codeAction', params: { textDocument: { uri }, range: ZERO }, logged: /^Code actions failed: TypeError/, code: REQUEST_FAILED },
    {
      name: 'code actions with diagnostics: null',
      method: 'textDocument/codeAction',
      params: { textDocument: { uri }, range: ZERO, context: { diagnostics: null } },
      logged: /^Code actions failed: TypeError/,
      code: REQUEST_FAILED,
    },
    { name: 'selection ranges without positions', method: 'textDocument/selectionRange', params: { textDocument: { uri } }, logged: /^Selection ranges failed: TypeError/, code: REQUEST_FAILED },
    { name: 'inlay hints without a range', method: 'textDocument/inlayHint', params: { textDocument: { uri } }, logged: /^Inlay hints failed: TypeError/, code: REQUEST_FAILED },
    { name: 'timeline without a position', method: 'incidentRecords/timeline', params: { textDocument: { uri } }, logged: /^Timeline failed: TypeError/, code: REQUEST_FAILED },
    {
      name: 'hover without a textDocument',
      method: 'textDocument/hover',
      params: { position: { line: 0, character: 0 } },
      logged: /^Malformed request textDocument\/hover: its params have no textDocument\.uri/,
      code: INTERNAL_ERROR,
    },
  ];

  for (const probe of MALFORMED) {
    test(`${probe.name}: an error response, a log entry, and the next request is answered`, async () => {
      const logsBefore = client.logs.length;
      const answer = await client.settle(probe.method, probe.params);
      assert.equal(answer.error?.code, probe.code, JSON.stringify(answer));
      const logged = client.logs.slice(logsBefore);
      assert.equal(logged.length, 1, `one log entry: ${logged.join('\n---\n')}`);
      assert.match(logged[0], probe.logged);

      const hover = (await client.connection.sendRequest('textDocument/hover', goodHover)) as Hover;
      assert.match(JSON.stringify(hover.contents), /severity/i, 'the server still answers hovers');
      assert.equal(client.process.exitCode, null, 'the server is still running');
    });
  }

  test('code actions for diagnostics whose data is garbage: no fix, no error', async () => {
    const garbage = [
      { code: 'IR004', range: ZERO, message: 'x', data: 'garbage' },
      { code: 'IR002', range: ZERO, message: 'x', data: { pointer: 5, recordIndex: 'x', property: {} } },
      { code: 'IR112', range: ZERO, message: 'x', data: { pointer: '/incident/metadata/nope', recordIndex: 99 } },
      { code: 'IR204', range: ZERO, message: 'x', data: { pointer: '/actions_taken', recordIndex: 0, order: ['a', -1, 1e9] } },
      { code: 'IR101', range: ZERO, message: 'x', data: { pointer: '/incident/metadata', recordIndex: 0, missing: 'all' } },
      { code: 'IR208', range: ZERO, message: 'x', data: null },
    ];
    const logsBefore = client.logs.length;
    for (const diagnostic of garbage) {
      const answer = await client.settle('textDocument/codeAction', { textDocument: { uri }, range: ZERO, context: { diagnostics: [diagnostic] } });
      assert.deepEqual(answer, { result: [] }, JSON.stringify(diagnostic));
    }
    assert.deepEqual(client.logs.slice(logsBefore), [], 'nothing failed');
  });
});

suite('server resilience: cancellation', () => {
  let client: HardeningClient;
  const uri = `${WS}/cancel.incident.json`;

  before(async () => {
    client = await startHardeningClient();
    const opened = client.diagnostics(uri);
    client.open(uri, 'incident-json', pretty(airflowRecord()));
    await opened;
  });

  after(async () => {
    await client.stop();
  });

  test('a request cancelled while it runs answers RequestCancelled, and the server keeps serving', async () => {
    // The code action handler asks the client for settings; the client answers
    // only once it has cancelled the request, so the cancellation always
    // arrives while the handler is running.
    let release!: () => void;
    let askedForSettings!: () => void;
    const cancelled = new Promise<void>((resolve) => (release = resolve));
    const asked = new Promise<void>((resolve) => (askedForSettings = resolve));
    client.connection.onRequest('workspace/configuration', async (params: { items: unknown[] }) => {
      askedForSettings();
      await cancelled;
      return params.items.map(() => ({}));
    });
    client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} }); // forget cached settings
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: ZERO, context: { diagnostics: [], only: ['source.fixAll.incident-records'] } }, source.token);
    await asked;
    source.cancel(); // sends $/cancelRequest, before the settings below
    release();
    const outcome = await pending.then(
      (result) => ({ result }),
      (error: { code?: number }) => ({ code: error.code }),
    );
    assert.deepEqual(outcome, { code: REQUEST_CANCELLED });
    const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(Array.isArray(symbols) && symbols.length === 1, 'the server answers the next request');
  });

  test('requests cancelled right after they are sent answer RequestCancelled or their result, never an error', async () => {
    const methods: [string, unknown][] = [
      ['textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 8 } }],
      ['textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 8 } }],
      ['textDocument/documentSymbol', { textDocument: { uri } }],
      ['textDocument/foldingRange', { textDocument: { uri } }],
      ['textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }],
      ['incidentRecords/timeline', { textDocument: { uri }, position: { line: 3, character: 8 } }],
    ];
    const logsBefore = client.logs.length;
    const outcomes = await Promise.all(
      methods.flatMap(([method, params]) =>
        [0, 1, 2].map(() => {
          const source = new CancellationTokenSource();
          const pending = client.connection.sendRequest(method, params, source.token);
          source.cancel();
          return pending.then(
            () => 'answered',
            (error: { code?: number }) => (error.code === REQUEST_CANCELLED ? 'cancelled' : `error ${error.code}`),
          );
        }),
      ),
    );
    assert.deepEqual(outcomes.filter((o) => o !== 'answered' && o !== 'cancelled'), []);
    assert.deepEqual(client.logs.slice(logsBefore), [], 'a cancellation is not a failure: nothing logged');
    const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(Array.isArray(symbols) && symbols.length === 1);
  });
});

suite('server resilience: no stale diagnostics', () => {
  let client: HardeningClient;

  before(async () => {
    client = await startHardeningClient();
  });

  after(async () => {
    await client.stop();
  });

  test('quick edits to a large dataset: versions never go back, each publish holds only diagnostics of its version, the last equals a fresh check', async () => {
    const uri = `${WS}/large.incidents.jsonl`;
    const versions = new Map<number, string>();
    let text = datasetText(1500);
    versions.set(1, text);
    const opened = client.diagnostics(uri, (p) => p.version === 1);
    client.open(uri, 'incident-jsonl', text);
    await opened;

    // Several edits sent at once, as fast typing or a paste would: break a
    // record near the start, fix nothing, insert a line, delete one, break the last.
    const lines = text.split('\n');
    const edits: { line: number; newText: string; whole?: boolean }[] = [
      { line: 3, newText: lines[3].replace('"severity":"', '"severity":"x') },
      { line: 700, newText: '{"incident": ' },
      { line: 10, newText: lines[10] + '\n' + lines[11].replace('"success":', '"succes":') },
      { line: 1200, newText: '', whole: true },
      { line: 1497, newText: lines[1497].replace('"outcome":"', '"outcome":"un') },
    ];
    let version = 1;
    for (const edit of edits) {
      version++;
      const current = text.split('\n');
      const range = lineRange(current, edit.line, edit.whole === true);
      current.splice(edit.line, 1, ...(edit.whole ? [] : [edit.newText]));
      text = current.join('\n');
      versions.set(version, text);
      client.change(uri, version, [{ range, text: edit.newText }]);
    }
    const finalVersion = version;
    const expected = freshDiagnostics(text, 'jsonl');
    const last = await client.until(
      () => client.published.filter((p) => p.uri === uri && p.version === finalVersion && p.diagnostics.length === expected.length).at(-1),
      `a publish for version ${finalVersion} with ${expected.length} diagnostics`,
    );
    assert.deepEqual(last.diagnostics.map(keyOf), expected.map(keyOf), 'the last publish is a fresh full check of the final text');
    // A round trip: any publish the server sent before answering has arrived.
    await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });

    const publishes = client.published.filter((p) => p.uri === uri);
    let previous = 0;
    for (const p of publishes) {
      assert.equal(typeof p.version, 'number', 'every publish carries a version');
      assert.ok(p.version! >= previous, `version ${p.version} published after ${previous}`);
      previous = p.version!;
    }
    assert.equal(publishes.at(-1)!.version, finalVersion);
    assert.deepEqual(publishes.at(-1)!.diagnostics.map(keyOf), expected.map(keyOf), 'nothing published after the final check changed it');
    // Each publish, even a progressive one, holds only diagnostics that a full check of its own version has.
    const fresh = new Map<number, Set<string>>();
    for (const p of publishes) {
      let valid = fresh.get(p.version!);
      if (!valid) {
        valid = new Set(freshDiagnostics(versions.get(p.version!)!, 'jsonl').map(keyOf));
        fresh.set(p.version!, valid);
      }
      for (const d of p.diagnostics) {
        assert.ok(valid.has(keyOf(d)), `version ${p.version} published a diagnostic its text does not have: ${keyOf(d)}`);
      }
    }
  });
});
