import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAll } from '../../../server/src/service/fixes';
import { EditComposer, Replacement, applyReplacements } from '../../../server/src/service/fixes/editComposer';
import { airflowRecord, diskRecord, kubernetesRecord, line, pretty, sparkRecord } from '../../helpers/records';
import { NOW, diagnose } from './fixHarness';

function codes(text: string, format: 'json' | 'jsonl'): string[] {
  return diagnose({ text, format }).map((d) => String(d.code));
}

suite('fix-all', () => {
  test('applies every safe fix of a record and leaves the ones that need a human', () => {
    const record = airflowRecord();
    record.incident.severity = 'hgh';
    record.resolution_time = '1260';
    delete record.incident.metadata.dag_run_id;
    delete record.actions_taken[0].error; // IR203: needs the real error text
    const text = pretty(record);
    const result = fixAll(text, 'json', { now: NOW });
    assert.equal(result.applied, 3);
    assert.deepEqual(codes(result.text, 'json'), ['IR203']);
    assert.equal(TextDocument.applyEdits(TextDocument.create('x', 'json', 1, text), result.edits.map((e) => ({ range: rangeOf(text, e), newText: e.text }))), result.text);
  });

  test('overlapping fixes are applied over several passes (sorting the actions and fixing one of them)', () => {
    const record = kubernetesRecord();
    record.actions_taken = [record.actions_taken[1], record.actions_taken[0]];
    record.actions_taken[0].action = 'restart_pods';
    const text = pretty(record);
    assert.deepEqual(codes(text, 'json').sort(), ['IR009', 'IR204']);
    const result = fixAll(text, 'json', { now: NOW });
    assert.equal(result.applied, 2);
    assert.deepEqual(codes(result.text, 'json'), []);
    assert.deepEqual(JSON.parse(result.text).actions_taken.map((a: { action: string }) => a.action), ['update_resource_limits', 'restart_pod']);
    assert.equal(fixAll(result.text, 'json', { now: NOW }).applied, 0);
  });

  test('a fix that would bring another problem to light is left to a person; once applied, the next fix follows', () => {
    const record = airflowRecord();
    record.incident.service = 'airflw'; // metadata is not checked as airflow until the service is fixed
    delete record.incident.metadata.dag_run_id;
    const text = pretty(record);
    assert.deepEqual(codes(text, 'json'), ['IR008']);
    // Fixing the service makes IR101 appear: not safe by definition (no more problems of any other code after a fix).
    assert.equal(fixAll(text, 'json', { now: NOW }).text, text);
    const quick = text.replace('"airflw"', '"airflow"');
    assert.deepEqual(codes(quick, 'json'), ['IR101']);
    const result = fixAll(quick, 'json', { now: NOW });
    assert.equal(JSON.parse(result.text).incident.metadata.dag_run_id, 'scheduled__2024-03-14T02:00:00+00:00');
    assert.deepEqual(codes(result.text, 'json'), []);
  });

  test('a safe fix never raises the count of another code: an unknown spark action is not turned into another family', () => {
    const record = sparkRecord();
    record.actions_taken[0].action = 'restart_pods';
    const text = pretty(record);
    const result = fixAll(text, 'json', { now: NOW });
    assert.ok(!result.text.includes('"restart_pod"'), 'restart_pod is a Kubernetes action: IR206 would follow');
  });

  test('renaming a misspelt key also resolves the missing required property it was meant to be', () => {
    const record = diskRecord();
    const feedback = record.learning_feedback;
    record.learning_feedback = Object.fromEntries(Object.entries(feedback).map(([k, v]) => [k === 'confidence_score' ? 'confidence_scor' : k, v]));
    const text = pretty(record);
    assert.deepEqual(codes(text, 'json').sort(), ['IR002', 'IR007']);
    const result = fixAll(text, 'json', { now: NOW });
    assert.equal(result.text, pretty(diskRecord()));
    assert.deepEqual(result.edits, [{ start: text.indexOf('confidence_scor') + 'confidence_scor'.length, end: text.indexOf('confidence_scor') + 'confidence_scor'.length, text: 'e' }]);
  });

  test('codes turned off are not fixed', () => {
    const record = diskRecord();
    record.incident.severity = 'hgh';
    const text = pretty(record);
    const result = fixAll(text, 'json', { now: NOW, severityOf: (code) => (code === 'IR004' ? 'off' : 'error') });
    assert.equal(result.text, text);
    assert.deepEqual(result.edits, []);
  });

  test('JSON Lines: a broken line stays byte for byte, the others are fixed on their own line', () => {
    const bad = sparkRecord();
    bad.incident.severity = 'meduim';
    const lines = [line(airflowRecord()), '{"incident": {"title": "half a record"', line(bad), ''];
    const text = lines.join('\r\n');
    const result = fixAll(text, 'jsonl', { now: NOW });
    const out = result.text.split('\r\n');
    assert.equal(out.length, lines.length);
    assert.equal(out[0], lines[0]);
    assert.equal(out[1], lines[1]);
    assert.equal(out[2], lines[2].replace('"meduim"', '"medium"'));
  });

  test('a JSON file whose outer array is broken is left alone', () => {
    const record = diskRecord();
    record.incident.severity = 'hgh';
    const text = `[\n${pretty(record)},\n{"incident": \n]\n`;
    assert.equal(fixAll(text, 'json', { now: NOW }).text, text);
  });

  test('fixes every item of a JSON array of records', () => {
    const a = diskRecord();
    a.incident.severity = 'hgh';
    const b = kubernetesRecord();
    b.outcome = 'resolved';
    b.resolution_time = '600';
    const text = JSON.stringify([a, b], null, 2);
    const result = fixAll(text, 'json', { now: NOW });
    assert.deepEqual(codes(result.text, 'json'), []);
    assert.equal(result.text, text.replace('"hgh"', '"high"').replace('"600"', '600'));
  });
});

