/**
 * The configuration's `actions` section: a team's own action types and
 * parameter aliases, end to end through the core (configuration → checks,
 * completion, hover, fixes). The CLI and the server read the same
 * configuration (test/cli/declaredActions.test.ts, test/server/declaredActions.test.ts).
 */
import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { catalogFor, parseConfig } from '../../../server/src/service/config/config';
import { getIncidentService } from '../../../server/src/service/incidentService';
import { databaseRecord, pretty } from '../../helpers/records';
import { TEAM_CONFIG } from '../../helpers/teamConfig';
import { caret, incidentDocument } from '../../helpers/text';

const config = parseConfig(JSON.stringify(TEAM_CONFIG), '/team/.incident-records.json');
const catalog = catalogFor(config);
const NOW = Date.parse('2025-01-01T00:00:00Z');
const withConfig = getIncidentService({ now: () => NOW, catalogOf: () => catalog });
const without = getIncidentService({ now: () => NOW });

function failover(parameters: Record<string, unknown>) {
  const record = databaseRecord();
  record.actions_taken[0] = { action: 'failover_database', parameters, result: 'success', timestamp: record.actions_taken[0].timestamp };
  return pretty(record);
}

suite('a team’s own action types (.incident-records.json "actions")', () => {
  test('the configuration reads them without problems, and reports a broken entry with its position', () => {
    assert.deepEqual(config.problems, []);
    assert.deepEqual(Object.keys(config.actions?.types ?? {}), ['failover_database']);
    const broken = parseConfig('{"actions": {"types": {"restart_pod": {}, "Bad Name": {}, "x": {"family": "oracle", "parameters": {"p": {"type": "text"}}}}}}', '/w/.incident-records.json');
    assert.deepEqual(
      broken.problems.map((p) => p.message),
      [
        'restart_pod is an action type of the catalogue already; declare your own under another name.',
        'Action type "Bad Name" must be lower case with underscores, like the catalogue\'s (e.g. failover_database).',
        'actions.types.x.family must be airflow, database, spark, kubernetes or system.',
        'actions.types.x.parameters.p.type must be one of string, number, integer, boolean, object, array.',
      ],
    );
  });

  test('a declared action is no IR009; without the configuration it is', () => {
    const text = failover({ database_host: 'db-prod-01.internal' });
    assert.deepEqual(withConfig.diagnostics(incidentDocument(text)).map((d) => d.code), []);
    assert.deepEqual(without.diagnostics(incidentDocument(text)).map((d) => d.code), ['IR009']);
  });

  test('its target, family and parameter types are checked like the catalogue’s (IR161, IR206, IR003), its aliases hinted (IR162)', () => {
    assert.deepEqual(withConfig.diagnostics(incidentDocument(failover({ replica_host: 'db-prod-02' }))).map((d) => d.code), ['IR161']);
    assert.deepEqual(withConfig.diagnostics(incidentDocument(failover({ database_host: 'db-1', timeout_seconds: 'soon' }))).map((d) => d.code), ['IR003']);
    const aliased = withConfig.diagnostics(incidentDocument(failover({ primary_host: 'db-1' })));
    assert.deepEqual(aliased.map((d) => [d.code, d.severity]), [['IR162', 4]]);
    const airflow = JSON.parse(failover({ database_host: 'db-1' }));
    airflow.incident.service = 'airflow';
    assert.ok(withConfig.diagnostics(incidentDocument(pretty(airflow))).some((d) => d.code === 'IR206'));
    // The catalogue's own parameters take the configuration's aliases too.
    const disk = JSON.parse(failover({ database_host: 'db-1' }));
    disk.actions_taken[0] = { action: 'restart_service', parameters: { box: 'web-1', service: 'nginx' }, result: 'success', timestamp: disk.actions_taken[0].timestamp };
    const hints = withConfig.diagnostics(incidentDocument(pretty(disk))).filter((d) => d.code === 'IR162');
    assert.ok(hints.some((d) => /"box" is restart_service's server_hostname/.test(String(d.message))), hints.map((d) => d.message).join(' | '));
  });

  test('completion offers it among the record’s own actions, with its target pre-filled from the metadata', async () => {
    const record = databaseRecord();
    const written = pretty(record);
    const end = written.indexOf('\n  ],\n  "learning_feedback"');
    const { text: source, offset } = caret(`${written.slice(0, end)},\n    |${written.slice(end)}`);
    const document = incidentDocument(source);
    const list = await withConfig.complete(document, document.positionAt(offset));
    const item = list?.items.find((i) => i.label === 'failover_database');
    assert.ok(item, `offered among ${list?.items.map((i) => i.label).join(', ')}`);
    assert.equal(item.labelDetails?.description, 'Database · team');
    assert.match((item.textEdit as { newText: string }).newText, new RegExp(`"database_host": "${record.incident.metadata.database_host}"`));
    const plain = await without.complete(document, document.positionAt(offset));
    assert.ok(!plain?.items.some((i) => i.label === 'failover_database'));
  });

  test('hover describes it with its parameters, targets and aliases', async () => {
    const text = failover({ database_host: 'db-1' });
    const document = incidentDocument(text);
    const hover = await withConfig.hover(document, document.positionAt(text.indexOf('"failover_database"') + 2));
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /\*\*failover_database\*\* · Database action, declared in the configuration/);
    assert.match(value, /Promote the replica/);
    assert.match(value, /\| `database_host` \| string \| yes \| Primary that failed\. \(fill from incident\.metadata\.database_host\) Also accepted as `host`, .*`primary_host`\. \|/);
    assert.match(value, /Targets: `database_host`\./);
  });

  test('an unknown type close to a declared one is fixed to it', () => {
    const text = failover({ database_host: 'db-1' }).replace('"failover_database"', '"failover_databse"');
    const document = incidentDocument(text);
    const diagnostics = withConfig.diagnostics(document);
    assert.deepEqual(diagnostics.map((d) => d.code), ['IR009']);
    const [first] = withConfig.getCodeActions(document, diagnostics, {});
    assert.equal(first.title, 'Change to "failover_database"');
  });
});
