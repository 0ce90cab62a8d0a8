/**
 * Generators of documents for the fuzzers: the realistic records of
 * `test/helpers/records.ts` (every service), written as a pretty file, a
 * CRLF file, a line of a JSON Lines dataset or an item of a JSON array, then
 * mutated — characters inserted, deleted and replaced (biased to JSON
 * punctuation, digits, backslashes and line breaks), lines duplicated and
 * dropped, truncations, and hostile fragments spliced in, either anywhere in
 * the text or in place of a value / as a new property of an object, so that
 * a hostile value also reaches validation and every rule.
 */
import fc from 'fast-check';
import { Node as JsonNode, parseTree } from 'jsonc-parser';
import { JsonRecord, RECORDS, line } from '../helpers/records';
import { applyRecordEdits, recordEditArbitrary } from './recordEdits';

export type Format = 'json' | 'jsonl';
export type ServiceName = keyof typeof RECORDS;
export const SERVICE_NAMES = Object.keys(RECORDS) as ServiceName[];

export interface FuzzDocument {
  readonly text: string;
  readonly format: Format;
  /** How the document was made, for failure reports. */
  readonly recipe: string;
}

// ---------------------------------------------------------------------------
// Hostile fragments

/** Nested arrays / objects `depth` levels deep, closed or left open. */
export function nested(depth: number, kind: 'array' | 'object', closed = true): string {
  const open = kind === 'array' ? '[' : '{"a":';
  const close = kind === 'array' ? ']' : '}';
  return open.repeat(depth) + (kind === 'object' ? '1' : '') + (closed ? close.repeat(depth) : '');
}

const LONG = 100_000;

/** JSON values (most of them valid) that break careless code. */
export const HOSTILE_VALUES: readonly string[] = [
  '1e400',
  '-1e400',
  '-0',
  '12345678901234567890123',
  '0.0000000000000000000000000001',
  '1E-400',
  '9007199254740993',
  '"\\uD800"',
  '"\\uDC00x\\uD83D"',
  '"\uD800"',
  '"x\uDC00"',
  '"\uFEFFbom inside"',
  '"🔥 disk 💾 full"',
  '"\u202Eevil RTL \u05D0\u05D1\u05D2 עברית"',
  '"\\u0000 nul \\u001f"',
  '"tab\tand\u0001control"',
  '"nul\u0000raw"',
  '"\\\\\\"\\\\"',
  '"<img src=x onerror=alert(1)>"',
  '"${1:snippet} $0 \\\\$x"',
  '{"__proto__": {"polluted": true}}',
  '{"constructor": {"prototype": {"polluted": true}}}',
  '{"prototype": {"polluted": true}}',
  '{"__proto__": null}',
  '{"__proto__": []}',
  '{"toString": 1, "valueOf": "x", "hasOwnProperty": 2, "toJSON": 3}',
  '{"length": -1}',
  '[]',
  '{}',
  'null',
  'true',
  `"${'x'.repeat(LONG)}"`,
  `"${'\\u00e9'.repeat(LONG / 6)}"`,
  `{"${'k'.repeat(20_000)}": 1}`,
  `[${new Array(10_000).fill('0').join(',')}]`,
  `[${new Array(10_000).fill('{}').join(',')}]`,
  `[${new Array(2_000).fill('"2024-03-14T05:02:10Z"').join(',')}]`,
  nested(100, 'array'),
  nested(1_000, 'array'),
  nested(3_000, 'object'),
  nested(5_000, 'array'),
];

/** Raw text fragments, spliced anywhere (most break the syntax on purpose). */
export const HOSTILE_TEXT: readonly string[] = [
  ...HOSTILE_VALUES,
  '\uFEFF',
  '\u0000',
  '\u0000\u0000\u0000',
  '\r',
  '\r\n',
  '\n\n',
  '\uD800',
  '\uDC00',
  '"__proto__": {"polluted": true},',
  '"constructor": {"prototype": {"polluted": true}},',
  '"__proto__":',
  nested(5_000, 'array', false),
  nested(3_000, 'object', false),
  '\u2028\u2029',
  '/* comment */',
  '// comment\n',
  ',,',
  '}}}]]]',
  '"',
  '\\',
  '\\u',
  '\\uD8',
];

/** Keys that name prototype machinery. */
export const HOSTILE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

// ---------------------------------------------------------------------------
// Writing records

export type Writing = 'pretty' | 'crlf' | 'tabs' | 'jsonl' | 'jsonl-crlf' | 'array' | 'bom';

export const WRITINGS: readonly Writing[] = ['pretty', 'crlf', 'tabs', 'jsonl', 'jsonl-crlf', 'array', 'bom'];

