/**
 * No secret leaked: ten distinct secrets planted in records of every service
 * and in every kind of field, then everything the product outputs is
 * collected and searched for them — diagnostics (messages, data, related
 * information) from the core and over stdio, hovers and completions at every
 * node, code action titles and edits, inlay hints, document symbols, code
 * lenses, the timeline model and its Markdown, the dataset overview, the
 * server's own log (window/logMessage, $/logTrace, stderr) with tracing set
 * to verbose and failing requests on these documents, and the CLI's text,
 * JSON, SARIF, JSON Lines and GitHub output (stdout and stderr, also with
 * --fix and --baseline) and the baseline file it writes (pointers to a
 * property named with a credential are masked).
 *
 * An edit may contain a secret only when the text it replaces already did
 * (a fix that moves text, e.g. sorting actions); a redaction never does.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, suite, test } from 'node:test';
import { Node as JsonNode, parseTree } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-types';
import { checkDocument, toDiagnostics } from '../../server/src/service/documentChecker';
import { getIncidentService } from '../../server/src/service/incidentService';
import { timelineMarkdown } from '../../server/src/service/timeline';
import { line, pretty } from '../helpers/records';
import { runCli } from './bigFiles';
import { HardeningClient, serverLog, startHardeningClient } from './hardeningClient';
import { leaks, plantedRecords } from './plantedSecrets';

const records = plantedRecords();
const DOCUMENTS = {
  jsonl: { uri: 'file:///nonexistent-hardening/secrets/planted.incidents.jsonl', languageId: 'incident-jsonl', text: records.map(line).join('\n') + '\n' },
  json: { uri: 'file:///nonexistent-hardening/secrets/planted.incident.json', languageId: 'incident-json', text: pretty(records) },
};

/** Every node (keys and values) of every record, as document offsets. */
function nodeOffsets(text: string, format: 'json' | 'jsonl'): number[] {
  const offsets: number[] = [];
  const visit = (node: JsonNode, base: number) => {
    offsets.push(base + node.offset + 1);
    for (const child of node.children ?? []) visit(child, base);
  };
  if (format === 'json') {
    visit(parseTree(text)!, 0);
  } else {
    let start = 0;
    for (const l of text.split('\n')) {
      if (l.trim()) visit(parseTree(l)!, start);
      start += l.length + 1;
    }
  }
  return offsets;
}

/**
 * Secrets a diagnostic shows: none in its message, related information or
 * link; its `data` (never shown: the fixes' machine channel back to the
 * client that sent the text) may hold a secret only when it names the very
 * text the diagnostic is on (a JSON pointer to a property whose name is a
 * credential, which the "redact the property name" fix needs to find).
 */
function diagnosticLeaks(document: TextDocument, diagnostics: readonly Diagnostic[], what: string): string[] {
  const found: string[] = [];
  for (const d of diagnostics) {
    const { data, ...shown } = d;
    found.push(...leaks(JSON.stringify(shown)).map((l) => `${what} ${d.code} message: ${l}`));
    const own = new Set(leaks(document.getText(d.range)));
    found.push(...leaks(JSON.stringify(data ?? null)).filter((l) => !own.has(l)).map((l) => `${what} ${d.code} data: ${l}`));
  }
  return found;
}

/** Secrets an edit adds that the text it replaces did not already hold. */
function editLeaks(document: TextDocument, edit: TextEdit): string[] {
  const replaced = document.getText(edit.range);
  const before = new Set(leaks(replaced));
  return leaks(edit.newText).filter((name) => !before.has(name));
}

function actionLeaks(document: TextDocument, actions: CodeAction[]): string[] {
  const found: string[] = [];
  for (const action of actions) {
    found.push(...leaks(action.title).map((l) => `title of "${action.kind}": ${l}`));
    found.push(...diagnosticLeaks(document, action.diagnostics ?? [], 'diagnostic of an action'));
    for (const change of (action.edit?.documentChanges ?? []) as TextDocumentEdit[]) {
      for (const edit of change.edits) {
        found.push(...editLeaks(document, edit as TextEdit).map((l) => `edit of "${action.title}": ${l}`));
      }
    }
    for (const edits of Object.values(action.edit?.changes ?? {})) {
      for (const edit of edits) found.push(...editLeaks(document, edit).map((l) => `edit of "${action.title}": ${l}`));
    }
  }
  return found;
}

