/**
 * Fixes that know what was meant: values written the way people say them
 * (a vocabulary set written from the seed alone, one such value per record,
 * test/fixtures/outside/generated/vocabulary.*), through every code that
 * uses the vocabulary (IR004, IR008, IR009, IR007).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { suite, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { fixAll } from '../../../server/src/service/fixes';
import { getIncidentService } from '../../../server/src/service/incidentService';
import { OUTSIDE_NOW, outsideDir } from '../../helpers/outside';
import { airflowRecord, databaseRecord, kubernetesRecord, line, pretty, sparkRecord } from '../../helpers/records';
import { incidentDocument } from '../../helpers/text';

const service = getIncidentService({ now: () => OUTSIDE_NOW });

interface Entry {
  readonly line: number;
  readonly path: string;
  readonly written: string;
  readonly intended: string;
  readonly code: string;
}

const text = fs.readFileSync(outsideDir('generated', 'vocabulary.incidents.jsonl'), 'utf8');
const entries = (JSON.parse(fs.readFileSync(outsideDir('generated', 'vocabulary-manifest.json'), 'utf8')) as { entries: Entry[] }).entries;

function valueAt(record: unknown, dotted: string): unknown {
  return dotted
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), record);
}

/** The code actions as VS Code asks for them: resolving "Fix all <code>" later, with the file's counts at hand. */
function actionsFor(source: string, format: 'json' | 'jsonl', diagnostics: Diagnostic[], all: readonly Diagnostic[] = diagnostics) {
  const counts = new Map<string, number>();
  all.forEach((d) => counts.set(String(d.code), (counts.get(String(d.code)) ?? 0) + 1));
  return service.getCodeActions(incidentDocument(source, format), diagnostics, { documentChanges: true, resolveEdits: true, problemCount: (code) => counts.get(code) ?? 0 });
}

