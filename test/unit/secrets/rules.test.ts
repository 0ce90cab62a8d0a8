import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { Diagnostic } from 'vscode-languageserver-types';
import { getIncidentService } from '../../../server/src/service/incidentService';
import { airflowRecord, databaseRecord, kubernetesRecord, line, pretty, RECORDS, sparkRecord } from '../../helpers/records';
import { incidentDocument, rangeOf } from '../../helpers/text';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const service = getIncidentService({ now: () => NOW });

function diagnose(text: string, format: 'json' | 'jsonl' = 'json'): Diagnostic[] {
  return service.diagnostics(incidentDocument(text, format));
}

function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function secrets(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.code === 'IR112' || d.code === 'IR301');
}

const GITHUB_TOKEN = 'ghp_' + 'FAKE0aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0u';
const AWS_SECRET = 'Fa9KE/wJalrXUtn3MI7K7MDENGbPxRfiCYq2x8Ke';

suite('IR112 db-connection-string-secret', () => {
  test('a password in the connection string: one IR112 on the password, no IR301', () => {
    const record = databaseRecord();
    record.incident.metadata.error_details.connection_string = 'postgres://reporting:Summer2024!@db-replica-02:5432/analytics';
    const text = pretty(record);
    const found = secrets(diagnose(text));
    assert.equal(found.length, 1);
    const [d] = found;
    assert.equal(d.code, 'IR112');
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'incident-records');
    assert.deepEqual(d.range, rangeOf(text, 'Summer2024!'));
    assert.deepEqual(d.data, { pointer: '/incident/metadata/error_details/connection_string', kinds: ['url-password'], recordIndex: 0 });
    assert.match(messageOf(d), /URL userinfo password/);
    assert.match(messageOf(d), /Include connection string \(sanitized\)/);
    assert.match(messageOf(d), /\*\*\*/);
    assert.ok(messageOf(d).includes('"postgres://reporting:***@db-replica-02:5432/analytics"'), messageOf(d));
    assert.ok(!messageOf(d).includes('Summer2024!'));
  });

  test('an ADO.NET Password= pair is named as such', () => {
    const record = databaseRecord();
    record.incident.metadata.database_type = 'postgres';
    record.incident.metadata.error_details.connection_string = "Host=orders-db-primary;Port=5432;Database=orders;Username=orders_api;Password='Np;gsql-77';SSL Mode=Require";
    const text = pretty(record);
    const [d, ...rest] = secrets(diagnose(text));
    assert.equal(rest.length, 0);
    assert.equal(d.code, 'IR112');
    assert.match(messageOf(d), /Password= pair/);
    assert.deepEqual(d.range, rangeOf(text, 'Np;gsql-77'));
    assert.deepEqual((d.data as { kinds: string[] }).kinds, ['password-pair']);
  });

  test('with an escape before the password the range is the whole value', () => {
    const record = databaseRecord();
    record.incident.metadata.error_details.connection_string = 'Server=sql01;User Id="orders"app";Password=Tr0ub4dor-3;';
    const text = pretty(record);
    const [d] = secrets(diagnose(text));
    assert.equal(d.code, 'IR112');
    const value = JSON.stringify(record.incident.metadata.error_details.connection_string);
    assert.deepEqual(d.range, rangeOf(text, value));
  });

  test('several credentials: one diagnostic listing every kind', () => {
    const record = databaseRecord();
    record.incident.metadata.error_details.connection_string = `jdbc:postgresql://pg-analytics:5432/events?user=analyst&password=An4lyst!Q2&sslpassword=Cl1entK3y-Pass`;
    const found = secrets(diagnose(pretty(record)));
    assert.equal(found.length, 1);
    assert.deepEqual((found[0].data as { kinds: string[] }).kinds, ['jdbc-password']);
  });

  test('the clean example, a masked string and IAM auth are silent', () => {
    for (const value of [
      'postgresql://orders_api@orders-db-primary.prod.internal:5432/orders?sslmode=require',
      'postgres://reporting:***@db-replica-02:5432/analytics',
      'mongodb+srv://cluster0.ab1cd.mongodb.net/orders?authMechanism=MONGODB-AWS&authSource=%24external',
      'Server=sql01;Database=orders;Trusted_Connection=yes;',
    ]) {
      const record = databaseRecord();
      record.incident.metadata.error_details.connection_string = value;
      assert.deepEqual(secrets(diagnose(pretty(record))), [], value);
    }
  });

  test('IR112 is a database rule: a connection_string elsewhere is IR301', () => {
    const record = airflowRecord();
    record.actions_taken[0].parameters.connection_string = 'postgres://airflow:Airfl0w-Db-Pw@airflow-db:5432/airflow';
    const text = pretty(record);
    const found = secrets(diagnose(text));
    assert.deepEqual(found.map((d) => d.code), ['IR301']);
    assert.deepEqual(found[0].range, rangeOf(text, 'Airfl0w-Db-Pw'));
    assert.equal((found[0].data as { pointer: string }).pointer, '/actions_taken/0/parameters/connection_string');
  });

  test('a connection_string in a database record action is IR301, the metadata one IR112', () => {
    const record = databaseRecord();
    record.incident.metadata.error_details.connection_string = 'postgres://reporting:Summer2024!@db-replica-02:5432/analytics';
    record.actions_taken[2].parameters.connection_string = 'postgres://reporting:Summer2024!@db-replica-02:5432/analytics';
    const found = secrets(diagnose(pretty(record)));
    assert.deepEqual(found.map((d) => [d.code, (d.data as { pointer: string }).pointer]), [
      ['IR112', '/incident/metadata/error_details/connection_string'],
      ['IR301', '/actions_taken/2/parameters/connection_string'],
    ]);
  });
});

