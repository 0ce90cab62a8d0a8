import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { totalsText } from '../../client/src/problemTotalsText';
import type { ProblemTotals } from '../../common/dataset';

const totals = (over: Partial<ProblemTotals>): ProblemTotals => ({
  uri: 'file:///d.incidents.jsonl',
  problems: 22_561,
  records: 10_000,
  recordsWithProblems: 7_092,
  published: 1_000,
  errors: 20_000,
  warnings: 2_561,
  ...over,
});

suite('status bar problem totals', () => {
  test('the real totals of a dataset, and how many the Problems panel shows', () => {
    const { text, tooltip } = totalsText(totals({}));
    assert.equal(text, '$(error) 22,561 problems in 7,092 records');
    assert.match(tooltip, /^22,561 problems \(20,000 errors, 2,561 warnings\) in 7,092 of 10,000 records\./);
    assert.match(tooltip, /The Problems panel shows 1,000 of them/);
  });

  test('warnings only, one record: no record count, and nothing about a limit when all are shown', () => {
    const { text, tooltip } = totalsText(totals({ problems: 1, records: 1, recordsWithProblems: 1, published: 1, errors: 0, warnings: 1 }));
    assert.equal(text, '$(warning) 1 problem');
    assert.doesNotMatch(tooltip, /Problems panel shows/);
  });

  test('while a first check is under way, the count is the one so far and says how far it got', () => {
    const { text, tooltip } = totalsText(totals({ problems: 1_127, recordsWithProblems: 923, published: 1_000, unchecked: 6_000 }));
    assert.equal(text, '$(sync~spin) 1,127 problems in 923 records so far');
    assert.match(tooltip, /Checking: 4,000 of 10,000 records checked\./);
  });
});
