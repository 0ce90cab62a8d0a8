import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { getIncidentService } from '../../../server/src/service/incidentService';
import { describeValue, isEchoable } from '../../../server/src/service/util/text';
import { airflowRecord, databaseRecord, diskRecord, kubernetesRecord, pretty, sparkRecord } from '../../helpers/records';
import { incidentDocument } from '../../helpers/text';
import { POSITIVES } from './corpus';

function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

const NOW = Date.parse('2025-01-01T00:00:00Z');
const service = getIncidentService({ now: () => NOW });

/**
 * Short secrets made only of characters that messages otherwise echo
 * (letters, digits, `_ . : / @ + -`, at most 40 long): only the secret
 * detector stands between them and a message.
 */
const SHORT = {
  hf: 'hf_' + 'FAKEqwertyuiopasdfghjklzxcvbnmQWER',
  redis: 'redis://:Pw0rd-x1Zq@cache-01',
  oracle: 'scott/T1ger2024@ora-prod:1521/PDB1',
  basic: 'https://deploy:9fK2mQ7zL4@nexus.io',
  dsn: 'app:Gh7kL2qZ@/orders',
};
const SHORT_PARTS = ['FAKEqwertyuiopasdfghjklzxcvbnmQWER', 'Pw0rd-x1Zq', 'T1ger2024', '9fK2mQ7zL4', 'Gh7kL2qZ'];

suite('no message echoes a secret', () => {
  test('isEchoable refuses every short secret and describeValue does not show it', () => {
    for (const value of Object.values(SHORT)) {
      assert.equal(isEchoable(value), false, value);
      assert.equal(describeValue(value), 'the string');
    }
    assert.equal(isEchoable('orders-db-primary.prod.internal'), true);
    assert.equal(isEchoable('db-replica-02:5432'), true);
    assert.equal(isEchoable('postgres://reporting@db-02/x'), true);
  });

  test('isEchoable refuses every positive of the corpus', () => {
    for (const p of POSITIVES) {
      assert.equal(isEchoable(p.text), false, p.note);
      assert.equal(describeValue(p.text), 'the string');
    }
  });

  test('secrets planted where rules quote values never reach a message', () => {
    const planted: { record: Record<string, any>; secrets: string[] }[] = [];
    const makers = [airflowRecord, databaseRecord, sparkRecord, kubernetesRecord, diskRecord];
    const values = Object.values(SHORT);
    makers.forEach((make, i) => {
      const record = make();
      const value = values[i];
      record.incident.service = value; // IR008 quotes unknown services
      record.incident.severity = values[(i + 1) % values.length]; // IR004 quotes enum values
      record.actions_taken[0].action = values[(i + 2) % values.length]; // IR009 quotes action types
      record.incident[values[(i + 3) % values.length]] = 'x'; // IR007 quotes unknown property names
      record.resolution_time = values[(i + 4) % values.length]; // IR003 may quote the wrong value
      record.actions_taken[1].timestamp = value; // IR005 format
      record.incident.title = `Login to ${value} failed`;
      planted.push({ record, secrets: values });
    });
    // Every positive of the corpus, as a description, an action error and a log excerpt.
    for (const p of POSITIVES) {
      const record = databaseRecord();
      record.incident.description = p.text;
      record.actions_taken[0].error = p.text;
      record.incident.metadata.error_details.connection_string = p.text;
      record.incident.metadata.database_name = p.secrets[0].secret;
      planted.push({ record, secrets: p.secrets.map((s) => s.secret) });
    }
    let diagnostics = 0;
    for (const { record, secrets } of planted) {
      for (const d of service.diagnostics(incidentDocument(pretty(record)))) {
        diagnostics++;
        for (const secret of [...secrets, ...SHORT_PARTS]) {
          assert.ok(!messageOf(d).includes(secret), `${d.code} echoes a secret: ${messageOf(d)}`);
        }
      }
    }
    assert.ok(diagnostics > planted.length, 'the planted records produced diagnostics');
  });
});
