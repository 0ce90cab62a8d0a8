/**
 * The record schema (schemas/incident-record.schema.json) is the single source
 * of truth for structure, hover text and the action catalogue. These tests
 * keep it compilable in ajv's strict mode, self-consistent (its own examples
 * validate, every property is described, the catalogue is complete) and in
 * agreement with the example records shipped in examples/.
 */
import { suite, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import schema from '../../schemas/incident-record.schema.json';

type Json = null | boolean | number | string | Json[] | JsonObject;
interface JsonObject {
  [key: string]: Json;
}

const SCHEMA_ID = 'https://incident-records.dev/schemas/incident-record.schema.json';
const root = schema as unknown as JsonObject;
const defs = root.$defs as JsonObject;

const SERVICES = ['airflow', 'database', 'spark', 'kubernetes', 'disk'];
const FAMILY_DEFS = ['airflowActions', 'databaseActions', 'sparkActions', 'kubernetesActions', 'systemActions'];

/** Keywords whose value is a single subschema. */
const SUBSCHEMA_KEYWORDS = ['items', 'additionalProperties', 'if', 'then', 'else', 'not', 'contains', 'propertyNames'];
/** Keywords whose value is a map of name → subschema. */
const SCHEMA_MAP_KEYWORDS = ['properties', '$defs', 'patternProperties'];
/** Keywords whose value is an array of subschemas. */
const SCHEMA_ARRAY_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

interface Visit {
  readonly node: JsonObject;
  /** JSON pointer of the node inside the schema ('' for the root). */
  readonly pointer: string;
  /** Keywords on the way from the root to the node. */
  readonly keywords: readonly string[];
}

/** Every subschema of the schema, with its JSON pointer. Never descends into data (examples, enum, const, default). */
function walkSchema(node: Json, pointer = '', keywords: readonly string[] = []): Visit[] {
  if (!isObject(node)) {
    return [];
  }
  const visits: Visit[] = [{ node, pointer, keywords }];
  for (const keyword of SUBSCHEMA_KEYWORDS) {
    if (isObject(node[keyword])) {
      visits.push(...walkSchema(node[keyword], `${pointer}/${keyword}`, [...keywords, keyword]));
    }
  }
  for (const keyword of SCHEMA_MAP_KEYWORDS) {
    const map = node[keyword];
    if (isObject(map)) {
      for (const [name, sub] of Object.entries(map)) {
        visits.push(...walkSchema(sub, `${pointer}/${keyword}/${pointerSegment(name)}`, [...keywords, keyword]));
      }
    }
  }
  for (const keyword of SCHEMA_ARRAY_KEYWORDS) {
    const list = node[keyword];
    if (Array.isArray(list)) {
      list.forEach((sub, i) => visits.push(...walkSchema(sub, `${pointer}/${keyword}/${i}`, [...keywords, keyword])));
    }
  }
  return visits;
}

function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv;
}

let shared: { ajv: Ajv2020; validate: ValidateFunction } | undefined;

/** One strict ajv instance holding the schema, compiled once for the whole file. */
function compiled(): { ajv: Ajv2020; validate: ValidateFunction } {
  if (!shared) {
    const ajv = newAjv();
    const validate = ajv.compile(root);
    shared = { ajv, validate };
  }
  return shared;
}

function validateRecord(record: unknown): ErrorObject[] {
  const { validate } = compiled();
  return validate(record) ? [] : [...(validate.errors ?? [])];
}

/** Errors that concern the data itself, without the if/then/allOf plumbing of the discriminators. */
function dataErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  return errors.filter((e) => !['if', 'then', 'allOf'].includes(e.keyword));
}