/** A document holding `record`: alone, as one JSON Lines line between others, or as an item of a JSON array. */
export function write(record: JsonRecord, writing: Writing, neighbour: JsonRecord): { text: string; format: Format } {
  switch (writing) {
    case 'pretty':
      return { text: JSON.stringify(record, null, 2) + '\n', format: 'json' };
    case 'crlf':
      return { text: (JSON.stringify(record, null, 2) + '\n').replace(/\n/g, '\r\n'), format: 'json' };
    case 'tabs':
      return { text: JSON.stringify(record, null, '\t'), format: 'json' };
    case 'bom':
      return { text: '\uFEFF' + JSON.stringify(record, null, 2) + '\n', format: 'json' };
    case 'jsonl':
      return { text: [line(neighbour), line(record), '', line(neighbour)].join('\n') + '\n', format: 'jsonl' };
    case 'jsonl-crlf':
      return { text: [line(record), line(neighbour)].join('\r\n') + '\r\n', format: 'jsonl' };
    case 'array':
      return { text: JSON.stringify([neighbour, record], null, 2) + '\n', format: 'json' };
  }
}

// ---------------------------------------------------------------------------
// Mutations of text

/** Where a mutation applies, resolved against the text at that moment. */
export type Spot = { readonly kind: 'any' | 'start' | 'end' | 'crlf' | 'surrogate' | 'string' | 'punctuation'; readonly n: number };

export const spotArbitrary: fc.Arbitrary<Spot> = fc.record({
  kind: fc.constantFrom('any', 'any', 'any', 'start', 'end', 'crlf', 'surrogate', 'string', 'punctuation'),
  n: fc.nat(),
});

function occurrences(text: string, test: (code: number, i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length && out.length < 4096; i++) {
    if (test(text.charCodeAt(i), i)) {
      out.push(i);
    }
  }
  return out;
}

/** The offset a spot names in `text` (falls back to a spread of offsets when the text has no such place). */
export function resolveSpot(text: string, spot: Spot): number {
  const any = text.length ? spot.n % (text.length + 1) : 0;
  let candidates: number[] = [];
  switch (spot.kind) {
    case 'start':
      return 0;
    case 'end':
      return text.length;
    case 'crlf':
      candidates = occurrences(text, (c, i) => c === 10 && text.charCodeAt(i - 1) === 13);
      break;
    case 'surrogate':
      candidates = occurrences(text, (c) => c >= 0xdc00 && c <= 0xdfff);
      break;
    case 'string':
      candidates = occurrences(text, (c) => c === 34).map((i) => i + 1);
      break;
    case 'punctuation':
      candidates = occurrences(text, (c) => c === 123 || c === 125 || c === 91 || c === 93 || c === 44 || c === 58 || c === 34);
      break;
    default:
      return any;
  }
  return candidates.length ? candidates[spot.n % candidates.length] : any;
}

const PUNCTUATION = ['{', '}', '[', ']', '"', ',', ':', '\\', '\n', '\r\n', '\r', ' ', '0', '1', '9', '-', '.', 'e', 'E', '+', 'x', '\u0000', '\uFEFF', '\uD800'];

export const insertTextArbitrary = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PUNCTUATION) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...PUNCTUATION), maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
);

export type Mutation =
  | { readonly op: 'insert'; readonly at: Spot; readonly text: string }
  | { readonly op: 'delete'; readonly at: Spot; readonly length: number }
  | { readonly op: 'replace'; readonly at: Spot; readonly length: number; readonly text: string }
  | { readonly op: 'truncate'; readonly at: Spot }
  | { readonly op: 'duplicateLine' | 'dropLine'; readonly n: number }
  | { readonly op: 'value'; readonly n: number; readonly value: string }
  | { readonly op: 'property'; readonly n: number; readonly key: string; readonly value: string };

const lengthArbitrary = fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 2000 }));

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('insert' as const), at: spotArbitrary, text: insertTextArbitrary }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at: spotArbitrary, length: lengthArbitrary }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('replace' as const), at: spotArbitrary, length: lengthArbitrary, text: insertTextArbitrary }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: spotArbitrary }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('duplicateLine' as const, 'dropLine' as const), n: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('value' as const), n: fc.nat(), value: fc.constantFrom(...HOSTILE_VALUES) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('property' as const),
      n: fc.nat(),
      key: fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })),
      value: fc.constantFrom(...HOSTILE_VALUES),
    }),
  },
);

