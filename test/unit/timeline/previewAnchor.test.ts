import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import { contains, shiftAnchor } from '../../../client/src/preview/anchor';
import { Throttle } from '../../../client/src/preview/throttle';

const at = (line: number, character: number) => ({ line, character });
const change = (start: [number, number], end: [number, number], text: string) => ({ range: { start: at(...start), end: at(...end) }, text });

suite('timeline preview anchor', () => {
  test('edits after the anchor leave it alone', () => {
    assert.deepEqual(shiftAnchor(at(3, 0), [change([3, 5], [4, 0], 'x\n\n')]), at(3, 0));
  });

  test('lines inserted or removed above move it down or up', () => {
    assert.deepEqual(shiftAnchor(at(3, 0), [change([1, 0], [1, 0], '{"a":1}\n{"b":2}\n')]), at(5, 0));
    assert.deepEqual(shiftAnchor(at(3, 0), [change([0, 4], [2, 0], '')]), at(1, 0));
    assert.deepEqual(shiftAnchor(at(2, 3), [change([0, 4], [2, 0], '')]), at(0, 7));
    assert.deepEqual(shiftAnchor(at(3, 0), [change([0, 0], [0, 0], '\r\n')]), at(4, 0));
  });

  test('text inserted earlier on its line moves it right', () => {
    assert.deepEqual(shiftAnchor(at(2, 10), [change([2, 4], [2, 6], 'abcd')]), at(2, 12));
  });

  test('an edit around it pulls it to the start of the edit; changes apply in order', () => {
    assert.deepEqual(shiftAnchor(at(2, 10), [change([2, 0], [3, 0], '')]), at(2, 0));
    assert.deepEqual(shiftAnchor(at(5, 0), [change([4, 0], [4, 0], '\n'), change([0, 0], [0, 0], '\n')]), at(7, 0));
  });

  test('a record range contains both of its ends', () => {
    const range = { start: at(2, 0), end: at(2, 40) };
    assert.ok(contains(range, at(2, 0)));
    assert.ok(contains(range, at(2, 40)));
    assert.ok(!contains(range, at(3, 0)));
    assert.ok(!contains(range, at(1, 99)));
  });
});

suite('preview refresh throttle', () => {
  test('calls while a run is going are merged into one more run after it', async () => {
    let runs = 0;
    let release!: () => void;
    let secondRun!: () => void;
    const second = new Promise<void>((resolve) => (secondRun = resolve));
    const throttle = new Throttle(
      async () => {
        runs++;
        if (runs === 1) {
          await new Promise<void>((resolve) => (release = resolve));
        } else {
          secondRun();
        }
      },
      (error) => assert.fail(String(error)),
      0,
    );
    const first = throttle.now();
    void throttle.now();
    void throttle.now();
    assert.equal(runs, 1);
    release();
    await first;
    await second;
    assert.equal(runs, 2);
    throttle.dispose();
  });

  test('a failing run is reported, and nothing runs after dispose', async () => {
    const errors: string[] = [];
    let runs = 0;
    const throttle = new Throttle(
      async () => {
        runs++;
        throw new Error('server gone');
      },
      (error) => errors.push((error as Error).message),
      0,
    );
    await throttle.now();
    assert.deepEqual(errors, ['server gone']);
    throttle.dispose();
    throttle.schedule();
    await throttle.now();
    assert.equal(runs, 1);
  });
});
