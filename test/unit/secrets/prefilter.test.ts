import assert from 'node:assert/strict';
import { suite, test } from 'node:test';
import fc from 'fast-check';
import { leadingStrings, mayContainSecret, MIN_SECRET_TEXT, PREFILTER } from '../../../server/src/service/secrets/prefilter';
import { TOKEN_ANCHORS } from '../../../server/src/service/secrets/tokens';
import { NEGATIVES, POSITIVES } from './corpus';

/** The regular expression itself: what the two-step scan must answer. */
function reference(text: string): boolean {
  return text.length >= MIN_SECRET_TEXT && PREFILTER.test(text);
}

/** Pieces that build near-misses and hits of every alternative: prefixes, keywords in odd cases, separators, non-ASCII. */
const PIECES = [
  ...TOKEN_ANCHORS.map((a) => leadingStrings(a, 3)[0]),
  'gh',
  'ghp_',
  'github_pat_',
  'glpat-',
  'xoxb-',
  'sk-',
  'sk_live_',
  'AKIA',
  'ASIA',
  'AIza',
  'eyJ',
  'SG.',
  'pAsS',
  'PWD',
  'Secret',
  'tOkEn',
  'KEY',
  'cred',
  'sig=',
  'Bearer ',
  'basic',
  ':/',
  '://',
  '@',
  '----',
  '-----BEGIN ',
  'data',
  'seconds',
  'config',
  ' ',
  '\n',
  'é',
  '—',
  '😀',
  'a',
  'Z',
  '_',
  '-',
  '.',
];

suite('secret pre-filter', () => {
  test('answers exactly what the regular expression answers, on strings built from near-misses', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }), fc.string({ maxLength: 6 }), (pieces, tail) => {
        const text = pieces.join('') + tail;
        assert.equal(mayContainSecret(text), reference(text), JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
  });

  test('answers exactly what the regular expression answers, on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80, unit: 'binary' }), (text) => {
        assert.equal(mayContainSecret(text), reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  test('finds every alternative at the very start, in the middle and at the very end of a string', () => {
    for (const word of ['://', '@', '-----BEGIN ', 'PASS', 'pwd', 'SeCrEt', 'token', 'Key', 'CRED', 'sig=', 'bearer', 'BASIC', 'ghs_', 'github_pat_', 'glsoat-', 'xoxe-', 'xapp-', 'rk_test_', 'whsec_', 'npm_', 'sk-ant-', 'AIza', 'SG.', 'hf_', 'gsk_', 'lin_api_', 'ntn_', 'shpss_', 'glc_', 'glsa_', 'hvr.', 'dapi', 'dckr_pat_', 'figd_', 'vck_', 'ops_eyJ', 'pypi-AgE', 'dor_v1_', 'ATATT3', 'eyJ', 'ASIA']) {
      for (const text of [`${word}.......`, `.......${word}.......`, `.......${word}`]) {
        assert.equal(mayContainSecret(text), true, text);
        assert.equal(reference(text), true, text);
      }
    }
  });

  test('says nothing of short strings and of prose without a keyword', () => {
    assert.equal(mayContainSecret('pwd=ab'), false);
    assert.equal(mayContainSecret('Seconds of data read from the config at 2024-03-15T03:52:40Z'), false);
    assert.equal(mayContainSecret('The nightly load was SIGKILLed three times on airflow-worker-3 — 2 tasks failed.'), false);
  });

  test('lets through every string of the labelled corpus that holds a credential, and agrees on the clean ones', () => {
    for (const p of POSITIVES) {
      assert.equal(mayContainSecret(p.text), true, p.text);
    }
    for (const n of NEGATIVES) {
      assert.equal(mayContainSecret(n.text), reference(n.text), n.text);
    }
  });

  test('reads the leading characters of the syntax the alternatives use, and refuses what it cannot read', () => {
    assert.deepEqual(leadingStrings('[pP][wW][dD]', 3).sort(), ['PWD', 'PWd', 'PwD', 'Pwd', 'pWD', 'pWd', 'pwD', 'pwd'].sort());
    assert.deepEqual(leadingStrings('gl(?:pat|dt|agent)-', 3).sort(), ['gla', 'gld', 'glp']);
    assert.deepEqual(leadingStrings('d(?:a|o[po])x', 3).sort(), ['dax', 'doo', 'dop']);
    assert.deepEqual(leadingStrings('SG\\.', 3), ['SG.']);
    assert.deepEqual(leadingStrings('v[a-c]_', 3), ['va_', 'vb_', 'vc_']);
    assert.throws(() => leadingStrings('ab?c', 3), /quantifier/);
    assert.throws(() => leadingStrings('abc?', 3), /quantifier/);
    assert.throws(() => leadingStrings('a(?:bc)*', 3), /quantifier/);
    assert.throws(() => leadingStrings('a.c', 3), /Unsupported/);
    assert.throws(() => leadingStrings('[^a]bc', 3), /class/);
    assert.throws(() => leadingStrings('ab', 3), /fewer than 3/);
    assert.throws(() => leadingStrings('(ab)c', 3), /group/);
  });
});
