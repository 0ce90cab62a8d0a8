import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, test } from 'node:test';
import { contentSecurityPolicy, timelineHtml } from '../../../client/src/preview/timelineHtml';
import { readRepoFile, repoRoot } from '../../helpers/text';

suite('timeline webview sources', () => {
  test('the webview script never parses text as HTML', () => {
    const dir = path.join(repoRoot(), 'webview');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts'));
    assert.ok(files.includes('timeline.ts'));
    for (const file of files) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      assert.doesNotMatch(source, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment|setAttribute\(\s*['"]style/, `webview/${file}`);
    }
  });

  test('the stylesheet takes every colour from the theme', () => {
    const css = readRepoFile('media', 'timeline.css');
    // Custom property names (--vscode-charts-green) and comments are not colours.
    const values = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/--[\w-]+/g, '');
    assert.doesNotMatch(values, /#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(|\b(?:white|black|red|green|blue|yellow|gray|grey)\b(?!-)/i);
    const own = new Set([...css.matchAll(/^\s*(--ir-[\w-]+):/gm)].map((m) => m[1]));
    for (const [, name] of css.matchAll(/var\((--[\w-]+)/g)) {
      assert.ok(name.startsWith('--vscode-') || own.has(name), `${name} is neither a theme variable nor defined from one`);
    }
  });

  test('the HTML shell: strict CSP, one script by nonce, one stylesheet, attribute values escaped', () => {
    assert.equal(
      contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', 'bm9uY2U='),
      "default-src 'none'; style-src https://file+.vscode-resource.vscode-cdn.net; img-src https://file+.vscode-resource.vscode-cdn.net; " +
        "font-src https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-bm9uY2U='; base-uri 'none'; form-action 'none'",
    );
    const html = timelineHtml({ cspSource: 'https://res.test', scriptUri: 'https://res.test/dist/webview/timeline.js?a=1&b="2"', styleUri: 'https://res.test/media/timeline.css', nonce: 'abc' });
    assert.equal(html.match(/<script\b/g)?.length, 1);
    assert.match(html, /<script nonce="abc" src="https:\/\/res\.test\/dist\/webview\/timeline\.js\?a=1&amp;b=&quot;2&quot;"><\/script>/);
    assert.match(html, /<link rel="stylesheet" href="https:\/\/res\.test\/media\/timeline\.css">/);
    assert.doesNotMatch(html, /<style|\sstyle=|\son\w+=/);
  });
});