function describeErrors(errors: readonly ErrorObject[]): string {
  return errors.map((e) => `${e.instancePath || '/'} ${e.keyword}: ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n');
}

function findRepoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        if ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'incident-records') {
          return dir;
        }
      } catch {
        // not the manifest we are looking for; keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`No incident-records package.json above ${__dirname}`);
    }
    dir = parent;
  }
}

const EXAMPLES_DIR = path.join(findRepoRoot(), 'examples');

function readExample(name: string): JsonObject {
  return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, name), 'utf8')) as JsonObject;
}

function enumOf(def: string): string[] {
  const node = defs[def];
  assert.ok(isObject(node), `$defs/${def} exists`);
  assert.ok(Array.isArray(node.enum), `$defs/${def} has an enum`);
  return node.enum.map(String);
}

suite('incident record schema', () => {
  test('compiles with Ajv2020 in strict mode with ajv-formats', () => {
    assert.doesNotThrow(() => newAjv().compile(root));
    assert.equal(root.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(root.$id, SCHEMA_ID);
    assert.equal(typeof root.title, 'string');
    assert.equal(typeof root.description, 'string');
  });

  test('uses anyOf only for the spellings of a value (and null), with inline branches; never oneOf or not', () => {
    let anyOfs = 0;
    for (const { node, pointer } of walkSchema(root)) {
      for (const keyword of ['oneOf', 'not']) {
        assert.ok(!(keyword in node), `${keyword} at ${pointer || '/'}`);
      }
      if ('anyOf' in node) {
        anyOfs++;
        const branches = node.anyOf as JsonObject[];
        assert.ok(branches.length >= 2, `anyOf at ${pointer} has several branches`);
        for (const branch of branches) {
          // Each branch says its own type, so a failure maps to one problem (schemaProblems.resolveAnyOf).
          assert.ok(typeof branch.type === 'string' && !('$ref' in branch), `anyOf at ${pointer}: an inline branch with one type, ${JSON.stringify(branch)}`);
        }
      }
    }
    assert.ok(anyOfs > 5, `${anyOfs} anyOf`);
  });

  test('null means absent: every optional property accepts null, no required one does', () => {
    const ajv = newAjv();
    ajv.addSchema(root);
    let optional = 0;
    for (const { node, pointer } of walkSchema(root)) {
      if (!isObject(node.properties) || pointer.includes('/if/') || pointer.includes('/then')) {
        continue;
      }
      const required = new Set((node.required as string[] | undefined) ?? []);
      for (const name of Object.keys(node.properties)) {
        const fragment = `${pointer}/properties/${name}`
          .split('/')
          .map((segment) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1')))
          .join('/');
        const accepts = ajv.compile({ $ref: `${SCHEMA_ID}#${fragment}` })(null);
        assert.equal(accepts, !required.has(name), `${pointer}/properties/${name} ${required.has(name) ? 'is required: null is not a value' : 'is optional: null means absent'}`);
        optional += required.has(name) ? 0 : 1;
      }
    }
    assert.ok(optional > 150, `${optional} optional properties`);
  });

  test('every examples value validates against the subschema it sits in', () => {
    const ajv = newAjv();
    ajv.addSchema(root);
    let checked = 0;
    for (const { node, pointer } of walkSchema(root)) {
      if (!('examples' in node)) {
        continue;
      }
      assert.ok(Array.isArray(node.examples) && node.examples.length > 0, `examples at ${pointer} is a non-empty array`);
      const fragment = pointer
        .split('/')
        .map((segment) => encodeURIComponent(segment))
        .join('/');
      const validate = ajv.compile({ $ref: `${SCHEMA_ID}#${fragment}` });
      for (const example of node.examples) {
        const ok = validate(example);
        assert.ok(ok, `example ${JSON.stringify(example)} at ${pointer}:\n${describeErrors(validate.errors ?? [])}`);
        checked++;
      }
    }
    assert.ok(checked > 100, `checked ${checked} examples`);
  });

  test('every property, at every level, has a non-empty description', () => {
    for (const { node, pointer, keywords } of walkSchema(root)) {
      // Inside if/then only the discriminator plumbing lives; the properties
      // it mentions are described where they are declared.
      if (keywords.includes('if') || keywords.includes('then')) {
        continue;
      }
      const properties = node.properties;
      if (!isObject(properties)) {
        continue;
      }
      for (const [name, sub] of Object.entries(properties)) {
        assert.ok(isObject(sub), `${pointer}/properties/${name} is a schema`);
        assert.equal(typeof sub.description, 'string', `${pointer}/properties/${name} has a description`);
        assert.ok(String(sub.description).trim().length > 0, `${pointer}/properties/${name} has a non-empty description`);
      }
    }
  });

  test('every $defs entry has a non-empty description', () => {
    for (const [name, def] of Object.entries(defs)) {
      assert.ok(isObject(def) && typeof def.description === 'string' && def.description.trim().length > 0, `$defs/${name}`);
    }
  });

  test('patterns are anchored and free of nested quantifiers', () => {
    for (const { node, pointer } of walkSchema(root)) {
      if (typeof node.pattern !== 'string') {
        continue;
      }
      assert.match(node.pattern, /^\^.*\$$/, `pattern at ${pointer} is anchored`);
      assert.doesNotMatch(node.pattern, /\([^()]*[+*][^()]*\)[+*{]/, `pattern at ${pointer} has no nested quantifier`);
    }
  });

  test('value formats accept what the systems write and reject the rest', () => {
    const { ajv } = compiled();
    const cases: Record<string, { valid: unknown[]; invalid: unknown[] }> = {
      timestamp: {
        valid: ['2024-03-14T02:15:00Z', '2024-03-14T04:15:00+02:00', '2024-03-14T02:15:07.250Z'],
        invalid: ['2024-03-14T02:15:00', '2024-03-14', '14/03/2024 02:15', '2024-13-01T00:00:00Z'],
      },
      sparkMemory: {
        valid: ['4g', '512m', '2048k', '1t', '4gb', '4G', '3.8g', '512MB', null],
        invalid: ['4 g', '4', '4Gi', 'four', '', '4gib', 4],
      },
      // A Kubernetes quantity as the API accepts it: a string, or a plain number (bytes, cores).
      k8sMemory: {
        valid: ['512Mi', '1Gi', '2G', '1000000', '1.5Gi', '128974848', '129e6', '500k', 1073741824, null],
        invalid: ['512 Mi', '512m', '1gi', '1GB', 'Mi', '', -1, true],
      },
      k8sCpu: {
        valid: ['500m', '2', '0.5', '1.5', '250000000n', 2, 0.5, null],
        invalid: ['500 m', '0.5m', '2 cores', 'm', '', -1, true],
      },
      // Free text as people write it, or a number: the seed types it only as a string.
      diskSize: { valid: ['402G', '1.2T', '850M', '12GiB', '512', '210 GB', 402, null], invalid: [true, -1, {}] },
      score: { valid: [0, 0.5, 1], invalid: [-0.1, 1.01, '0.5', null] },
      percentage: { valid: [0, 87.5, 100, null], invalid: [-1, 100.5] },
      count: { valid: [0, 3, 3.0, null], invalid: [-1, 1.5, '3'] },
      seconds: { valid: [0, 0.5, 2460, null], invalid: [-1, '30'] },
      // Action parameters: every spelling the target system reads (a command line's text, an API's JSON), or a value per target.
      paramCount: { valid: [3, 3.0, '3', { '/var/lib/builds': 3 }, null], invalid: ['three', -1, 1.5, true, {}] },
      paramSeconds: { valid: [300, '300', '300s', '5m', '1h30m', null], invalid: ['five minutes', -1, true] },
      paramBoolean: { valid: [true, false, 'true', 'False', null], invalid: ['maybe', 1] },
      paramPercentage: { valid: [70, '70', '70%', null], invalid: [101, 'most'] },
      sparkConfValue: { valid: ['8g', 800, 0.7, true], invalid: [null, {}, []] },
    };
    for (const [def, { valid, invalid }] of Object.entries(cases)) {
      const validate = ajv.getSchema(`${SCHEMA_ID}#/$defs/${def}`);
      assert.ok(validate, `$defs/${def} resolves`);
      for (const value of valid) {
        assert.ok(validate(value), `${def} accepts ${JSON.stringify(value)}`);
      }
      for (const value of invalid) {
        assert.ok(!validate(value), `${def} rejects ${JSON.stringify(value)}`);
      }
    }
  });

  test('the action catalogue: one parameter schema per action type, one family per action type', () => {
    const types = enumOf('actionType');
    assert.equal(types.length, 26);
    assert.equal(new Set(types).size, types.length, 'action types are unique');
    const families = FAMILY_DEFS.map((name) => ({ name, members: enumOf(name) }));
    for (const type of types) {
      const owners = families.filter((f) => f.members.includes(type)).map((f) => f.name);
      assert.equal(owners.length, 1, `${type} belongs to exactly one family (found ${owners.join(', ') || 'none'})`);
      const params = defs[`action.${type}`];
      assert.ok(isObject(params), `$defs/action.${type} exists`);
      assert.equal(params.title, type, `$defs/action.${type} has the action type as title`);
      assert.equal(params.type, 'object');
      assert.ok(!('additionalProperties' in params) || params.additionalProperties !== false, `action.${type} allows extra parameters`);
      const properties = isObject(params.properties) ? params.properties : {};
      assert.ok(Object.keys(properties).length > 0, `action.${type} documents its parameters`);
      for (const name of Array.isArray(params.required) ? params.required.map(String) : []) {
        assert.ok(name in properties, `required parameter ${name} of ${type} is documented`);
      }
    }
    const familyMembers = families.flatMap((f) => f.members);
    assert.deepEqual([...familyMembers].sort(), [...types].sort(), 'the families cover exactly the catalogue');
  });

  test('the discriminators: one if/then per service and per action type', () => {
    const incident = (root.properties as JsonObject).incident as JsonObject;
    const serviceBranches = (incident.allOf as JsonObject[]).map((branch) => ({
      value: (((branch.if as JsonObject).properties as JsonObject).service as JsonObject).const,
      ref: (((branch.then as JsonObject).properties as JsonObject).metadata as JsonObject).$ref,
    }));
    assert.deepEqual(
      serviceBranches,
      enumOf('serviceName').map((s) => ({ value: s, ref: `#/$defs/${s}Metadata` })),
    );
    assert.deepEqual(enumOf('serviceName'), SERVICES);
    const action = defs.action as JsonObject;
    const actionBranches = (action.allOf as JsonObject[]).map((branch) => ({
      value: (((branch.if as JsonObject).properties as JsonObject).action as JsonObject).const,
      ref: (((branch.then as JsonObject).properties as JsonObject).parameters as JsonObject).$ref,
    }));
    assert.deepEqual(
      actionBranches,
      enumOf('actionType').map((t) => ({ value: t, ref: `#/$defs/action.${t}` })),
    );
  });

  test('metadata of each service is open (more detail is welcome) and lists no required fields', () => {
    for (const service of SERVICES) {
      const def = defs[`${service}Metadata`];
      assert.ok(isObject(def), `${service}Metadata exists`);
      for (const { node, pointer } of walkSchema(def, `/$defs/${service}Metadata`)) {
        assert.notEqual(node.additionalProperties, false, `${pointer} is open: the guidelines ask for environmental and dependency information`);
        assert.ok(!('required' in node), `${pointer} has no required list (guideline rules check presence)`);
      }
    }
  });
});

