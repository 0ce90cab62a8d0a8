import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import type { DatasetRow } from '../../../common/dataset';
import { PageCache, visibleWindow } from '../../../webview/dataset/pageCache';

function rows(offset: number, n: number, version = 1): DatasetRow[] {
  return Array.from({ length: n }, (_, i) => ({
    index: offset + i,
    line: offset + i,
    range: { start: { line: offset + i, character: 0 }, end: { line: offset + i, character: 10 } },
    title: `v${version} #${offset + i}`,
    actions: 1,
    problems: 0,
    codes: [],
  }));
}

const page = (offset: number, n: number, version = 1, matching = 1000) => ({ version, matching, offset, rows: rows(offset, n, version) });

suite('dataset view page cache', () => {
  test('the window covers the rows on screen and a margin, clamped to the table', () => {
    assert.deepEqual(visibleWindow(0, 260, 26, 1000, 5), { first: 0, last: 14 });
    assert.deepEqual(visibleWindow(26 * 500, 260, 26, 1000, 5), { first: 495, last: 514 });
    assert.deepEqual(visibleWindow(26 * 995, 260, 26, 1000, 5), { first: 990, last: 999 });
    assert.deepEqual(visibleWindow(0, 260, 26, 0, 5), { first: 0, last: -1 });
  });

  test('plans each missing page once, and nothing that is loaded or asked for', () => {
    const cache = new PageCache(100);
    cache.reset('q');
    assert.deepEqual(cache.plan(0, 0), [0], 'before the first answer: the first page');
    assert.ok(cache.accept('q', page(0, 100)));
    assert.equal(cache.matching, 1000);
    assert.deepEqual(cache.plan(90, 230), [1, 2]);
    assert.deepEqual(cache.plan(90, 230), [], 'asked for already');
    assert.ok(cache.accept('q', page(100, 100)));
    assert.equal(cache.row(150)?.title, 'v1 #150');
    assert.equal(cache.row(250), undefined);
    assert.deepEqual(cache.plan(990, 5000), [9], 'not beyond the last row');
    cache.forget(2);
    assert.deepEqual(cache.plan(200, 210), [2], 'a lost request is planned again');
  });

  test('drops pages of another query or an older version; a newer version forgets the other pages', () => {
    const cache = new PageCache(100);
    cache.reset('a');
    cache.accept('a', page(0, 100, 2));
    cache.accept('a', page(100, 100, 2));
    assert.equal(cache.accept('b', page(200, 100, 2)), false);
    assert.equal(cache.accept('a', page(200, 100, 1)), false, 'older version');
    assert.deepEqual(cache.loadedPages, [0, 1]);
    assert.ok(cache.accept('a', page(100, 100, 3, 900)));
    assert.deepEqual(cache.loadedPages, [1]);
    assert.equal(cache.version, 3);
    assert.equal(cache.matching, 900);
    assert.equal(cache.row(100)?.title, 'v3 #100');
    cache.reset('b');
    assert.deepEqual(cache.loadedPages, []);
    assert.equal(cache.matching, undefined);
  });

  test('keeps at most maxPages, dropping the least recently used', () => {
    const cache = new PageCache(10, 3);
    cache.reset('q');
    for (const n of [0, 1, 2]) cache.accept('q', page(n * 10, 10));
    cache.touch(0, 5);
    cache.accept('q', page(30, 10));
    assert.deepEqual(cache.loadedPages, [0, 2, 3]);
  });

  test('a page that does not start on a page boundary keeps only its whole pages, and the last one', () => {
    const cache = new PageCache(100);
    cache.reset('q');
    cache.accept('q', page(50, 200));
    assert.deepEqual(cache.loadedPages, [1]);
    cache.accept('q', { version: 1, matching: 230, offset: 200, rows: rows(200, 30) });
    assert.deepEqual(cache.loadedPages, [1, 2]);
  });
});
