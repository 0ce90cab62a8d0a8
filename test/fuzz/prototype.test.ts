/**
 * Prototype machinery in records: `__proto__`, `constructor` and `prototype`
 * as keys at every level of every service's record (inside
 * `actions_taken[*].parameters` too), written plainly and escaped, and
 * `constructor`/`toString`/`__proto__` as values of every string field.
 * Every feature runs on each document — diagnostics, symbols, timeline,
 * hover and completion on the key and the value, every quick fix and fix-all
 * — and no built-in prototype may change. Exhaustive, not random: the
 * inputs are few and each one matters.
 */
import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { Node as JsonNode, parseTree } from 'jsonc-parser';
import type { Position } from 'vscode-languageserver-types';
import { FIX_ALL_KIND } from '../../common/codeActionKinds';
import { RECORDS } from '../helpers/records';
import { LONG_RUN, NOW, assertNoPollution, assertStillParses, prototypeSnapshot, report } from './fuzzKit';
import { checkedDiagnostics, documentOf, exerciseDocumentFeatures, exercisePositions, service } from './exercise';
import { SERVICE_NAMES, fuzzDocument } from './generators';
import { fixAll } from '../../server/src/service/fixes';

const KEYS = ['"__proto__"', '"constructor"', '"prototype"', '"\\u005f_proto__"'];
const VALUES = ['{"polluted": true}', '{"prototype": {"polluted": true}}', '"x"', '[{"polluted": true}]'];
const STRING_VALUES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'prototype', 'valueOf'];

function nodes(text: string, type: JsonNode['type']): JsonNode[] {
  const out: JsonNode[] = [];
  const visit = (node: JsonNode): void => {
    if (node.type === type) {
      out.push(node);
    }
    node.children?.forEach(visit);
  };
  visit(parseTree(text)!);
  return out;
}

/** Runs every feature on a document and checks fixes keep it parsing; positions are offsets of interest. */
async function everything(text: string, format: 'json' | 'jsonl', recipe: string, offsets: readonly number[]): Promise<void> {
  const document = documentOf({ text, format });
  const diagnostics = checkedDiagnostics(document, recipe);
  exerciseDocumentFeatures(document, recipe);
  const positions: Position[] = offsets.map((o) => document.positionAt(o));
  await exercisePositions(document, positions, recipe);
  for (const action of service.getCodeActions(document, diagnostics, {})) {
    const edits = action.edit!.changes![document.uri];
    const after = edits.reduceRight((t, e) => t.slice(0, document.offsetAt(e.range.start)) + e.newText + t.slice(document.offsetAt(e.range.end)), text);
    assertStillParses(text, after, format, `${recipe}: "${action.title}"`);
  }
  const [all] = service.getCodeActions(document, [], { only: [FIX_ALL_KIND] });
  if (all) {
    const once = fixAll(text, format, { now: NOW }).text;
    assertStillParses(text, once, format, `${recipe}: fix-all`);
    assert.equal(fixAll(once, format, { now: NOW }).text, once, `${recipe}: fix-all twice equals once`);
  }
}

suite('fuzz: prototype keys and values in records', () => {
  test('__proto__, constructor and prototype as keys in every object of every service', async (t) => {
    const snapshot = prototypeSnapshot();
    const started = Date.now();
    let cases = 0;
    for (const name of SERVICE_NAMES) {
      const clean = JSON.stringify(RECORDS[name](), null, 2);
      for (const [i, object] of nodes(clean, 'object').entries()) {
        for (const key of KEYS) {
          for (const value of LONG_RUN ? VALUES : [VALUES[(i + KEYS.indexOf(key)) % VALUES.length]]) {
            const member = `${key}: ${value}${object.children?.length ? ', ' : ''}`;
            const at = object.offset + 1;
            const text = clean.slice(0, at) + member + clean.slice(at);
            const recipe = `${name}: ${member} in the object at offset ${object.offset}`;
            const forms = [
              ['json', text],
              ['jsonl', JSON.stringify(RECORDS.disk()) + '\n' + text.replace(/\n\s*/g, '')],
            ] as const;
            // A default run writes each case in one form, alternating; a long run in both.
            for (const [format, doc] of LONG_RUN ? forms : [forms[(i + KEYS.indexOf(key)) % 2]]) {
              const offset = format === 'json' ? at : doc.indexOf(member.replace(/\n\s*/g, ''));
              await everything(doc, format, `${recipe} (${format})`, [offset + 1, offset + key.length + 3, offset + key.length + 2]);
              assertNoPollution(snapshot, recipe);
              cases++;
            }
          }
        }
      }
    }
    report(t, 'prototype keys at every level', cases, started);
  });

  test('constructor, __proto__ and toString as the value of every string field', async (t) => {
    const snapshot = prototypeSnapshot();
    const started = Date.now();
    let cases = 0;
    for (const name of SERVICE_NAMES) {
      const clean = JSON.stringify(RECORDS[name](), null, 2);
      const strings = nodes(clean, 'string').filter((n) => n.parent?.type !== 'property' || n.parent.children?.[1] === n);
      for (const [i, string] of strings.entries()) {
        for (const value of LONG_RUN ? STRING_VALUES : [STRING_VALUES[i % STRING_VALUES.length], STRING_VALUES[(i + 3) % STRING_VALUES.length]]) {
          const text = clean.slice(0, string.offset) + JSON.stringify(value) + clean.slice(string.offset + string.length);
          const doc = fuzzDocument(text, 'json', `${name}: "${value}" at offset ${string.offset}`);
          await everything(doc.text, 'json', doc.recipe, [string.offset + 1, string.offset + value.length + 1]);
          assertNoPollution(snapshot, doc.recipe);
          cases++;
        }
      }
    }
    report(t, 'prototype names as values', cases, started);
  });

  test('a __proto__ key is an extra property like any other, never a way to set the prototype', () => {
    const record = RECORDS.airflow();
    const text = JSON.stringify(record, null, 2).replace('"metadata": {', '"metadata": {\n      "__proto__": {"dag_id": "from the prototype"},');
    const withoutId = text.replace('"dag_id": "billing_nightly",', '');
    const codes = checkedDiagnostics(documentOf({ text: withoutId, format: 'json' }), '__proto__').map((d) => [d.code, (d.data as { pointer: string }).pointer]);
    // The dag_id inside it is no dag_id of the metadata: IR101 still finds it missing.
    assert.deepEqual(codes, [['IR101', '/incident/metadata']]);
  });
});