suite('service discriminator', () => {
  const base = (): JsonObject => readExample('airflow.incident.json');

  test('an unknown service leaves the metadata unchecked', () => {
    const record = base();
    const incident = record.incident as JsonObject;
    incident.service = 'airflw';
    incident.metadata = { anything: 'goes', dag_id: 42 };
    const errors = dataErrors(validateRecord(record));
    assert.ok(
      errors.every((e) => !e.instancePath.startsWith('/incident/metadata')),
      `no metadata errors:\n${describeErrors(errors)}`,
    );
    assert.deepEqual(
      errors.map((e) => [e.instancePath, e.keyword]),
      [['/incident/service', 'enum']],
    );
  });

  test('a known service accepts metadata of its own beyond the seed’s fields', () => {
    const record = base();
    ((record.incident as JsonObject).metadata as JsonObject).cluster_region = 'eu-west-1';
    assert.deepEqual(dataErrors(validateRecord(record)), [], 'near-misses of a known name are the product’s IR007, not the schema’s');
  });

  test('each service checks its own metadata schema', () => {
    const record = readExample('database.incident.json');
    ((record.incident as JsonObject).metadata as JsonObject).database_type = 'oracle';
    const errors = dataErrors(validateRecord(record));
    assert.deepEqual(
      errors.map((e) => [e.instancePath, e.keyword]),
      [['/incident/metadata/database_type', 'enum']],
    );
  });

  test('action parameters are a vocabulary: none required, any spelling the system reads, extra parameters and fields allowed', () => {
    const record = readExample('kubernetes.incident.json');
    record.actions_taken = [
      {
        action: 'restart_pod',
        parameters: { namespace: 'checkout', pod: 'checkout-api-7d9c6b5f4-x2x9q', reason: 'extra parameters are allowed' },
        result: 'success',
        timestamp: '2024-04-09T11:40:05Z',
        output: 'extra result-specific fields are allowed',
      },
      {
        action: 'scale_deployment',
        parameters: { namespace: 'checkout', deployment_name: 'checkout-api', replicas: '8', previous_replicas: 4.0 },
        result: 'success',
        timestamp: '2024-04-09T11:44:30Z',
      },
      {
        action: 'update_resource_limits',
        parameters: { namespace: 'checkout', deployment_name: 'checkout-api', resource_limits: { cpu: 2, memory: '1Gi' } },
        result: 'success',
        timestamp: '2024-04-09T11:46:30Z',
      },
    ];
    assert.deepEqual(dataErrors(validateRecord(record)), []);
    ((record.actions_taken as JsonObject[])[1].parameters as JsonObject).replicas = 'eight';
    const errors = dataErrors(validateRecord(record));
    assert.ok(errors.length > 0 && errors.every((e) => e.instancePath === '/actions_taken/1/parameters/replicas'), describeErrors(errors));
  });

  test('an unknown action type is an enum error on the action', () => {
    const record = readExample('kubernetes.incident.json');
    ((record.actions_taken as JsonObject[])[0] as JsonObject).action = 'restart_pods';
    const errors = dataErrors(validateRecord(record));
    assert.deepEqual(
      errors.map((e) => [e.instancePath, e.keyword]),
      [['/actions_taken/0/action', 'enum']],
    );
  });
});

