/**
 * The language server (over stdio) on large and hostile documents: above
 * the size limit only syntax is checked and one IR000 says so; binary text
 * is reported, not parsed; nesting 10,000 and 100,000 levels deep is one
 * IR001, and every feature still answers on it.
 */
import assert from 'node:assert/strict';
import { after, before, suite, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { airflowRecord, line, pretty } from '../helpers/records';
import { HardeningClient, startHardeningClient } from './hardeningClient';
import { datasetText, freshDiagnostics, keyOf } from './resilienceKit';
import { isDeepStrictEqual } from 'node:util';

const WS = 'file:///nonexistent-hardening/hostile';
const INFORMATION = 3;

/** The promise's value, or undefined when it does not settle within `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function summary(diagnostics: Diagnostic[]): [string, number, number][] {
  return diagnostics.map((d) => [String(d.code), d.severity ?? 0, d.range.start.line]);
}

/** Every request an editor sends for a document, at a position inside it: each must answer, not fail. */
async function everyFeatureAnswers(client: HardeningClient, uri: string, position: { line: number; character: number }): Promise<void> {
  const textDocument = { uri };
  const whole = { start: { line: 0, character: 0 }, end: { line: position.line + 1, character: 0 } };
  const requests: [string, unknown][] = [
    ['textDocument/completion', { textDocument, position }],
    ['textDocument/hover', { textDocument, position }],
    ['textDocument/documentSymbol', { textDocument }],
    ['textDocument/foldingRange', { textDocument }],
    ['textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }],
    ['textDocument/rangeFormatting', { textDocument, range: whole, options: { tabSize: 2, insertSpaces: true } }],
    ['textDocument/selectionRange', { textDocument, positions: [position] }],
    ['textDocument/inlayHint', { textDocument, range: whole }],
    ['textDocument/codeLens', { textDocument }],
    ['textDocument/codeAction', { textDocument, range: whole, context: { diagnostics: [], only: ['source.fixAll.incident-records'] } }],
    ['incidentRecords/timeline', { textDocument, position }],
    ['incidentRecords/datasetOverview', { textDocument }],
  ];
  const logsBefore = client.logs.length;
  for (const [method, params] of requests) {
    const answer = await client.settle(method, params);
    assert.equal(answer.error, undefined, `${method} on ${uri}: ${JSON.stringify(answer.error)}`);
  }
  assert.deepEqual(client.logs.slice(logsBefore), [], `nothing failed on ${uri}`);
  assert.equal(client.process.exitCode, null, 'the server is still running');
}

suite('server: size limit', () => {
  let client: HardeningClient;

  before(async () => {
    client = await startHardeningClient({ settings: { limits: { maxFileSizeMB: 1 } } });
  });

  after(async () => {
    await client.stop();
  });

  test('a JSON Lines file above incidentRecords.limits.maxFileSizeMB: one IR000 note and its syntax errors only', async () => {
    const uri = `${WS}/large.incidents.jsonl`;
    const lines = datasetText(700).trimEnd().split('\n');
    lines[5] = '{ "incident": { "title": "cut short"';
    lines[9] = lines[9].replace('"severity":"', '"severity":"x'); // a schema error: not reported above the limit
    lines[650] = '{"outcome": resolved}';
    const text = lines.join('\n') + '\n';
    assert.ok(text.length > 1024 * 1024);
    const published = client.diagnostics(uri, (p) => p.version === 1);
    client.open(uri, 'incident-jsonl', text);
    const { diagnostics } = await published;
    assert.deepEqual(summary(diagnostics), [
      ['IR000', INFORMATION, 0],
      ['IR001', 1, 5],
      ['IR001', 1, 650],
    ]);
    assert.match(String(diagnostics[0].message), /larger than 1 MB \(incidentRecords\.limits\.maxFileSizeMB\), so only its JSON syntax is checked/);
    await everyFeatureAnswers(client, uri, { line: 9, character: 20 });

    // Cut below the limit: the full check comes back, and the note goes. The check may be
    // published progressively: wait for the publish of version 2 that has every record.
    const expected = freshDiagnostics(lines.slice(0, 20).join('\n') + '\n', 'jsonl').map(keyOf);
    let last: string[] = [];
    const small = client.diagnostics(uri, (p) => {
      last = p.version === 2 ? p.diagnostics.map(keyOf) : last;
      return p.version === 2 && isDeepStrictEqual(last, expected);
    });
    client.change(uri, 2, [{ range: { start: { line: 20, character: 0 }, end: { line: lines.length, character: 0 } }, text: '' }]);
    const full = (await within(small, 15_000))?.diagnostics;
    assert.deepEqual(full?.map(keyOf) ?? last, expected, 'the complete check of version 2');
    assert.ok(full);
    assert.ok(!full.some((d) => d.code === 'IR000'));
    assert.deepEqual(summary(full).filter(([, , l]) => l === 5 || l === 9).map(([code, , l]) => [code, l]), [
      ['IR001', 5],
      ['IR004', 9],
    ]);
  });

  test('a JSON file above the limit: one IR000 note and its first syntax error', async () => {
    const uri = `${WS}/large.incident.json`;
    const records = Array.from({ length: 450 }, () => airflowRecord());
    const text = pretty(records).replace('"outcome": "resolved",\n', '"outcome": "resolved"\n'); // a missing comma in the first record
    assert.ok(text.length > 1024 * 1024);
    const published = client.diagnostics(uri, (p) => p.version === 1);
    client.open(uri, 'incident-json', text);
    const { diagnostics } = await published;
    const missingComma = text.split('\n').findIndex((l) => l.includes('"resolution_time"'));
    assert.deepEqual(summary(diagnostics), [
      ['IR000', INFORMATION, 0],
      ['IR001', 1, missingComma],
    ]);
  });
});

suite('server: binary and deeply nested documents', () => {
  let client: HardeningClient;

  before(async () => {
    client = await startHardeningClient();
  });

  after(async () => {
    await client.stop();
  });

  let seed = 11;
  const randomBytes = Buffer.from(Buffer.alloc(32 * 1024).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff));
  const BINARY: Record<string, string> = {
    'NUL bytes in JSON Lines': `${line(airflowRecord())}\n{"title": "a\u0000b"}\n${line(airflowRecord())}\n`,
    'random bytes, decoded as UTF-8': randomBytes.toString('utf8'),
    'invalid UTF-8 without NUL': Buffer.from(randomBytes.map((b) => (b === 0 ? 0xfe : b))).toString('utf8'),
  };

  for (const [name, text] of Object.entries(BINARY)) {
    test(`binary text (${name}): one IR000, nothing parsed, every feature answers`, async () => {
      const uri = `${WS}/${name.replace(/\W+/g, '-')}.incidents.jsonl`;
      const published = client.diagnostics(uri, (p) => p.version === 1);
      client.open(uri, 'incident-jsonl', text);
      const { diagnostics } = await published;
      assert.deepEqual(summary(diagnostics), [['IR000', INFORMATION, 0]]);
      assert.match(String(diagnostics[0].message), /looks binary/);
      await everyFeatureAnswers(client, uri, { line: 1, character: 3 });
    });
  }

  const SHAPES: Record<string, (n: number) => string> = {
    'objects, valid': (n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n),
    'objects, truncated': (n) => '{"a":'.repeat(n),
    'arrays, valid': (n) => '['.repeat(n) + ']'.repeat(n),
    'arrays, truncated': (n) => '['.repeat(n) + '1',
  };

  for (const levels of [10_000, 100_000]) {
    for (const [shape, make] of Object.entries(SHAPES)) {
      for (const format of ['json', 'jsonl'] as const) {
        test(`${levels.toLocaleString('en')} levels (${shape}, ${format}): one IR001 "nested … levels deep", and every feature answers`, async () => {
          const uri = `${WS}/deep-${levels}-${shape.replace(/\W+/g, '-')}.incident${format === 'jsonl' ? 's.jsonl' : '.json'}`;
          const deep = make(levels);
          // In JSON Lines a clean record comes first: only the deep line is reported.
          const text = format === 'jsonl' ? `${line(airflowRecord())}\n${deep}\n` : deep;
          const published = client.diagnostics(uri, (p) => p.version === 1);
          client.open(uri, format === 'jsonl' ? 'incident-jsonl' : 'incident-json', text);
          const { diagnostics } = await published;
          assert.deepEqual(summary(diagnostics), [['IR001', 1, format === 'jsonl' ? 1 : 0]]);
          assert.match(String(diagnostics[0].message), /nested \d+ levels deep/);
          const depth = Number(/nested (\d+) levels/.exec(String(diagnostics[0].message))![1]);
          assert.ok(depth >= levels - 1 && depth <= levels, `reported depth ${depth}`);
          await everyFeatureAnswers(client, uri, { line: format === 'jsonl' ? 1 : 0, character: 2000 });
        });
      }
    }
  }
});
