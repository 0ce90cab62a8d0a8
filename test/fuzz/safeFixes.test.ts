/**
 * A fix never makes a record worse: on records written by other teams
 * (test/fixtures/outside/), with one or two values written the way people
 * say them or mistyped, applying every safe fix (fix-all, `lint --fix`)
 * never raises the count of any code but hints, and is idempotent.
 */
import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { fixAll } from '../../server/src/service/fixes';
import { getIncidentService } from '../../server/src/service/incidentService';
import { OUTSIDE_NOW, incidentFiles, outsideDir, recordsOf } from '../helpers/outside';
import { incidentDocument } from '../helpers/text';
import { fuzz } from './fuzzKit';

const service = getIncidentService({ now: () => OUTSIDE_NOW });
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const RECORDS: Json[] = [...incidentFiles(outsideDir('team-a')), ...incidentFiles(outsideDir('team-b'))].flatMap((f) => recordsOf(f).map((r) => r.value as Json));

/** What people write instead of the schema's spelling, and what a tired hand types. */
const MUTATIONS: readonly [string, (r: Json) => void][] = [
  ['severity SEV-1', (r) => (r.incident.severity = 'SEV-1')],
  ['severity P3', (r) => (r.incident.severity = 'P3')],
  ['severity minr', (r) => (r.incident.severity = 'minr')],
  ['service k8s', (r) => (r.incident.service = 'k8s')],
  ['service Airflow', (r) => (r.incident.service = 'Airflow')],
  ['service postgres', (r) => (r.incident.service = 'postgres')],
  ['service databricks', (r) => (r.incident.service = 'databricks')],
  ['service fs', (r) => (r.incident.service = 'fs')],
  ['result ok', (r) => (r.actions_taken[0].result = 'ok')],
  ['result failure', (r) => (r.actions_taken[0].result = 'failure')],
  ['result partial', (r) => (r.actions_taken[0].result = 'partial')],
  ['action delete_pod', (r) => (r.actions_taken[0].action = 'delete_pod')],
  ['action cleanup_disk', (r) => (r.actions_taken[0].action = 'cleanup_disk')],
  ['action restart_pods', (r) => (r.actions_taken[0].action = 'restart_pods')],
  ['action kill_application', (r) => (r.actions_taken[0].action = 'kill_application')],
  ['action clear_task', (r) => (r.actions_taken[0].action = 'clear_task')],
  ['database_type pg', (r) => (r.incident.metadata.database_type = 'pg')],
  ['state stuck', (r) => (r.incident.metadata.state = 'stuck')],
  ['quoted number', (r) => (r.resolution_time = String(r.resolution_time))],
  ['renamed metadata key', (r) => renameFirstKey(r.incident.metadata, (k) => `${k}s`)],
  ['camelCase metadata key', (r) => renameFirstKey(r.incident.metadata, (k) => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()))],
  ['no dag_run_id', (r) => delete r.incident.metadata.dag_run_id],
  ['password in the connection string', (r) => r.incident.metadata.error_details && (r.incident.metadata.error_details.connection_string = 'postgresql://app:Sup3rS3cret!@db-1:5432/app')],
  ['failed action without error', (r) => ((r.actions_taken[0].result = 'failed'), delete r.actions_taken[0].error)],
  ['no failure analysis', (r) => ((r.success = false), delete r.learning_feedback.failure_analysis)],
];

function renameFirstKey(object: Json | undefined, rename: (key: string) => string): void {
  if (!object || typeof object !== 'object') return;
  const key = Object.keys(object).find((k) => k.includes('_'));
  if (key) {
    object[rename(key)] = object[key];
    delete object[key];
  }
}

function counts(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of service.diagnostics(incidentDocument(text))) {
    if (d.severity !== DiagnosticSeverity.Hint) {
      out.set(String(d.code), (out.get(String(d.code)) ?? 0) + 1);
    }
  }
  return out;
}

suite('safe fixes on records written by other teams', () => {
  test('applying every safe fix never raises the count of any other code, and a second run changes nothing', (t) => {
    const arbitrary = fc.record({
      record: fc.integer({ min: 0, max: RECORDS.length - 1 }),
      mutations: fc.uniqueArray(fc.integer({ min: 0, max: MUTATIONS.length - 1 }), { minLength: 1, maxLength: 2 }),
      indent: fc.constantFrom(2, 4, '\t'),
    });
    let applied = 0;
    fuzz(
      t,
      'safe fixes',
      arbitrary,
      ({ record, mutations, indent }) => {
        const value = structuredClone(RECORDS[record]);
        for (const m of mutations) {
          MUTATIONS[m][1](value);
        }
        const text = JSON.stringify(value, null, indent) + '\n';
        const before = counts(text);
        const fixed = fixAll(text, 'json', { now: OUTSIDE_NOW });
        applied += fixed.applied;
        const after = counts(fixed.text);
        const names = mutations.map((m) => MUTATIONS[m][0]).join(' + ');
        for (const [code, n] of after) {
          assert.ok(n <= (before.get(code) ?? 0), `${names}: ${code} ${before.get(code) ?? 0} → ${n}`);
        }
        assert.equal(fixAll(fixed.text, 'json', { now: OUTSIDE_NOW }).applied, 0, `${names}: idempotent`);
      },
      { runs: 400, seconds: 60, seed: 1307 },
    );
    assert.ok(applied > 100, `${applied} safe fixes applied`);
  });
});
