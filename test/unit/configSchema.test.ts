import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { RULES, SEVERITY_SETTINGS } from '../../common/diagnosticCodes';
import configSchema from '../../schemas/incident-records-config.schema.json';
import { parseConfig } from '../../server/src/service/config/config';
import { readRepoFile } from '../helpers/text';

suite('configuration schema (editor completion and validation of .incident-records.json)', () => {
  test('lists exactly the catalogue codes, each with every severity', () => {
    const rules = configSchema.properties.rules.properties as Record<string, { enum: string[] }>;
    assert.deepEqual(Object.keys(rules), RULES.map((r) => r.code));
    for (const entry of Object.values(rules)) {
      assert.deepEqual(entry.enum, [...SEVERITY_SETTINGS]);
    }
    assert.deepEqual(configSchema.properties.overrides.items.properties.rules, configSchema.properties.rules);
  });

  test('is contributed for .incident-records.json files', () => {
    const manifest = JSON.parse(readRepoFile('package.json'));
    assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: '.incident-records.json', url: './schemas/incident-records-config.schema.json' }]);
  });

  test('a configuration the schema describes is read without problems', () => {
    const text = JSON.stringify({ $schema: configSchema.$id, rules: { IR104: 'off', IR205: 'error' }, overrides: [{ files: ['legacy/**'], rules: { IR113: 'off' } }] });
    assert.deepEqual(parseConfig(text, '/w/.incident-records.json').problems, []);
  });
});
