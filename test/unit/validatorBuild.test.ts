import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../helpers/text';

type Node = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function plugin(): Promise<{ forValidation(schema: unknown): Node; validatorSource(): string }> {
  return import(pathToFileURL(path.join(repoRoot(), 'scripts', 'validator-plugin.mjs')).href);
}

const branch = (tag: string, value: string, property: string, ref: string) => ({
  if: { properties: { [tag]: { const: value } }, required: [tag] },
  then: { properties: { [property]: { $ref: ref } } },
});

suite('the validator as the build compiles it', () => {
  test('the schema file dispatches with if/then; the validator is compiled from the same rules as a discriminator', async () => {
    const { forValidation } = await plugin();
    const file = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'schemas', 'incident-record.schema.json'), 'utf8')) as Node;
    assert.equal(file.$defs.action.allOf.length, 26, 'the file keeps one if/then per action type, for editors');
    const compiled = forValidation(file);
    assert.deepEqual(compiled.$defs.action.discriminator, { propertyName: 'action' });
    assert.equal(compiled.$defs.action.allOf, undefined);
    assert.deepEqual(
      compiled.$defs.action.oneOf.map((b: Node) => b.properties.action.const),
      file.$defs.action.allOf.map((b: Node) => b.if.properties.action.const),
    );
    assert.deepEqual(compiled.$defs.action.oneOf[0].properties.parameters, file.$defs.action.allOf[0].then.properties.parameters);
    assert.deepEqual(compiled.properties.incident.discriminator, { propertyName: 'service' });
    assert.ok(/tag\d* === "restart_pod"/.test((await plugin()).validatorSource()), "the compiled validator compares the tag once per value");
  });

  test('only a list of if/then on one required tag with distinct values becomes a discriminator', async () => {
    const { forValidation } = await plugin();
    const list = [branch('kind', 'a', 'body', '#/$defs/a'), branch('kind', 'b', 'body', '#/$defs/b')];
    assert.ok(forValidation({ type: 'object', required: ['kind'], allOf: list }).discriminator);
    // The tag not required: a missing tag would be an error the file does not make.
    assert.deepEqual(forValidation({ type: 'object', allOf: list }).allOf, list);
    // Two values the same, two tags, an else, or a then that constrains the tag itself: left as written.
    assert.ok(forValidation({ required: ['kind'], allOf: [list[0], list[0]] }).allOf);
    assert.ok(forValidation({ required: ['kind', 'other'], allOf: [list[0], branch('other', 'b', 'body', '#/x')] }).allOf);
    assert.ok(forValidation({ required: ['kind'], allOf: [{ ...list[0], else: false }, list[1]] }).allOf);
    assert.ok(forValidation({ required: ['kind'], allOf: [list[0], branch('kind', 'b', 'kind', '#/x')] }).allOf);
    // Data inside enum, const, examples and default is never rewritten.
    const data = { required: ['kind'], allOf: list };
    assert.deepEqual(forValidation({ examples: [data], default: data, const: data, enum: [data] }), { examples: [data], default: data, const: data, enum: [data] });
  });
});
