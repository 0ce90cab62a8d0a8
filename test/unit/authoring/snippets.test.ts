/**
 * The snippet files are generated from the schema (npm run generate:snippets);
 * these tests fail when the committed files are stale, and check that each
 * skeleton, expanded with its defaults, is a clean record with every
 * guideline field of its service.
 */
import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { parse } from 'jsonc-parser';
import { SERVICES } from '../../../server/src/service/catalog';
import { SNIPPET_FILES, snippetFiles } from '../../../server/src/service/completion/snippetFiles';
import { skeletonProse } from '../../../server/src/service/completion/skeletons';
import { getIncidentService } from '../../../server/src/service/incidentService';
import { schemaDef, SchemaNode, deref } from '../../../server/src/service/schema/schemaStore';
import { sparkRecord, pretty } from '../../helpers/records';
import { readRepoFile } from '../../helpers/text';
import { freshDocument } from './editing';
import { expandSnippet, timeVariables } from './snippetExpansion';

const service = getIncidentService({ now: () => Date.parse('2025-01-01T00:00:00Z') });
const variables = timeVariables('2024-03-14T09:00:00+01:00');

type Snippets = Record<string, { prefix: string; description: string; body: string[] }>;

function snippets(format: 'json' | 'jsonl'): Snippets {
  return parse(readRepoFile(SNIPPET_FILES[format])) as Snippets;
}

/** Every property path of a schema object, nested objects included (`error_details.last_heartbeat`). */
function propertyPaths(node: SchemaNode | undefined, prefix = ''): string[] {
  const schema = deref(node);
  return Object.entries(schema?.properties ?? {}).flatMap(([name, sub]) => {
    const path = `${prefix}${name}`;
    const nested = deref(sub)?.type === 'object' ? propertyPaths(sub, `${path}.`) : [];
    return [path, ...nested];
  });
}

