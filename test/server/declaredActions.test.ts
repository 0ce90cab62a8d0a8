/**
 * The configuration's own action types in the language server over stdio:
 * a `.incident-records.json` next to the document declares them, and the
 * server's diagnostics, completion and hover know them; without the file
 * they are unknown (IR009).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, suite, test } from 'node:test';
import type { CompletionList, Hover, MarkupContent } from 'vscode-languageserver-types';
import { databaseRecord, pretty } from '../helpers/records';
import { startTestClient, TestClient } from '../helpers/lspClient';
import { positionAt } from '../helpers/text';
import { TEAM_CONFIG } from '../helpers/teamConfig';

suite('declared action types over stdio', () => {
  let client: TestClient;
  let dir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-declared-'));
    fs.mkdirSync(path.join(dir, 'team'));
    fs.mkdirSync(path.join(dir, 'other'));
    fs.writeFileSync(path.join(dir, 'team', '.incident-records.json'), JSON.stringify(TEAM_CONFIG, null, 2));
    client = await startTestClient();
  });

  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function recordText(): string {
    const record = databaseRecord();
    record.actions_taken[0] = { action: 'failover_database', parameters: { host: record.incident.metadata.database_host }, result: 'success', timestamp: record.actions_taken[0].timestamp };
    return pretty(record);
  }

  test('diagnostics, completion and hover of a document under the configuration; IR009 elsewhere', async () => {
    const text = recordText();
    const teamUri = pathToFileURL(path.join(dir, 'team', 'failover.incident.json')).href;
    const otherUri = pathToFileURL(path.join(dir, 'other', 'failover.incident.json')).href;
    const team = client.diagnostics(teamUri);
    const other = client.diagnostics(otherUri);
    client.open(teamUri, 'incident-json', text);
    client.open(otherUri, 'incident-json', text);
    assert.deepEqual((await team).diagnostics.map((d) => d.code), ['IR162'], 'known, targeted by an alias of database_host');
    assert.deepEqual((await other).diagnostics.map((d) => d.code), ['IR009']);

    const offset = text.indexOf('"failover_database"') + 2;
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: teamUri }, position: positionAt(text, offset) })) as Hover;
    assert.match((hover.contents as MarkupContent).value, /\*\*failover_database\*\* · Database action, declared in the configuration/);

    const list = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri: teamUri }, position: positionAt(text, offset) })) as CompletionList;
    assert.ok(list.items.some((i) => i.label === '"failover_database"'));
  });
});
