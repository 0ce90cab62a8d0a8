import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ChunkedText, StringSource } from '../../server/src/service/text/chunkedText';
import { ChunkedTextDocument } from '../../server/src/service/text/chunkedTextDocument';

/** A random incremental edit expressed as positions of the document before it. */
const edits = fc.array(
  fc.record({
    a: fc.nat(),
    b: fc.nat(),
    text: fc.oneof(fc.constantFrom('', '\n', '\r\n', '\r', 'x', '{"a": 1}\n', '\n\n\r'), fc.string({ maxLength: 40 }), fc.stringMatching(/^[a-z\r\n]{0,200}$/)),
  }),
  { minLength: 1, maxLength: 25 },
);

const initialText = fc.oneof(fc.stringMatching(/^[a-z{}":,\r\n ]{0,600}$/), fc.constant(''), fc.constant('\r\n\r\n'), fc.constant('line\n'.repeat(200)));

suite('chunked text', () => {
  test('a chunked document behaves exactly like TextDocument under random edits', () => {
    fc.assert(
      fc.property(initialText, edits, fc.integer({ min: 1, max: 64 }), (text, changes, chunkSize) => {
        const reference = TextDocument.create('file:///x', 'x', 0, text);
        const chunked = new ChunkedTextDocument('file:///x', 'x', 0, text, chunkSize);
        let version = 0;
        for (const change of changes) {
          const length = reference.getText().length;
          const from = Math.min(change.a, length);
          const to = Math.min(length, from + (change.b % 50));
          const range = { start: reference.positionAt(from), end: reference.positionAt(to) };
          version++;
          TextDocument.update(reference, [{ range, text: change.text }], version);
          chunked.update([{ range, text: change.text }], version);
          assert.equal(chunked.getText(), reference.getText());
        }
        assert.equal(chunked.lineCount, reference.lineCount);
        const full = reference.getText();
        for (let offset = 0; offset <= full.length; offset += Math.max(1, Math.floor(full.length / 37))) {
          assert.deepEqual(chunked.positionAt(offset), reference.positionAt(offset), `positionAt(${offset})`);
        }
        for (let line = -1; line <= reference.lineCount; line++) {
          for (const character of [0, 1, 3, 1000]) {
            assert.equal(chunked.offsetAt({ line, character }), reference.offsetAt({ line, character }));
          }
          assert.deepEqual(chunked.getLineRange(line), reference.getLineRange(line));
          assert.equal(chunked.getEOLCharacters(line), reference.getEOLCharacters(line));
        }
        const range = { start: reference.positionAt(Math.floor(full.length / 3)), end: reference.positionAt(Math.floor((2 * full.length) / 3)) };
        assert.equal(chunked.getText(range), reference.getText(range));
      }),
      { seed: 1125, numRuns: 400 },
    );
  });

  test('slices and line bounds agree with a plain string, whatever the chunk size', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ab\n]{0,300}$/), fc.integer({ min: 1, max: 20 }), fc.nat(), fc.nat(), (text, size, x, y) => {
        const chunked = new ChunkedText(text, size);
        const plain = new StringSource(text);
        const s = Math.min(x, text.length);
        const e = Math.min(text.length, s + (y % 80));
        assert.equal(chunked.slice(s, e), plain.slice(s, e));
        assert.equal(chunked.lineStart(s), plain.lineStart(s));
        assert.equal(chunked.lineEnd(s), plain.lineEnd(s));
        assert.equal(chunked.toString(), text);
      }),
      { seed: 7, numRuns: 400 },
    );
  });

  test('an edit of a large text touches one chunk', () => {
    const text = 'x'.repeat(100).concat('\n').repeat(20000);
    const chunked = new ChunkedText(text);
    chunked.replace(1_000_000, 1_000_000, 'abc');
    assert.equal(chunked.slice(999_998, 1_000_005), text.slice(999_998, 1_000_000) + 'abc' + text.slice(1_000_000, 1_000_002));
    assert.equal(chunked.length, text.length + 3);
  });
});