suite('examples', () => {
  for (const service of SERVICES) {
    test(`${service}.incident.json is a valid ${service} record`, () => {
      const record = readExample(`${service}.incident.json`);
      const errors = validateRecord(record);
      assert.deepEqual(errors, [], describeErrors(errors));
      assert.equal((record.incident as JsonObject).service, service);
    });
  }

  test('the examples include a failed resolution and a failed action followed by a successful one', () => {
    const records = SERVICES.map((s) => readExample(`${s}.incident.json`));
    assert.ok(records.some((r) => r.success === false && isObject((r.learning_feedback as JsonObject).failure_analysis)));
    assert.ok(
      records.some((r) => {
        const actions = r.actions_taken as JsonObject[];
        return actions.some((a, i) => a.result === 'failed' && typeof a.error === 'string' && actions[i + 1]?.result === 'success');
      }),
    );
  });

  test('dataset.incidents.jsonl: every line but the broken one parses, and the valid lines validate', () => {
    const text = fs.readFileSync(path.join(EXAMPLES_DIR, 'dataset.incidents.jsonl'), 'utf8');
    const lines = text.split('\n').filter((line) => line.trim().length > 0);
    assert.ok(lines.length >= 10, `${lines.length} records`);
    let broken = 0;
    let misspelledSeverity = 0;
    lines.forEach((line, index) => {
      let record: JsonObject;
      try {
        record = JSON.parse(line) as JsonObject;
      } catch {
        broken++;
        return;
      }
      const errors = dataErrors(validateRecord(record));
      if ((record.incident as JsonObject).severity === 'hgh') {
        misspelledSeverity++;
        assert.deepEqual(
          errors.map((e) => [e.instancePath, e.keyword]),
          [['/incident/severity', 'enum']],
          `line ${index + 1}`,
        );
      } else {
        assert.deepEqual(errors, [], `line ${index + 1}:\n${describeErrors(errors)}`);
      }
    });
    assert.equal(broken, 1, 'exactly one line is broken JSON');
    assert.equal(misspelledSeverity, 1, 'exactly one line has severity "hgh"');
  });

  test('the example records use only the documented parameters of each action', () => {
    // Extra parameters are allowed by the schema, but the shipped examples
    // should show the documented vocabulary.
    const records = SERVICES.map((s) => readExample(`${s}.incident.json`));
    for (const record of records) {
      for (const action of record.actions_taken as JsonObject[]) {
        const params = defs[`action.${String(action.action)}`] as JsonObject;
        const documented = Object.keys(params.properties as JsonObject);
        for (const name of Object.keys(action.parameters as JsonObject)) {
          assert.ok(documented.includes(name), `${String(action.action)}.${name} is documented`);
        }
      }
    }
  });
});
