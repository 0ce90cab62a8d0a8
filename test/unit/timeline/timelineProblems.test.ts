/**
 * The timeline model's problems: the record's diagnostics (from the ones the
 * server keeps when given, else the record's own check), in document order,
 * each on the action it is inside.
 */
import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { timelineModel } from '../../../server/src/service/timeline';
import { getIncidentService } from '../../../server/src/service/incidentService';
import { kubernetesRecord, line } from '../../helpers/records';
import { incidentDocument } from '../../helpers/text';

suite('timeline problems', () => {
  const clean = kubernetesRecord();
  const broken = kubernetesRecord();
  broken.incident.severity = 'hgh';
  broken.incident.title = 'checkout-api pods OOMKilled again';
  broken.actions_taken[1].timestamp = 'yesterday';
  const text = [line(clean), line(broken), line(clean)].join('\n') + '\n';
  const document = incidentDocument(text, 'jsonl');

  test('the record checked on its own when no diagnostics are given', () => {
    const model = timelineModel(document, { line: 1, character: 0 })!;
    assert.deepEqual(model.problems.map((p) => [p.code, p.severity, p.range.start.line, p.actionIndex]), [
      ['IR004', 'error', 1, undefined],
      ['IR005', 'error', 1, 1],
    ]);
  });

  test("the document's diagnostics, when given, filtered to the record (dataset rules included)", () => {
    const all = getIncidentService().diagnostics(document);
    // The two clean records are the same incident: IR402 on the repeat (line 3), which its own check cannot know.
    assert.deepEqual(all.filter((d) => d.code === 'IR402').map((d) => d.range.start.line), [2]);
    const third = timelineModel(document, { line: 2, character: 0 }, undefined, { diagnostics: all })!;
    assert.deepEqual(third.problems.map((p) => p.code), ['IR402']);
    assert.deepEqual(timelineModel(document, { line: 2, character: 0 })!.problems, []);
    const second = timelineModel(document, { line: 1, character: 0 }, undefined, { diagnostics: all })!;
    assert.deepEqual(second.problems.map((p) => [p.code, p.actionIndex]), [['IR004', undefined], ['IR005', 1]]);
    assert.deepEqual(timelineModel(document, { line: 1, character: 0 }, undefined, { diagnostics: [] })!.problems, []);
  });
});
