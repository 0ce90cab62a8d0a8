/**
 * Workspace trust, through the server over stdio: in an untrusted workspace
 * a `.incident-records.json` may only lower severities (or turn rules off),
 * never raise them; once the client says the workspace is trusted, the same
 * configuration applies in full.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, suite, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { airflowRecord, pretty } from '../helpers/records';
import { startHardeningClient } from './hardeningClient';

const ERROR = 1;
const WARNING = 2;
const INFORMATION = 3;

const made: string[] = [];
after(() => {
  for (const dir of made) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A workspace folder whose configuration raises IR104 (information → error), lowers IR101 (error → warning) and turns IR102 off. */
function workspace(): { uri: string; text: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ir-trust-'));
  made.push(dir);
  fs.writeFileSync(path.join(dir, '.incident-records.json'), JSON.stringify({ rules: { IR104: 'error', IR101: 'warning', IR102: 'off' } }));
  const record = airflowRecord();
  delete record.incident.metadata.dag_run_id; // IR101, error by default
  delete record.incident.metadata.airflow_instance; // IR104, information by default
  delete record.incident.metadata.task_id; // IR102, warning by default
  return { uri: pathToFileURL(path.join(dir, 'etl.incident.json')).href, text: pretty(record) };
}

function severities(diagnostics: Diagnostic[]): Record<string, number | undefined> {
  return Object.fromEntries(diagnostics.map((d) => [String(d.code), d.severity]));
}

suite('workspace trust', () => {
  test('untrusted: the configuration lowers IR101 and turns IR102 off, but cannot raise IR104; trusted later, it applies in full', async () => {
    const client = await startHardeningClient({ initializationOptions: { workspaceTrusted: false } });
    try {
      const { uri, text } = workspace();
      const opened = client.diagnostics(uri, (p) => p.version === 1);
      client.open(uri, 'incident-json', text);
      assert.deepEqual(severities((await opened).diagnostics), { IR101: WARNING, IR104: INFORMATION });

      const revalidated = client.diagnostics(uri, (p) => severities(p.diagnostics).IR104 !== INFORMATION);
      await client.connection.sendNotification('incidentRecords/workspaceTrusted');
      assert.deepEqual(severities((await revalidated).diagnostics), { IR101: WARNING, IR104: ERROR });
    } finally {
      await client.stop();
    }
  });

  test('trusted from the start (the default when the client says nothing): the configuration applies in full', async () => {
    const client = await startHardeningClient();
    try {
      const { uri, text } = workspace();
      const opened = client.diagnostics(uri, (p) => p.version === 1);
      client.open(uri, 'incident-json', text);
      assert.deepEqual(severities((await opened).diagnostics), { IR101: WARNING, IR104: ERROR });
    } finally {
      await client.stop();
    }
  });

  test('hovers in an untrusted workspace explain the severities that apply: lowered, off, but not raised', async () => {
    const client = await startHardeningClient({ initializationOptions: { workspaceTrusted: false } });
    try {
      const { uri, text } = workspace();
      const opened = client.diagnostics(uri, (p) => p.version === 1);
      client.open(uri, 'incident-json', text);
      const ir104 = (await opened).diagnostics.find((d) => d.code === 'IR104')!;
      const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: ir104.range.start })) as { contents: unknown } | null;
      assert.ok(hover, 'a hover on the metadata key');
      const shown = JSON.stringify(hover.contents);
      assert.ok(shown.includes('**IR104** airflow-worker · information'), shown);
      assert.ok(shown.includes('**IR101** airflow-run-id · warning'), shown);
      assert.ok(!shown.includes('IR102'), 'a rule turned off is not explained');
    } finally {
      await client.stop();
    }
  });
});