suite('the vocabulary: what people write, and what they mean', () => {
  const document = incidentDocument(text, 'jsonl');
  const diagnostics = service.diagnostics(document);

  for (const entry of entries) {
    test(`${entry.code}: ${JSON.stringify(entry.written)} means ${JSON.stringify(entry.intended)}: the message says so, the preferred quick fix writes it`, () => {
      const here = diagnostics.filter((d) => d.range.start.line === entry.line && d.severity !== 4);
      const diagnostic = here.find((d) => d.code === entry.code);
      assert.ok(diagnostic, `${entry.code} on line ${entry.line + 1}: ${here.map((d) => d.code).join(', ')}`);
      assert.deepEqual(
        here.map((d) => d.code),
        [entry.code],
        'one problem, one diagnostic',
      );
      assert.match(String(diagnostic.message), new RegExp(`Did you mean "${entry.intended}"`));
      const [first] = actionsFor(text, 'jsonl', [diagnostic]);
      assert.equal(first?.title, `Change to "${entry.intended}"`);
      assert.equal(first?.isPreferred, true);
    });
  }

  test('fix-all (and lint --fix) writes every intended value, and a second run changes nothing', () => {
    const fixed = fixAll(text, 'jsonl', { now: OUTSIDE_NOW });
    const lines = fixed.text.split('\n');
    for (const entry of entries) {
      assert.equal(valueAt(JSON.parse(lines[entry.line]), entry.path), entry.intended, `line ${entry.line + 1}`);
    }
    const loud = service.diagnostics(incidentDocument(fixed.text, 'jsonl')).filter((d) => d.severity === 1 || d.severity === 2);
    assert.deepEqual(loud.map((d) => `${d.range.start.line + 1} ${d.code}`), []);
    assert.equal(fixAll(fixed.text, 'jsonl', { now: OUTSIDE_NOW }).applied, 0, 'idempotent');
    for (const code of new Set(entries.map((e) => e.code))) {
      assert.ok((fixed.byCode[code] ?? 0) >= entries.filter((e) => e.code === code).length, `${code} counted in the summary`);
    }
  });

  test('a service fix follows the record, not the spelling: a kubernetes record whose service reads "Airflow"', () => {
    const record = kubernetesRecord();
    record.incident.service = 'Airflow';
    const source = pretty(record);
    const [diagnostic] = service.diagnostics(incidentDocument(source)).filter((d) => d.code === 'IR008');
    assert.match(String(diagnostic.message), /Did you mean "kubernetes" \(the record's metadata and actions are those of a kubernetes record\)/);
    assert.deepEqual(
      actionsFor(source, 'json', [diagnostic]).map((a) => [a.title, a.isPreferred ?? false]),
      [
        ['Change to "kubernetes"', true],
        ['Change to "airflow"', false],
      ],
    );
    const fixed = fixAll(source, 'json', { now: OUTSIDE_NOW }).text;
    assert.equal(JSON.parse(fixed).incident.service, 'kubernetes');
    assert.deepEqual(service.diagnostics(incidentDocument(fixed)).filter((d) => d.severity === 1 || d.severity === 2), []);
  });

  test('an action-type fix stays within the record’s families', () => {
    const spark = sparkRecord();
    spark.actions_taken[0].action = 'restart_application';
    const source = pretty(spark);
    const [diagnostic] = service.diagnostics(incidentDocument(source)).filter((d) => d.code === 'IR009');
    const titles = actionsFor(source, 'json', [diagnostic]).map((a) => a.title);
    assert.equal(titles[0], 'Change to "restart_spark_job"', titles.join(' | '));
    assert.ok(!titles.slice(0, 2).includes('Change to "restart_pod"'), 'a Kubernetes action is never before the record’s own');
  });

  test('IR007: another tool’s name, another spelling or a shortened name of a field the object lacks', () => {
    for (const [record, from, to] of [
      [databaseRecord(), 'database_host', 'host'],
      [airflowRecord(), 'dag_run_id', 'dagRunId'],
      [airflowRecord(), 'dag_run_id', 'dag_run'],
      [kubernetesRecord(), 'pod_name', 'pod'],
    ] as const) {
      const metadata = record.incident.metadata as Record<string, unknown>;
      metadata[to] = metadata[from];
      delete metadata[from];
      const source = line(record);
      const found = service.diagnostics(incidentDocument(source, 'jsonl'));
      assert.deepEqual(
        found.map((d) => d.code),
        ['IR007'],
        `${to}: one problem (not also a missing ${from})`,
      );
      assert.match(String(found[0].message), new RegExp(`Did you mean "${from}"`));
      const fixed = fixAll(source, 'jsonl', { now: OUTSIDE_NOW }).text;
      assert.equal((JSON.parse(fixed).incident.metadata as Record<string, unknown>)[from], metadata[to], `${to} renamed to ${from}`);
    }
  });

  test('quick fixes are offered for at least 90 % of the fixable diagnostics of the defect corpora', () => {
    const small = fs.readFileSync(outsideDir('generated', 'small.incidents.jsonl'), 'utf8');
    let fixable = 0;
    let offered = 0;
    const without: string[] = [];
    for (const source of [text, small]) {
      const all = service.diagnostics(incidentDocument(source, 'jsonl'));
      for (const d of all.filter((x) => ['IR002', 'IR003', 'IR004', 'IR007', 'IR008', 'IR009', 'IR101', 'IR112', 'IR161', 'IR162', 'IR201', 'IR203', 'IR204', 'IR301'].includes(String(x.code)))) {
        fixable++;
        if (actionsFor(source, 'jsonl', [d], all).some((a) => a.kind === 'quickfix' && a.edit)) {
          offered++;
        } else {
          without.push(`${d.code} line ${d.range.start.line + 1}`);
        }
      }
    }
    assert.ok(fixable > 100, `${fixable} fixable diagnostics`);
    assert.ok(offered / fixable >= 0.9, `${offered} of ${fixable}; without a fix: ${without.join(', ')}`);
  });
});
