import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { findNode } from '../../../server/src/service/parsing/locator';
import { splitDocument } from '../../../server/src/service/parsing/recordSpans';
import { TextChange, insertProperties, removeProperty, reorderItems, replaceStringValue } from '../../../server/src/service/fixes/jsonEdits';
import { RecordSource, recordSource } from '../../../server/src/service/fixes/recordSource';
import { renderPlain, stop } from '../../../server/src/service/fixes/template';

function source(text: string, format: 'json' | 'jsonl' = 'json', index = 0): RecordSource {
  const src = recordSource(text, splitDocument(text, format).spans[index]);
  assert.ok(src);
  return src;
}

function node(src: RecordSource, ...path: (string | number)[]) {
  const found = findNode(src.root, path);
  assert.equal(found.depth, path.length, `path ${path.join('.')} exists`);
  return found.node;
}

/** Applies record-relative changes to the whole document text. */
function apply(src: RecordSource, changes: readonly (TextChange | undefined)[]): string {
  let text = src.documentText.toString();
  for (const change of [...changes].filter((c): c is TextChange => !!c).sort((a, b) => b.start - a.start)) {
    text = text.slice(0, src.span.start + change.start) + renderPlain(change.template) + text.slice(src.span.start + change.end);
  }
  return text;
}

suite('jsonEdits: insertProperties', () => {
  const pretty = '{\n  "incident": {\n    "title": "t",\n    "severity": "low"\n  },\n  "success": true\n}\n';

  test('inserts after the property that precedes it in schema order, with the object indentation', () => {
    const src = source(pretty);
    const changes = insertProperties(src, node(src, 'incident'), [{ key: 'description', value: ['"d"'] }], ['title', 'description', 'service', 'severity']);
    assert.equal(apply(src, changes), '{\n  "incident": {\n    "title": "t",\n    "description": "d",\n    "severity": "low"\n  },\n  "success": true\n}\n');
  });

  test('inserts before the first property when nothing precedes it in schema order', () => {
    const src = source(pretty);
    const changes = insertProperties(src, node(src, 'incident'), [{ key: 'id', value: ['1'] }], ['id', 'title']);
    assert.equal(apply(src, changes), '{\n  "incident": {\n    "id": 1,\n    "title": "t",\n    "severity": "low"\n  },\n  "success": true\n}\n');
  });

  test('appends a property that is not in the schema order, and skips one that exists', () => {
    const src = source(pretty);
    const changes = insertProperties(src, node(src, 'incident'), [{ key: 'title', value: ['"x"'] }, { key: 'extra', value: ['null'] }], ['title', 'severity']);
    assert.equal(changes.length, 1);
    assert.equal(apply(src, changes), '{\n  "incident": {\n    "title": "t",\n    "severity": "low",\n    "extra": null\n  },\n  "success": true\n}\n');
  });

  test('fills an empty object of a pretty record on new lines, nesting objects', () => {
    const src = source('{\r\n\t"metadata": {},\r\n\t"success": true\r\n}');
    const changes = insertProperties(src, node(src, 'metadata'), [
      { key: 'pool', value: { entries: [{ key: 'max', value: [stop('0')] }] } },
      { key: 'name', value: ['"', stop(''), '"'] },
    ]);
    assert.equal(apply(src, changes), '{\r\n\t"metadata": {\r\n\t\t"pool": {\r\n\t\t\t"max": 0\r\n\t\t},\r\n\t\t"name": ""\r\n\t},\r\n\t"success": true\r\n}');
  });

  test('keeps a one-line object on one line, with its own separators', () => {
    const src = source('{\n  "limits": {"memory": "512Mi",  "cpu": "500m"},\n  "x": 1\n}');
    const changes = insertProperties(src, node(src, 'limits'), [{ key: 'gpu', value: ['1'] }]);
    assert.equal(apply(src, changes), '{\n  "limits": {"memory": "512Mi",  "cpu": "500m",  "gpu": 1},\n  "x": 1\n}');
  });

  test('JSON Lines: inserts compactly on the line, even into an empty object', () => {
    const text = '{"a":1,"b":{}}\n{"a":2,"b":{"c":3}}\n';
    const second = source(text, 'jsonl', 1);
    assert.equal(apply(second, insertProperties(second, node(second, 'b'), [{ key: 'd', value: ['4'] }])), '{"a":1,"b":{}}\n{"a":2,"b":{"c":3,"d":4}}\n');
    const first = source(text, 'jsonl', 0);
    assert.equal(apply(first, insertProperties(first, node(first, 'b'), [{ key: 'd', value: { entries: [{ key: 'e', value: ['[]'] }] } }])), '{"a":1,"b":{"d":{"e":[]}}}\n{"a":2,"b":{"c":3}}\n');
  });

  test('an item of a JSON array is indented from its own line', () => {
    const text = '[\n    {\n        "a": 1\n    }\n]\n';
    const src = source(text);
    assert.equal(src.indentUnit, '    ');
    assert.equal(apply(src, insertProperties(src, src.root, [{ key: 'b', value: { entries: [{ key: 'c', value: ['2'] }] } }])), '[\n    {\n        "a": 1,\n        "b": {\n            "c": 2\n        }\n    }\n]\n');
  });
});

