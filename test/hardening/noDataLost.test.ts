/**
 * No data lost. `lint --fix` never leaves a file half-written or clobbers
 * someone else's edit: a write that fails leaves the original byte for byte
 * and no temporary file; a file that changes on disk while its fixes are
 * computed is left alone and reported; a JSON Lines line that does not parse
 * is kept verbatim. In the editor, every fix is a `TextDocumentEdit` for the
 * document version it was computed on, so VS Code drops it if the document
 * changed meanwhile.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, suite, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-types';
import { fixFileInPlace } from '../../server/src/cli/fix';
import { defaultSeverities } from '../../server/src/service/documentChecker';
import { airflowRecord, databaseRecord, line, pretty } from '../helpers/records';
import { runCli } from './bigFiles';
import { HardeningClient, startHardeningClient } from './hardeningClient';

const made: string[] = [];
after(() => {
  for (const dir of made) {
    fs.chmodSync(dir, 0o755);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-nodataloss-'));
  fs.chmodSync(dir, 0o755);
  made.push(dir);
  return dir;
}

/** Root ignores permissions: run the CLI as `nobody` then (the folder stays root's, so it cannot write there). */
const AS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

/** A record with one fixable problem (severity "hgh"); `n` makes it a different incident. */
function fixable(n = 0): string {
  const record = airflowRecord();
  record.incident.severity = 'hgh';
  record.incident.title += ` (${n})`;
  return line(record) + '\n';
}

suite('--fix loses no data', () => {
  test('a write that fails (read-only folder) leaves the original byte for byte, no temporary file, and says so on one line', () => {
    const dir = tempDir();
    const file = path.join(dir, 'ops.incidents.jsonl');
    const original = Buffer.from(fixable());
    fs.writeFileSync(file, original);
    fs.chmodSync(file, 0o644);
    if (!AS_ROOT) {
      fs.chmodSync(dir, 0o555);
    }
    const run = runCli(['lint', '--fix', '--format', 'json', 'ops.incidents.jsonl'], dir, { spawn: AS_ROOT ? { uid: 65534, gid: 65534 } : {} });
    fs.chmodSync(dir, 0o755);
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stderr, 'incident-records: ops.incidents.jsonl: could not write the fixed file (EACCES); it was left unchanged\n');
    const report = JSON.parse(run.stdout) as { files: { diagnostics: { code: string }[] }[] };
    assert.deepEqual(report.files[0].diagnostics.map((d) => d.code), ['IR004'], 'the unfixed problem is still reported');
    assert.ok(fs.readFileSync(file).equals(original), 'the original is intact');
    assert.deepEqual(fs.readdirSync(dir), ['ops.incidents.jsonl'], 'no temporary file left behind');
  });

  test('a file that changes on disk while its fixes are computed is left alone, reported, and its new content is what gets checked', () => {
    const dir = tempDir();
    const file = path.join(dir, 'ops.incidents.jsonl');
    const read = fixable();
    fs.writeFileSync(file, read);
    const theirs = line(databaseRecord()) + '\n';
    let wrote = false;
    // Someone saves the file in the middle of the run: while fix-all resolves severities.
    const severityOf = (code: string) => {
      if (!wrote) {
        wrote = true;
        fs.writeFileSync(file, theirs);
      }
      return defaultSeverities(code);
    };
    const outcome = fixFileInPlace({ displayPath: 'ops.incidents.jsonl', absolutePath: file }, read, 'jsonl', { severityOf });
    assert.ok(wrote, 'the file changed during the run');
    assert.equal(outcome.event?.kind, 'skipped');
    assert.equal((outcome.event as { reason: string }).reason, 'not fixed: the file changed on disk while the fixes were computed; its current content is reported');
    assert.equal(outcome.text, theirs);
    assert.equal(fs.readFileSync(file, 'utf8'), theirs, 'their edit wins');
    assert.deepEqual(fs.readdirSync(dir), ['ops.incidents.jsonl']);
  });

  test('a JSON Lines line that does not parse is kept byte for byte while the others are fixed', () => {
    const dir = tempDir();
    const broken = '{"incident": {"title": "half a record", "severity": "hgh"';
    const lines = [fixable(1).trimEnd(), broken, fixable(2).trimEnd()];
    fs.writeFileSync(path.join(dir, 'ops.incidents.jsonl'), lines.join('\n') + '\n');
    const run = runCli(['lint', '--fix', '--format', 'json', 'ops.incidents.jsonl'], dir);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stderr, '');
    const after = fs.readFileSync(path.join(dir, 'ops.incidents.jsonl'), 'utf8').split('\n');
    assert.deepEqual(after, [lines[0].replace('"hgh"', '"high"'), broken, lines[2].replace('"hgh"', '"high"'), '']);
    const report = JSON.parse(run.stdout) as { files: { diagnostics: { code: string; range: { start: { line: number } } }[] }[] };
    assert.deepEqual(report.files[0].diagnostics.map((d) => [d.code, d.range.start.line]), [['IR001', 1]]);
  });

  test('a JSON file that does not parse is never written, even with fixable problems', () => {
    const dir = tempDir();
    const record = airflowRecord();
    record.incident.severity = 'hgh';
    const text = pretty(record).replace('"success": true', '"success": tru');
    fs.writeFileSync(path.join(dir, 'ops.incident.json'), text);
    const before = fs.statSync(path.join(dir, 'ops.incident.json')).mtimeMs;
    const run = runCli(['lint', '--fix', 'ops.incident.json'], dir);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'incident-records: ops.incident.json: not fixed: the file is not valid JSON; fix its syntax first, then run --fix again\n');
    assert.equal(fs.readFileSync(path.join(dir, 'ops.incident.json'), 'utf8'), text);
    assert.equal(fs.statSync(path.join(dir, 'ops.incident.json')).mtimeMs, before, 'not even rewritten with the same bytes');
  });
});

