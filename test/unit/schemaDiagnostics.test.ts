import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { Diagnostic } from 'vscode-languageserver-types';
import { getIncidentService } from '../../server/src/service/incidentService';
import { incidentDocument, rangeOf } from '../helpers/text';
import { RECORDS, airflowRecord, databaseRecord, kubernetesRecord, line, pretty, sparkRecord } from '../helpers/records';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const service = getIncidentService({ now: () => NOW });

function diagnose(text: string, format: 'json' | 'jsonl' = 'json'): Diagnostic[] {
  return service.diagnostics(incidentDocument(text, format));
}

function only(diagnostics: Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

suite('schema diagnostics (IR001–IR010)', () => {
  for (const [name, make] of Object.entries(RECORDS)) {
    test(`a clean ${name} record has no diagnostic`, () => {
      assert.deepEqual(diagnose(pretty(make())), []);
    });
  }

  test('IR001: invalid JSON is reported where it breaks, once', () => {
    const text = pretty(airflowRecord()).replace('"severity": "high",', '"severity": "high"');
    const diagnostics = diagnose(text);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, 'IR001');
    assert.equal(diagnostics[0].source, 'incident-records');
    assert.match(String(diagnostics[0].message), /comma/i);
    assert.deepEqual(diagnostics[0].range.start, rangeOf(text, '"tags"').start);
  });

  test('IR001: a trailing comma is named as such', () => {
    const text = pretty(kubernetesRecord()).replace('"knowledge_base_updated": false', '"knowledge_base_updated": false,');
    const [d] = diagnose(text);
    assert.equal(d.code, 'IR001');
    assert.match(String(d.message), /trailing comma/i);
  });

  test('IR002: a missing required property is reported on the key of the object that lacks it', () => {
    const record = airflowRecord();
    delete (record.incident as Record<string, unknown>).severity;
    const text = pretty(record);
    const diagnostics = diagnose(text);
    assert.equal(diagnostics.length, 1);
    const [d] = diagnostics;
    assert.equal(d.code, 'IR002');
    assert.equal(d.severity, 1);
    assert.deepEqual(d.range, rangeOf(text, '"incident"'));
    assert.match(String(d.message), /"severity"/);
    assert.equal((d.data as { pointer: string }).pointer, '/incident');
    assert.equal((d.data as { property: string }).property, 'severity');
  });

  test('IR002: a property missing at the top level points at the opening brace', () => {
    const record = airflowRecord();
    delete record.success;
    const text = pretty(record);
    const [d] = only(diagnose(text), 'IR002');
    assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
  });

  test('IR002: an action lacking a property points at its opening brace', () => {
    const record = kubernetesRecord();
    const actions = record.actions_taken as Record<string, unknown>[];
    delete actions[1].result;
    const text = pretty(record);
    const [d] = only(diagnose(text), 'IR002');
    const braceOffset = text.lastIndexOf('{', text.indexOf('"action": "restart_pod"'));
    const doc = incidentDocument(text);
    assert.deepEqual(d.range, { start: doc.positionAt(braceOffset), end: doc.positionAt(braceOffset + 1) });
    assert.equal((d.data as { pointer: string }).pointer, '/actions_taken/1');
  });

  test('IR003: a quoted number is a type error on the value', () => {
    const record = databaseRecord();
    ((record.incident as Record<string, Record<string, unknown>>).metadata as Record<string, unknown>).database_port = '5432';
    const text = pretty(record);
    const diagnostics = diagnose(text);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, 'IR003');
    assert.deepEqual(diagnostics[0].range, rangeOf(text, '"5432"'));
    assert.match(String(diagnostics[0].message), /integer|number/);
    assert.deepEqual((diagnostics[0].data as { actual: string }).actual, 'string');
  });

  test('IR004: a value outside the allowed set names the allowed values and the closest one', () => {
    const record = airflowRecord();
    (record.incident as Record<string, unknown>).severity = 'hgh';
    const text = pretty(record);
    const [d] = diagnose(text);
    assert.equal(d.code, 'IR004');
    assert.deepEqual(d.range, rangeOf(text, '"hgh"'));
    assert.match(String(d.message), /Did you mean "high"/);
    assert.match(String(d.message), /"low", "medium", "high" or "critical"/);
    assert.deepEqual((d.data as { allowed: string[] }).allowed, ['low', 'medium', 'high', 'critical']);
  });

  test('IR005: a timestamp without a time zone is malformed', () => {
    const record = kubernetesRecord();
    (record.actions_taken as Record<string, unknown>[])[0].timestamp = '2024-07-20 09:12:00';
    const text = pretty(record);
    const [d] = only(diagnose(text), 'IR005');
    assert.deepEqual(d.range, rangeOf(text, '"2024-07-20 09:12:00"'));
    assert.match(String(d.message), /ISO 8601/);
  });

  test('IR005: a Kubernetes memory quantity with a space is malformed', () => {
    const record = kubernetesRecord();
    const details = ((record.incident as Record<string, Record<string, unknown>>).metadata.error_details as Record<string, Record<string, string>>);
    details.resource_limits.memory = '512 Mi';
    const text = pretty(record);
    const [d] = only(diagnose(text), 'IR005');
    assert.deepEqual(d.range, rangeOf(text, '"512 Mi"'));
    assert.match(String(d.message), /512Mi/);
  });

  test('IR006: a score above 1 is out of range', () => {
    const record = sparkRecord();
    (record.learning_feedback as Record<string, unknown>).confidence_score = 1.5;
    const text = pretty(record);
    const [d] = only(diagnose(text), 'IR006');
    assert.deepEqual(d.range, rangeOf(text, '1.5'));
    assert.match(String(d.message), /between 0 and 1/);
  });

  test('IR007: an unknown property is a warning on its key with a suggestion', () => {
    const text = pretty(airflowRecord()).replace('"dag_id": "billing_nightly"', '"dag_idd": "billing_nightly"');
    const diagnostics = diagnose(text).filter((d) => d.code === 'IR007');
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].severity, 2);
    assert.deepEqual(diagnostics[0].range, rangeOf(text, '"dag_idd"'));
    assert.match(String(diagnostics[0].message), /Did you mean "dag_id"/);
  });

  test('IR007 does not fire on extra action parameters or extra action fields', () => {
    const record = kubernetesRecord();
    const action = record.actions_taken[1];
    action.parameters.reason = 'leak';
    action.duration_ms = 2300;
    assert.deepEqual(diagnose(pretty(record)), []);
  });

  test('IR008: an unknown service is a warning and its metadata is not checked', () => {
    const record = airflowRecord();
    (record.incident as Record<string, unknown>).service = 'airflw';
    const text = pretty(record);
    const diagnostics = diagnose(text);
    const codes = diagnostics.map((d) => d.code);
    assert.ok(codes.includes('IR008'));
    assert.ok(!codes.includes('IR007'), 'no unknown-property noise from a service branch');
    const d = only(diagnostics, 'IR008')[0];
    assert.equal(d.severity, 2);
    assert.deepEqual(d.range, rangeOf(text, '"airflw"'));
    assert.match(String(d.message), /Did you mean "airflow"/);
  });

  test('IR009: an unknown action type is an error with a suggestion', () => {
    const record = kubernetesRecord();
    (record.actions_taken as Record<string, unknown>[])[1].action = 'restart_pods';
    const text = pretty(record);
    const [d] = only(diagnose(text), 'IR009');
    assert.equal(d.severity, 1);
    assert.deepEqual(d.range, rangeOf(text, '"restart_pods"'));
    assert.match(String(d.message), /Did you mean "restart_pod"/);
  });

  test('IR010: a duplicate key is reported on the later key', () => {
    const text = pretty(kubernetesRecord()).replace('"container_name": "api",', '"container_name": "api",\n        "namespace": "payments",');
    const diagnostics = diagnose(text);
    const [d] = only(diagnostics, 'IR010');
    assert.ok(d);
    assert.deepEqual(d.range, rangeOf(text, '"namespace"', 1));
    assert.equal(only(diagnostics, 'IR010').length, 1);
  });

  test('one diagnostic per problem: a wrong type does not also produce enum or format errors', () => {
    const record = airflowRecord();
    (record.incident as Record<string, unknown>).severity = 3;
    const text = pretty(record);
    assert.deepEqual(
      diagnose(text).map((d) => d.code),
      ['IR003'],
    );
  });

  test('diagnostics carry a link to the rule documentation', () => {
    const record = airflowRecord();
    (record.incident as Record<string, unknown>).severity = 'hgh';
    const [d] = diagnose(pretty(record));
    assert.match(d.codeDescription?.href ?? '', /rules\.md#ir004$/);
  });
});