function has(value: unknown, path: string): boolean {
  let current = value;
  for (const segment of path.split('.')) {
    if (!current || typeof current !== 'object' || !(segment in current)) {
      return false;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return true;
}

/** Scalars and empty containers: the values a user fills. */
function leaves(value: unknown): number {
  if (Array.isArray(value)) {
    return value.length ? value.reduce((n: number, v) => n + leaves(v), 0) : 1;
  }
  if (value && typeof value === 'object') {
    const entries = Object.values(value);
    return entries.length ? entries.reduce((n: number, v) => n + leaves(v), 0) : 1;
  }
  return 1;
}

suite('authoring: snippets', () => {
  test('the committed snippet files are what the schema generates (npm run generate:snippets)', () => {
    const generated = snippetFiles();
    for (const format of ['json', 'jsonl'] as const) {
      assert.equal(readRepoFile(SNIPPET_FILES[format]), generated[format], `${SNIPPET_FILES[format]} is out of date: run npm run generate:snippets`);
    }
  });

  test('they are contributed for the product languages only, with distinctive prefixes', () => {
    const manifest = JSON.parse(readRepoFile('package.json'));
    assert.deepEqual(manifest.contributes.snippets, [
      { language: 'incident-json', path: './snippets/incident-json.code-snippets' },
      { language: 'incident-jsonl', path: './snippets/incident-jsonl.code-snippets' },
    ]);
    for (const format of ['json', 'jsonl'] as const) {
      const prefixes = Object.values(snippets(format)).map((s) => s.prefix);
      assert.deepEqual(prefixes, ['ir-airflow', 'ir-database', 'ir-spark', 'ir-kubernetes', 'ir-disk', 'ir-action', 'ir-failure-analysis']);
    }
    // The New Record command finds the skeletons by these names.
    assert.deepEqual(Object.keys(snippets('json')).slice(0, 5), SERVICES.map((s) => `Incident record: ${s}`));
  });

  /** The skeleton with every prose placeholder ("Short summary of the incident", …) written over, as a person would. */
  const writeProse = (text: string): string => [...skeletonProse()].reduce((t, prose) => t.split(JSON.stringify(prose)).join('"Written by hand"'), text);

  test('fields every service shares hold no example of one service: only prose to write over, the service and choices', () => {
    const strings = (value: unknown): string[] =>
      typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(strings) : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];
    const prose = skeletonProse();
    for (const name of SERVICES) {
      const record = JSON.parse(expandSnippet(snippets('json')[`Incident record: ${name}`].body.join('\n'), { variables }).text);
      const shared = { ...record, incident: { ...record.incident, metadata: {}, service: undefined, severity: undefined } };
      for (const text of strings(shared)) {
        assert.ok(prose.has(text), `${name}: ${JSON.stringify(text)} is an example, not a placeholder`);
      }
    }
  });

  for (const name of SERVICES) {
    test(`the ${name} skeleton expands to a record with every ${name} metadata field, a tab stop per value, clean once its prose is written`, () => {
      const body = snippets('json')[`Incident record: ${name}`].body.join('\n');
      const expansion = expandSnippet(body, { variables });
      const record = JSON.parse(expansion.text);
      assert.equal(record.incident.service, name);
      const missing = propertyPaths(schemaDef(`${name}Metadata`)).filter((path) => !has(record.incident.metadata, path));
      assert.deepEqual(missing, [], 'every metadata field, so every guideline field');
      const left = service.diagnostics(freshDocument(expansion.text));
      assert.ok(left.length >= 4, 'title, description, a tag and the outcome at least');
      assert.deepEqual([...new Set(left.map((d) => d.code))], ['IR211'], 'an unfilled skeleton has only its placeholders to report');
      assert.deepEqual(service.diagnostics(freshDocument(writeProse(expansion.text))), []);
      const numbers = [...expansion.stops.keys()].sort((a, b) => a - b);
      assert.deepEqual(numbers, numbers.map((_, i) => i + 1), 'tab stops numbered in order');
      const placeholderKeys = (body.match(/"\$\{\d+:[^}]*\}":/g) ?? []).length;
      assert.equal(numbers.length, leaves(record) - 1 + placeholderKeys, 'every value but the service is a tab stop');
    });

    test(`the ${name} JSON Lines skeleton is one line that expands to the same clean record`, () => {
      const { body } = snippets('jsonl')[`Incident record: ${name}`];
      assert.equal(body.length, 1);
      const expansion = expandSnippet(body[0], { variables });
      assert.doesNotMatch(expansion.text, /\n/);
      const json = JSON.parse(expandSnippet(snippets('json')[`Incident record: ${name}`].body.join('\n'), { variables }).text);
      assert.deepEqual(JSON.parse(expansion.text), json);
      assert.deepEqual(service.diagnostics(freshDocument(`${writeProse(expansion.text)}\n`, 'jsonl')), []);
    });
  }

  test('the failure analysis snippet completes a failed record', () => {
    const record = sparkRecord();
    delete record.learning_feedback.failure_analysis;
    const text = pretty(record);
    const member = expandSnippet(snippets('json')['Incident failure analysis'].body.join('\n'), {
      values: { 1: 'One partition held 40% of the events', 2: 'data-platform on-call', 3: 'adjust_spark_config', 4: '-0.1' },
    }).text;
    const at = text.indexOf('"new_patterns_learned"');
    const withAnalysis = `${text.slice(0, at)}${member.replace(/\n/g, '\n    ')},\n    ${text.slice(at)}`;
    assert.deepEqual(Object.keys(JSON.parse(withAnalysis).learning_feedback.failure_analysis), Object.keys(schemaDef('failureAnalysis')!.properties!));
    assert.deepEqual(service.diagnostics(freshDocument(withAnalysis)), []);
  });

  test('the action snippet offers every action type and the four members of an action', () => {
    const body = snippets('jsonl')['Incident action'].body;
    assert.equal(body.length, 1);
    const action = JSON.parse(expandSnippet(body[0], { variables, values: { 1: 'restart_pod' } }).text);
    assert.deepEqual(action, { action: 'restart_pod', parameters: {}, result: 'success', timestamp: '2024-03-14T09:00:00+01:00' });
    assert.throws(() => expandSnippet(body[0], { variables, values: { 1: 'reboot_everything' } }), /not one of the choices/);
  });
});
