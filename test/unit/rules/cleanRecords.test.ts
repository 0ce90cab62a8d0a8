import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, test } from 'node:test';
import { RULES } from '../../../common/diagnosticCodes';
import { RECORD_RULES } from '../../../server/src/service/rules';
import { CONSISTENCY_RULES } from '../../../server/src/service/rules/consistency';
import { GUIDELINES_RULES } from '../../../server/src/service/rules/guidelines';
import { RECORDS, pretty, line } from '../../helpers/records';
import { readRepoFile, repoRoot } from '../../helpers/text';
import { assertClean, diagnose } from './ruleTestKit';

suite('clean records and the bundled examples', () => {
  for (const [name, make] of Object.entries(RECORDS)) {
    test(`a clean ${name} record yields no diagnostic at any severity, as a file and as a dataset line`, () => {
      assertClean(diagnose(pretty(make())));
      assertClean(diagnose(line(make()) + '\n', 'jsonl'));
    });
  }

  const examples = fs.readdirSync(path.join(repoRoot(), 'examples')).filter((f) => f.endsWith('.incident.json'));

  test('there is an example per service', () => {
    assert.deepEqual(examples.sort(), ['airflow', 'database', 'disk', 'kubernetes', 'spark'].map((s) => `${s}.incident.json`));
  });

  for (const file of examples) {
    test(`examples/${file} lints clean`, () => {
      assertClean(diagnose(readRepoFile('examples', file)));
    });
  }

  test('examples/dataset.incidents.jsonl reports exactly its planted defects', () => {
    const diagnostics = diagnose(readRepoFile('examples', 'dataset.incidents.jsonl'), 'jsonl')
      // IR112 (the password on line 4) belongs to the secrets rules.
      .filter((d) => d.code !== 'IR112');
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line + 1, d.code]),
      [
        [3, 'IR101'],
        [6, 'IR203'],
        [7, 'IR201'],
        [8, 'IR001'],
        [9, 'IR004'],
        [11, 'IR402'],
      ],
    );
  });
});

suite('rule registry', () => {
  test('the guideline and consistency rules are registered once each, in catalogue order', () => {
    const catalogue = RULES.map((r) => r.code);
    const guidelines = GUIDELINES_RULES.map((r) => r.code);
    const consistency = CONSISTENCY_RULES.map((r) => r.code);
    assert.deepEqual(guidelines, catalogue.filter((c) => /^IR1/.test(c) && c !== 'IR112'));
    assert.deepEqual(consistency, catalogue.filter((c) => /^IR2/.test(c)));
    for (const rule of [...GUIDELINES_RULES, ...CONSISTENCY_RULES]) {
      assert.ok(RECORD_RULES.includes(rule), `${rule.code} is in RECORD_RULES`);
    }
  });

  test('service rules declare their service; IR151 and the consistency rules run on every record', () => {
    const byCode = new Map(GUIDELINES_RULES.map((r) => [r.code, r.services]));
    assert.deepEqual(byCode.get('IR101'), ['airflow']);
    assert.deepEqual(byCode.get('IR111'), ['database']);
    assert.deepEqual(byCode.get('IR121'), ['spark']);
    assert.deepEqual(byCode.get('IR131'), ['kubernetes']);
    assert.deepEqual(byCode.get('IR141'), ['disk']);
    assert.equal(byCode.get('IR151'), undefined);
    assert.ok(CONSISTENCY_RULES.every((r) => r.services === undefined));
  });
});