suite('documents of several records', () => {
  test('JSON Lines: a broken line does not stop the others from being checked', () => {
    const bad = airflowRecord();
    (bad.incident as Record<string, unknown>).severity = 'hgh';
    const lines = [line(databaseRecord()), '{"incident": {"title": "truncated', line(bad), '', line(kubernetesRecord())];
    const text = lines.join('\n') + '\n';
    const diagnostics = diagnose(text, 'jsonl');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [
        ['IR001', 1],
        ['IR004', 2],
      ],
    );
    const enumDiagnostic = diagnostics[1];
    assert.deepEqual(enumDiagnostic.range, { start: { line: 2, character: lines[2].indexOf('"hgh"') }, end: { line: 2, character: lines[2].indexOf('"hgh"') + 5 } });
  });

  test('JSON Lines with CRLF, a BOM and a last line without newline map positions exactly', () => {
    const bad = sparkRecord();
    ((bad.incident as Record<string, Record<string, unknown>>).metadata as Record<string, unknown>).application_id = 42;
    const first = line(airflowRecord());
    const second = line(bad);
    const text = '\uFEFF' + first + '\r\n\r\n' + second;
    const [d] = diagnose(text, 'jsonl');
    assert.equal(d.code, 'IR003');
    const column = second.indexOf('"application_id":42') + '"application_id":'.length;
    assert.deepEqual(d.range, { start: { line: 2, character: column }, end: { line: 2, character: column + 2 } });
  });

  test('JSON Lines: a line that is valid JSON but not an object is IR401', () => {
    const text = [line(airflowRecord()), '[1, 2, 3]', '"just a string"'].join('\n');
    const diagnostics = diagnose(text, 'jsonl');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [
        ['IR401', 1],
        ['IR401', 2],
      ],
    );
  });

  test('a JSON array of records is checked item by item with exact ranges', () => {
    const bad = databaseRecord();
    (((bad.incident as Record<string, Record<string, unknown>>).metadata as Record<string, unknown>).database_type as unknown) = 'postgress';
    const text = JSON.stringify([airflowRecord(), bad, diskRecordWithMissingTitle()], null, 2);
    const diagnostics = diagnose(text);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['IR004', 'IR002'],
    );
    assert.deepEqual(diagnostics[0].range, rangeOf(text, '"postgress"'));
    assert.match(String(diagnostics[0].message), /Did you mean "postgres"/);
    assert.deepEqual(diagnostics[1].range, rangeOf(text, '"incident"', 2));
    assert.equal((diagnostics[1].data as { recordIndex: number }).recordIndex, 2);
  });

  test('a JSON array with a broken item still checks the other items', () => {
    const bad = airflowRecord();
    (bad.incident as Record<string, unknown>).severity = 'hgh';
    const text = '[\n' + pretty(databaseRecord()) + ',\n' + pretty(bad).replace('"outcome"', '"outcome" "x",') + '\n]';
    const codes = diagnose(text).map((d) => d.code);
    assert.ok(codes.includes('IR001'), codes.join());
  });
});

function diskRecordWithMissingTitle(): Record<string, unknown> {
  const record = RECORDS.disk();
  delete (record.incident as Record<string, unknown>).title;
  return record;
}