suite('jsonEdits: removeProperty', () => {
  const text = '{\n  "a": 1,\n  "b": {\n    "x": [1, 2]\n  },\n  "c": 3\n}';
  const cases: [string, string, string][] = [
    ['first', 'a', '{\n  "b": {\n    "x": [1, 2]\n  },\n  "c": 3\n}'],
    ['middle (multi-line value)', 'b', '{\n  "a": 1,\n  "c": 3\n}'],
    ['last', 'c', '{\n  "a": 1,\n  "b": {\n    "x": [1, 2]\n  }\n}'],
  ];
  for (const [name, key, expected] of cases) {
    test(`removes the ${name} property with its comma`, () => {
      const src = source(text);
      assert.equal(apply(src, [removeProperty(node(src, key).parent!)]), expected);
    });
  }

  test('removes the only property, leaving an empty object', () => {
    const src = source('{"x": {"only": true}, "y": 1}');
    assert.equal(apply(src, [removeProperty(node(src, 'x', 'only').parent!)]), '{"x": {}, "y": 1}');
  });
});

suite('jsonEdits: replaceStringValue', () => {
  test('changes only the characters that differ, keeping escapes elsewhere as written', () => {
    const src = source('{"s": "caf\\u00e9 \\/ user:hunter2@host \\"q\\""}');
    const change = replaceStringValue(src, node(src, 's'), 'café / user:***@host "q"');
    assert.ok(change);
    assert.equal(apply(src, [change]), '{"s": "caf\\u00e9 \\/ user:***@host \\"q\\""}');
    assert.equal(change.end - change.start, 'hunter2'.length);
  });

  test('escapes what it inserts and never splits a surrogate pair', () => {
    const src = source('{"s": "a😀b"}');
    const change = replaceStringValue(src, node(src, 's'), 'a😁"b');
    assert.ok(change);
    assert.equal(JSON.parse(apply(src, [change])).s, 'a😁"b');
    assert.equal(replaceStringValue(src, node(src, 's'), 'a😀b'), undefined, 'no change, no edit');
  });
});

suite('jsonEdits: reorderItems', () => {
  test('moves item texts between the slots, keeping the separators and untouched slots', () => {
    const text = '{"list": [\n  {"t": 3},\n  {"t": 1},   {"t": 2},\n  {"t": 4}\n]}';
    const src = source(text);
    const change = reorderItems(src, node(src, 'list'), [1, 2, 0, 3]);
    assert.ok(change);
    assert.equal(apply(src, [change]), '{"list": [\n  {"t": 1},\n  {"t": 2},   {"t": 3},\n  {"t": 4}\n]}');
    assert.equal(text.slice(change.end), ',\n  {"t": 4}\n]}', 'the last slot is not part of the edit');
  });

  test('refuses an order that is not a permutation of the items', () => {
    const src = source('{"list": [1, 2]}');
    assert.equal(reorderItems(src, node(src, 'list'), [0, 0]), undefined);
    assert.equal(reorderItems(src, node(src, 'list'), [0, 1]), undefined, 'already in order');
    assert.equal(reorderItems(src, node(src, 'list'), [1, 0, 2]), undefined);
  });
});