/** Value nodes and object nodes of a text that parses leniently (for structural splices). */
function nodesOf(text: string): { values: JsonNode[]; objects: JsonNode[] } {
  const values: JsonNode[] = [];
  const objects: JsonNode[] = [];
  const visit = (node: JsonNode | undefined, depth: number) => {
    if (!node || depth > 40) {
      return;
    }
    if (node.type === 'property') {
      visit(node.children?.[1], depth + 1);
      return;
    }
    values.push(node);
    if (node.type === 'object') {
      objects.push(node);
    }
    for (const child of node.children ?? []) {
      visit(child, depth + 1);
    }
  };
  // Structural splices need the tree of a text of sane depth and size.
  if (text.length < 400_000) {
    try {
      visit(parseTree(text, [], { allowTrailingComma: true, disallowComments: false }), 0);
    } catch {
      // Too deep for the recursive parser (an earlier mutation nested thousands of levels): splice anywhere instead.
    }
  }
  return { values, objects };
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** Applies one mutation. */
export function mutate(text: string, m: Mutation): string {
  switch (m.op) {
    case 'insert':
      return splice(text, resolveSpot(text, m.at), resolveSpot(text, m.at), m.text);
    case 'delete': {
      const at = resolveSpot(text, m.at);
      return splice(text, at, Math.min(text.length, at + m.length), '');
    }
    case 'replace': {
      const at = resolveSpot(text, m.at);
      return splice(text, at, Math.min(text.length, at + m.length), m.text);
    }
    case 'truncate':
      return text.slice(0, resolveSpot(text, m.at));
    case 'duplicateLine':
    case 'dropLine': {
      const lines = text.split('\n');
      const i = m.n % lines.length;
      lines.splice(i, m.op === 'dropLine' ? 1 : 0, ...(m.op === 'dropLine' ? [] : [lines[i]]));
      return lines.join('\n');
    }
    case 'value': {
      const { values } = nodesOf(text);
      const node = values.length ? values[m.n % values.length] : undefined;
      return node ? splice(text, node.offset, node.offset + node.length, m.value) : text + m.value;
    }
    case 'property': {
      const { objects } = nodesOf(text);
      const node = objects.length ? objects[m.n % objects.length] : undefined;
      if (!node) {
        return text;
      }
      const empty = !node.children?.length;
      return splice(text, node.offset + 1, node.offset + 1, `${JSON.stringify(m.key)}: ${m.value}${empty ? '' : ', '}`);
    }
  }
}

// ---------------------------------------------------------------------------
// Documents

/**
 * Counterexamples print as the recipe and the start of the text: a document
 * can be megabytes long, and the recipe (with the seed) replays it exactly.
 */
export function fuzzDocument(text: string, format: Format, recipe: string): FuzzDocument {
  const doc = { text, format, recipe };
  Object.defineProperty(doc, fc.toStringMethod, {
    value: () => `${format} document (${text.length} chars) from ${recipe}: ${JSON.stringify(text.length > 300 ? text.slice(0, 300) + '…' : text)}`,
  });
  return doc;
}

/** A clean record of one service (a fresh copy). */
export const recordArbitrary: fc.Arbitrary<{ service: ServiceName; record: JsonRecord }> = fc
  .constantFrom(...SERVICE_NAMES)
  .map((service) => ({ service, record: RECORDS[service]() }));

/**
 * A realistic document: a record of any service, with up to three edits that
 * break a rule the way people do (see recordEdits.ts), in any writing.
 */
export const realisticDocumentArbitrary: fc.Arbitrary<FuzzDocument> = fc
  .tuple(recordArbitrary, fc.array(recordEditArbitrary, { maxLength: 3 }), fc.constantFrom(...SERVICE_NAMES), fc.constantFrom(...WRITINGS))
  .map(([{ service, record }, edits, neighbour, writing]) => {
    const { text, format } = write(applyRecordEdits(record, edits), writing, RECORDS[neighbour]());
    const changes = edits.map((e) => ` ${e.name}#${e.n}`).join('');
    return fuzzDocument(text, format, `${service}${changes} ${writing} (neighbour ${neighbour})`);
  });

/** A realistic document with 1–`max` mutations. */
export function mutatedDocumentArbitrary(max = 4): fc.Arbitrary<FuzzDocument> {
  return fc
    .tuple(realisticDocumentArbitrary, fc.array(mutationArbitrary, { minLength: 1, maxLength: max }))
    .map(([doc, mutations]) => fuzzDocument(mutations.reduce(mutate, doc.text), doc.format, `${doc.recipe} + ${mutations.map(describeMutation).join(' + ')}`));
}

/** A short description of a mutation (hostile texts abbreviated), for failure reports. */
export function describeMutation(m: Mutation): string {
  const short = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 20)}…(${s.length})` : s);
  switch (m.op) {
    case 'insert':
      return `insert ${short(m.text)} at ${m.at.kind}#${m.at.n}`;
    case 'delete':
      return `delete ${m.length} at ${m.at.kind}#${m.at.n}`;
    case 'replace':
      return `replace ${m.length} at ${m.at.kind}#${m.at.n} by ${short(m.text)}`;
    case 'truncate':
      return `truncate at ${m.at.kind}#${m.at.n}`;
    case 'duplicateLine':
    case 'dropLine':
      return `${m.op} #${m.n}`;
    case 'value':
      return `value #${m.n} := ${short(m.value)}`;
    case 'property':
      return `property ${short(m.key)}: ${short(m.value)} in object #${m.n}`;
  }
}

/** Mutated documents, and realistic ones that still parse (so that every rule and quick fix is reached too). */
export const documentArbitrary: fc.Arbitrary<FuzzDocument> = fc.oneof(
  { weight: 2, arbitrary: realisticDocumentArbitrary },
  { weight: 5, arbitrary: mutatedDocumentArbitrary() },
);

/** Offsets at which features are asked: 0, the end, and interesting places of the text. */
export const spotsArbitrary: fc.Arbitrary<Spot[]> = fc.array(spotArbitrary, { minLength: 1, maxLength: 4 });