suite('editor fixes are versioned edits', () => {
  let client: HardeningClient;
  const uri = 'file:///nonexistent-hardening/fixes/ops.incidents.jsonl';

  before(async () => {
    client = await startHardeningClient();
  });

  after(async () => {
    await client.stop();
  });

  function request(diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } }) as Promise<CodeAction[]>;
  }

  function editsOf(action: CodeAction): TextDocumentEdit[] {
    assert.equal(action.edit?.changes, undefined, 'no unversioned edits');
    return (action.edit?.documentChanges ?? []) as TextDocumentEdit[];
  }

  test('quick fixes and fix-all carry the version they were computed on; after an edit, fixes for old diagnostics are computed on the current text and version', async () => {
    const v1 = [fixable(1).trimEnd(), fixable(2).trimEnd()].join('\n') + '\n';
    const opened = client.diagnostics(uri, (p) => p.version === 1 && p.diagnostics.length === 2);
    client.open(uri, 'incident-jsonl', v1);
    const diagnostics = (await opened).diagnostics;
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['IR004', 0], ['IR004', 1]]);

    const actions = [...(await request(diagnostics.slice(0, 1))), ...(await request(diagnostics, ['source.fixAll.incident-records']))];
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Change to "high"', 'Fix all IR004 problems in this file', 'Fix all auto-fixable problems'],
      'a quick fix, fix-all of its code (two IR004 in the file) and a fix-all',
    );
    for (const action of actions) {
      for (const edit of editsOf(action)) {
        assert.deepEqual(edit.textDocument, { uri, version: 1 }, action.title);
      }
    }

    // A line is inserted above: the old diagnostics' ranges and record indexes are out of date.
    const changed = client.diagnostics(uri, (p) => p.version === 2);
    client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: line(airflowRecord()) + '\n' }]);
    await changed;
    const v2 = line(airflowRecord()) + '\n' + v1;
    // The old diagnostic of record 0 points at the clean record now: nothing to fix there.
    assert.deepEqual(await request(diagnostics.slice(0, 1)), []);
    // That of record 1 points at a record that has the problem: the fix is for the current text and version.
    const stale = (await request(diagnostics.slice(1, 2))).filter((a) => !a.title.startsWith('Fix all'));
    assert.equal(stale.length, 1);
    const [edit, ...more] = editsOf(stale[0]);
    assert.deepEqual(more, []);
    assert.deepEqual(edit.textDocument, { uri, version: 2 }, 'computed on the current version');
    const lines = TextDocument.applyEdits(TextDocument.create(uri, 'incident-jsonl', 2, v2), edit.edits as TextEdit[]).split('\n');
    assert.equal(lines[0], line(airflowRecord()), 'the inserted line is untouched');
    assert.deepEqual(
      lines.map((l) => l.includes('"hgh"')),
      [false, false, true, false],
      'the record now at index 1 is fixed, and only it',
    );
  });
});
