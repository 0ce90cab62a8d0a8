import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { RULES, ruleDocUrl } from '../../../common/diagnosticCodes';
import { readRepoFile } from '../../helpers/text';

suite('docs/rules.md', () => {
  const doc = readRepoFile('docs', 'rules.md');
  const sections = doc.split(/^(?=<a id=")/m).slice(1);

  test('has one section per code, in catalogue order, with the anchor ruleDocUrl links to', () => {
    assert.deepEqual(
      sections.map((s) => /^<a id="([^"]+)"><\/a>/.exec(s)?.[1]),
      RULES.map((r) => new URL(ruleDocUrl(r.code)).hash.slice(1)),
    );
  });

  for (const rule of RULES) {
    test(`${rule.code}: heading, default severity, fix and a link in the top list`, () => {
      const section = sections.find((s) => s.startsWith(`<a id="${rule.code.toLowerCase()}"></a>`)) ?? '';
      assert.match(section, new RegExp(`^## ${rule.code} ${rule.name}$`, 'm'), 'heading "## CODE name" (GitHub anchor code-name)');
      assert.match(section, new RegExp(`\\*\\*Default\\*\\*: ${rule.defaultSeverity}\\.`), 'states the default severity');
      assert.match(section, /\*\*Fix\*\*: /, 'states the fix');
      assert.match(doc, new RegExp(`^\\| \\[${rule.code}\\]\\(#${rule.code.toLowerCase()}\\) \\| ${rule.name} \\| ${rule.defaultSeverity} \\|`, 'm'), 'listed at the top');
    });
  }

  test('every guideline and consistency section shows a bad and a good example and quotes its reason', () => {
    for (const rule of RULES.filter((r) => r.family === 'guideline' || r.family === 'consistency')) {
      const section = sections.find((s) => s.startsWith(`<a id="${rule.code.toLowerCase()}"></a>`)) ?? '';
      assert.ok((section.match(/```json/g) ?? []).length >= 2, `${rule.code} has two JSON examples`);
      assert.match(section, /\*\*Why\*\*: /, `${rule.code} says why`);
    }
  });
});