suite('IR301 secret', () => {
  for (const [name, make] of Object.entries(RECORDS)) {
    test(`the clean ${name} record has no secret diagnostic`, () => {
      assert.deepEqual(secrets(diagnose(pretty(make()))), []);
    });
  }

  test("a GitHub token in an action's error: one IR301 on the token", () => {
    const record = airflowRecord();
    record.actions_taken[0].error = `git fetch failed: token ${GITHUB_TOKEN} was rejected by github.com`;
    const text = pretty(record);
    const found = secrets(diagnose(text));
    assert.equal(found.length, 1);
    const [d] = found;
    assert.equal(d.code, 'IR301');
    assert.equal(d.severity, 1);
    assert.deepEqual(d.range, rangeOf(text, GITHUB_TOKEN));
    const start = record.actions_taken[0].error.indexOf(GITHUB_TOKEN);
    assert.deepEqual(d.data, { pointer: '/actions_taken/0/error', kinds: ['github-token'], within: [start, start + GITHUB_TOKEN.length], recordIndex: 0 });
    assert.match(messageOf(d), /a GitHub token/);
    assert.ok(!messageOf(d).includes(GITHUB_TOKEN));
  });

  test('a password in worker_log_excerpt, JSON Lines', () => {
    const record = airflowRecord();
    record.incident.metadata.error_details.worker_log_excerpt = 'psycopg2.OperationalError: connection to postgres://etl:Etl-Pass-2024@warehouse-01:5432/dw failed: timeout expired';
    const text = line(airflowRecord()) + '\n' + line(record) + '\n';
    const found = secrets(diagnose(text, 'jsonl'));
    assert.equal(found.length, 1);
    assert.equal(found[0].code, 'IR301');
    assert.deepEqual(found[0].range, rangeOf(text, 'Etl-Pass-2024'));
    assert.equal((found[0].data as { recordIndex: number }).recordIndex, 1);
  });

  test('one diagnostic per string, listing every kind', () => {
    const record = kubernetesRecord();
    record.incident.metadata.error_details.message = `env dump: AWS_SECRET_ACCESS_KEY=${AWS_SECRET} GITHUB_TOKEN=${GITHUB_TOKEN}`;
    const found = secrets(diagnose(pretty(record)));
    assert.equal(found.length, 1);
    assert.deepEqual((found[0].data as { kinds: string[] }).kinds, ['aws-secret-key', 'github-token']);
    assert.match(messageOf(found[0]), /an AWS secret access key and a GitHub token/);
  });

  test('a password given as an action parameter is reported on the value', () => {
    const record = databaseRecord();
    record.actions_taken[2].parameters.password = 'Summer2024!';
    const text = pretty(record);
    const found = secrets(diagnose(text));
    assert.equal(found.length, 1);
    assert.equal(found[0].code, 'IR301');
    assert.deepEqual(found[0].range, rangeOf(text, 'Summer2024!'));
    assert.deepEqual((found[0].data as { kinds: string[] }).kinds, ['credential-field']);
  });

  test('a secret used as a property name is reported on the key', () => {
    const record = sparkRecord();
    record.actions_taken[1].parameters.config[GITHUB_TOKEN] = 'true';
    const text = pretty(record);
    const found = secrets(diagnose(text)).filter((d) => (d.data as { key?: boolean }).key);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].range, rangeOf(text, `"${GITHUB_TOKEN}"`));
    assert.equal((found[0].data as { pointer: string }).pointer, `/actions_taken/1/parameters/config/${GITHUB_TOKEN}`);
  });

  test('look-alikes in realistic records stay silent', () => {
    const record = kubernetesRecord();
    record.incident.description = 'FATAL: password authentication failed for user "orders_api"; reset the password and redeploy.';
    record.incident.metadata.error_details.message = 'image registry.internal:5000/checkout-api@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, secretName: checkout-db-creds';
    record.actions_taken[0].parameters.password = '***';
    record.actions_taken[1].error = 'token expired at 2024-07-20T09:15:00Z; AKIAIOSFODNN7EXAMPLE is the documented example key';
    assert.deepEqual(secrets(diagnose(pretty(record))), []);
  });
});