function rangeOf(text: string, r: Replacement) {
  const document = TextDocument.create('x', 'json', 1, text);
  return { start: document.positionAt(r.start), end: document.positionAt(r.end) };
}

function onBoundary(text: string, at: number): number {
  const inPair = (text[at - 1] === '\r' && text[at] === '\n') || /[\ud800-\udbff]/.test(text[at - 1] ?? '');
  return inPair ? at + 1 : at;
}

suite('EditComposer', () => {
  /** Random rounds of non-overlapping replacements on a random text. */
  const rounds = fc
    .tuple(fc.string({ unit: fc.constantFrom('a', 'b', '\r\n', '\n', '😀', 'x'), maxLength: 40 }), fc.array(fc.array(fc.tuple(fc.nat(), fc.nat(4), fc.string({ maxLength: 5 })), { maxLength: 5 }), { maxLength: 4 }))
    .map(([text, raw]) => ({ text, raw }));

  test('the composed edits on the original give the text of every round applied in turn', () => {
    fc.assert(
      fc.property(rounds, ({ text, raw }) => {
        const composer = new EditComposer(text);
        for (const round of raw) {
          const current = composer.current;
          const edits: Replacement[] = [];
          let at = 0;
          for (const [gap, length, insert] of round) {
            // Edits, like editor positions, never fall between CR and LF or inside a surrogate pair.
            const start = onBoundary(current, at + (gap % 7));
            if (start > current.length) {
              break;
            }
            const end = onBoundary(current, Math.min(current.length, start + length));
            edits.push({ start, end, text: insert });
            at = end + 1;
          }
          composer.apply(edits);
          assert.equal(composer.current, applyReplacements(current, edits));
        }
        const edits = composer.edits();
        for (let i = 1; i < edits.length; i++) {
          assert.ok(edits[i].start >= edits[i - 1].end, 'sorted and not overlapping');
        }
        assert.equal(applyReplacements(text, edits), composer.current);
        for (const e of edits) {
          assert.ok(!(text[e.start - 1] === '\r' && text[e.start] === '\n'), 'never starts between CR and LF');
          assert.ok(!(text[e.end - 1] === '\r' && text[e.end] === '\n'), 'never ends between CR and LF');
        }
      }),
      { numRuns: 500 },
    );
  });

  test('edits that touch merge into one hunk; untouched regions stay out of the edits', () => {
    const composer = new EditComposer('0123456789');
    composer.apply([{ start: 2, end: 3, text: 'AB' }]); // 01AB3456789
    composer.apply([{ start: 4, end: 4, text: '-' }, { start: 9, end: 10, text: '' }]); // 01AB-34567 9
    assert.equal(composer.current, '01AB-345679');
    assert.deepEqual(composer.edits(), [
      { start: 2, end: 3, text: 'AB-' },
      { start: 8, end: 9, text: '' },
    ]);
  });
});