suite('no secret leaked', () => {
  test('the planted records are what they claim: every secret is in the text, each kind of field is used', () => {
    for (const { text } of Object.values(DOCUMENTS)) {
      assert.equal(leaks(text).length, 11, 'all eleven secret strings are planted');
    }
  });

  test('the core: diagnostics of both formats (messages, data, related information) and the timeline and its Markdown', () => {
    const found: string[] = [];
    for (const [format, { uri, languageId, text }] of Object.entries(DOCUMENTS) as ['json' | 'jsonl', (typeof DOCUMENTS)['json']][]) {
      const document = TextDocument.create(uri, languageId, 1, text);
      const diagnostics = toDiagnostics(checkDocument(text, format), (o) => document.positionAt(o));
      assert.ok(diagnostics.length > 60, `${format}: ${diagnostics.length} diagnostics`);
      found.push(...diagnosticLeaks(document, diagnostics, `${format} diagnostics`));
      const service = getIncidentService();
      for (const offset of nodeOffsets(text, format)) {
        const model = service.timeline(document, document.positionAt(offset));
        if (model) {
          found.push(...leaks(JSON.stringify(model)).map((l) => `${format} timeline model: ${l}`));
          found.push(...leaks(timelineMarkdown(model)).map((l) => `${format} timeline Markdown: ${l}`));
        }
      }
    }
    assert.deepEqual([...new Set(found)], []);
  });

  test('the CLI: text, JSON, SARIF, JSON Lines and GitHub output, standard output and error, the baseline file, also with --fix', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-secrets-'));
    try {
      fs.writeFileSync(path.join(dir, 'planted.incidents.jsonl'), DOCUMENTS.jsonl.text);
      fs.writeFileSync(path.join(dir, 'planted.incident.json'), DOCUMENTS.json.text);
      const found: string[] = [];
      for (const format of ['text', 'json', 'sarif', 'jsonl', 'github']) {
        const run = runCli(['lint', '--format', format, 'planted.incidents.jsonl', 'planted.incident.json'], dir);
        assert.equal(run.status, 1, run.stderr);
        assert.ok(run.stdout.length > 1000);
        found.push(...leaks(run.stdout + run.stderr).map((l) => `${format}: ${l}`));
      }
      const written = runCli(['lint', '--write-baseline', 'baseline.json', 'planted.incidents.jsonl', 'planted.incident.json'], dir);
      assert.equal(written.status, 0, written.stderr);
      const baseline = fs.readFileSync(path.join(dir, 'baseline.json'), 'utf8');
      assert.ok(baseline.includes('"at":"/incident/metadata/***"'), 'the pointer to a property named with a secret is masked');
      found.push(...leaks(written.stdout + written.stderr + baseline).map((l) => `--write-baseline: ${l}`));
      const baselined = runCli(['lint', '--baseline', 'baseline.json', '--format', 'jsonl', 'planted.incidents.jsonl'], dir);
      assert.equal(baselined.status, 0, baselined.stderr);
      found.push(...leaks(baselined.stdout + baselined.stderr).map((l) => `--baseline: ${l}`));
      const fixed = runCli(['lint', '--fix', '--format', 'json', '.'], dir);
      found.push(...leaks(fixed.stdout + fixed.stderr).map((l) => `--fix: ${l}`));
      assert.deepEqual([...new Set(found)], []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

suite('no secret leaked over stdio (trace: verbose)', () => {
  let client: HardeningClient;

  before(async () => {
    client = await startHardeningClient({ settings: { trace: { server: 'verbose' } } });
    await client.connection.sendNotification('$/setTrace', { value: 'verbose' });
  });

  after(async () => {
    await client.stop();
  });

  for (const format of ['jsonl', 'json'] as const) {
    test(`${format}: publishes, hovers, completions, code actions, symbols, hints, lenses, timeline, overview and the server's log`, async () => {
      const { uri, languageId, text } = DOCUMENTS[format];
      const document = TextDocument.create(uri, languageId, 1, text);
      const textDocument = { uri };
      const opened = client.diagnostics(uri, (p) => p.version === 1 && p.diagnostics.length > 60);
      client.open(uri, languageId, text);
      const diagnostics: Diagnostic[] = (await opened).diagnostics;
      const found: string[] = [];
      const scan = (what: string, value: unknown) => found.push(...leaks(JSON.stringify(value) ?? '').map((l) => `${what}: ${l}`));

      const offsets = nodeOffsets(text, format);
      for (const offset of offsets) {
        const position = document.positionAt(offset);
        scan('hover', await client.connection.sendRequest('textDocument/hover', { textDocument, position }));
        scan('completion', await client.connection.sendRequest('textDocument/completion', { textDocument, position }));
        scan('timeline', await client.connection.sendRequest('incidentRecords/timeline', { textDocument, position }));
        scan('timeline Markdown', await client.connection.sendRequest('incidentRecords/timelineMarkdown', { textDocument, position }));
      }
      const whole = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
      for (const diagnostic of diagnostics) {
        const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
        found.push(...actionLeaks(document, actions));
      }
      const fixAll = (await client.connection.sendRequest('textDocument/codeAction', { textDocument, range: whole, context: { diagnostics, only: ['source.fixAll.incident-records'] } })) as CodeAction[];
      assert.equal(fixAll.length, 1, 'fix-all offered');
      found.push(...actionLeaks(document, fixAll));
      scan('document symbols', await client.connection.sendRequest('textDocument/documentSymbol', { textDocument }));
      scan('inlay hints', await client.connection.sendRequest('textDocument/inlayHint', { textDocument, range: whole }));
      scan('code lenses', await client.connection.sendRequest('textDocument/codeLens', { textDocument }));
      scan('selection ranges', await client.connection.sendRequest('textDocument/selectionRange', { textDocument, positions: offsets.slice(0, 50).map((o) => document.positionAt(o)) }));
      scan('dataset overview', await client.connection.sendRequest('incidentRecords/datasetOverview', { textDocument }));
      // Requests that fail on these documents: their errors are logged and answered.
      for (const [method, params] of [
        ['textDocument/hover', { textDocument }],
        ['textDocument/codeAction', { textDocument, range: whole }],
        ['incidentRecords/timeline', { textDocument }],
        ['textDocument/completion', { textDocument, position: { line: 'x' } }],
      ] as const) {
        scan(`error answer of ${method}`, await client.settle(method, params));
      }
      // Everything published for this document, the server's log and traces, and its stderr.
      for (const p of client.published.filter((p) => p.uri === uri)) {
        found.push(...diagnosticLeaks(document, p.diagnostics, 'published'));
      }
      assert.ok(client.logs.some((l) => /failed: TypeError/.test(l)), 'the failures were logged');
      found.push(...leaks(serverLog(client)).map((l) => `server log: ${l}`));
      assert.deepEqual([...new Set(found)], []);
    });
  }
});
