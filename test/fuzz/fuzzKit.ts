/**
 * What every fuzz test shares: the run budget (seeded, bounded in cases and
 * time, scaled up by `npm run fuzz`), a case counter that reports how many
 * inputs each property really tried, and the invariants that hold for any
 * input whatsoever.
 *
 * Budget: `FUZZ_RUNS` multiplies every property's case count and time limit
 * (default 1: the whole fuzz suite stays around a minute on two cores);
 * `FUZZ_SECONDS` overrides each property's time limit; `FUZZ_SEED` replaces
 * the fixed seeds, to explore other inputs (a failure prints the seed and
 * path to replay it). For investigating: `FUZZ_DUMP=file` writes the last
 * failing input there as JSON, `FUZZ_SLOW=ms` logs cases slower than that.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { TestContext } from 'node:test';
import fc from 'fast-check';
import type { Position, Range } from 'vscode-languageserver-types';

const SCALE = Math.max(1, Number(process.env.FUZZ_RUNS ?? '1') || 1);

/** Whether this is a long run (`npm run fuzz`): exhaustive tests then try every combination instead of a rotation. */
export const LONG_RUN = SCALE > 1;
const SECONDS = process.env.FUZZ_SECONDS ? Number(process.env.FUZZ_SECONDS) : undefined;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

export const NOW = Date.parse('2025-01-01T00:00:00Z');

export interface Budget {
  /** Cases in a default run (`npm test`). */
  readonly runs: number;
  /** Wall-clock limit of a default run, in seconds: a slow machine tries fewer cases, never hangs the suite. */
  readonly seconds: number;
  /** The property's fixed seed. */
  readonly seed: number;
}

/**
 * Runs a property with its budget and reports on the test how many cases it
 * generated (`t.diagnostic`, shown by the spec reporter): the count the
 * closing note of a fuzz run quotes.
 */
export function fuzz<T>(t: TestContext, name: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void, budget: Budget): void {
  let cases = 0;
  const started = Date.now();
  fc.assert(
    fc.property(arbitrary, (value) => {
      cases++;
      dumpOnFailure(value, () => predicate(value));
    }),
    runOptions(budget),
  );
  report(t, name, cases, started);
}

/** fast-check's options for a budget, scaled by FUZZ_RUNS and overridden by FUZZ_SEED / FUZZ_SECONDS. */
function runOptions(budget: Budget): fc.Parameters<unknown> {
  return {
    seed: SEED ?? budget.seed,
    numRuns: budget.runs * SCALE,
    interruptAfterTimeLimit: (SECONDS ?? budget.seconds * SCALE) * 1000,
    markInterruptAsFailure: false,
    endOnFailure: true,
  };
}

/** The same for asynchronous predicates. */
export async function fuzzAsync<T>(t: TestContext, name: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, budget: Budget): Promise<void> {
  let cases = 0;
  const started = Date.now();
  await fc.assert(
    fc.asyncProperty(arbitrary, async (value) => {
      cases++;
      try {
        await predicate(value);
      } catch (error) {
        dump(value);
        throw error;
      }
    }),
    runOptions(budget),
  );
  report(t, name, cases, started);
}

/**
 * With `FUZZ_DUMP=file`, the last failing input is written there as JSON
 * (documents can be too long for a readable test report).
 */
function dump(value: unknown): void {
  if (process.env.FUZZ_DUMP) {
    fs.writeFileSync(process.env.FUZZ_DUMP, JSON.stringify(value));
  }
}

function dumpOnFailure(value: unknown, run: () => void): void {
  const started = Date.now();
  try {
    run();
  } catch (error) {
    dump(value);
    throw error;
  }
  if (process.env.FUZZ_SLOW && Date.now() - started > Number(process.env.FUZZ_SLOW)) {
    console.log(`slow case (${Date.now() - started} ms): ${fc.stringify(value).slice(0, 400)}`);
  }
}

export function report(t: TestContext, name: string, cases: number, started: number): void {
  t.diagnostic(`fuzz: ${name}: ${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------------------
// Ranges inside the document

/** Lengths of the LSP lines of a text (without their `\n`, `\r\n` or lone `\r`). */
export function lineLengths(text: string): number[] {
  const lengths: number[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lengths.push(i - start);
      if (c === 13 && text.charCodeAt(i + 1) === 10) {
        i++;
      }
      start = i + 1;
    }
  }
  lengths.push(text.length - start);
  return lengths;
}

/** Checks positions and ranges against one text (line lengths computed once). */
export class RangeChecker {
  readonly lengths: number[];

  constructor(readonly text: string) {
    this.lengths = lineLengths(text);
  }

  position(p: Position, what: string): void {
    assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character), `${what}: integer position ${JSON.stringify(p)}`);
    assert.ok(p.line >= 0 && p.line < this.lengths.length, `${what}: line ${p.line} of ${this.lengths.length}`);
    assert.ok(p.character >= 0 && p.character <= this.lengths[p.line], `${what}: character ${p.character} on line ${p.line} of length ${this.lengths[p.line]}`);
  }

  range(r: Range, what: string): void {
    this.position(r.start, `${what} start`);
    this.position(r.end, `${what} end`);
    const ordered = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
    assert.ok(ordered, `${what}: start ${JSON.stringify(r.start)} after end ${JSON.stringify(r.end)}`);
  }

  /** Whether `inner` lies within `outer`. */
  static contains(outer: Range, inner: Range): boolean {
    const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
    return before(outer.start, inner.start) && before(inner.end, outer.end);
  }
}

// ---------------------------------------------------------------------------
// Prototype pollution

const WATCHED: readonly [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
  ['Boolean.prototype', Boolean.prototype],
  ['RegExp.prototype', RegExp.prototype],
  ['Map.prototype', Map.prototype],
  ['Set.prototype', Set.prototype],
  ['Promise.prototype', Promise.prototype],
  ['Error.prototype', Error.prototype],
];

type Snapshot = Map<string, Map<string | symbol, PropertyDescriptor>>;

/** Every own property (names and symbols, with their descriptors) of the built-in prototypes. */
export function prototypeSnapshot(): Snapshot {
  const snapshot: Snapshot = new Map();
  for (const [name, proto] of WATCHED) {
    const own = new Map<string | symbol, PropertyDescriptor>();
    for (const key of [...Object.getOwnPropertyNames(proto), ...Object.getOwnPropertySymbols(proto)]) {
      own.set(key, Object.getOwnPropertyDescriptor(proto, key)!);
    }
    snapshot.set(name, own);
  }
  return snapshot;
}

/** No built-in prototype gained, lost or changed a property, and a fresh object inherits nothing new. */
export function assertNoPollution(before: Snapshot, context: string): void {
  const probe: Record<string, unknown> = {};
  assert.equal(probe.polluted, undefined, `${context}: ({}).polluted is ${String(probe.polluted)}`);
  assert.equal(Object.getPrototypeOf(probe), Object.prototype, `${context}: prototype of {} changed`);
  assert.equal(([] as unknown as Record<string, unknown>).polluted, undefined, `${context}: [].polluted`);
  const after = prototypeSnapshot();
  for (const [name, own] of before) {
    const now = after.get(name)!;
    const added = [...now.keys()].filter((k) => !own.has(k)).map(String);
    const removed = [...own.keys()].filter((k) => !now.has(k)).map(String);
    assert.deepEqual({ added, removed }, { added: [], removed: [] }, `${context}: ${name} own properties changed`);
    for (const [key, descriptor] of own) {
      const current = now.get(key)!;
      const same = current.value === descriptor.value && current.get === descriptor.get && current.set === descriptor.set;
      assert.ok(same, `${context}: ${name}.${String(key)} was replaced`);
    }
  }
}

// ---------------------------------------------------------------------------
// Echo of input text in messages

/** A diagnostic's message as text (LSP 3.18 allows Markdown content too). */
export function messageText(d: { message: string | { value: string } }): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** The most characters any message may copy verbatim from the record. */
export const MAX_ECHO = 64;

/**
 * Asserts that no message repeats more than `MAX_ECHO` consecutive characters
 * of the input (messages quote short identifiers, never long values, which
 * may be secrets or megabytes). `ownWording` lists the product's texts that
 * may legitimately coincide with the input.
 */
export function assertNoLongEcho(messages: Iterable<string>, input: string, context: string): void {
  const windows = new Set<string>();
  for (const message of messages) {
    for (let i = 0; i + MAX_ECHO + 1 <= message.length; i++) {
      windows.add(message.slice(i, i + MAX_ECHO + 1));
    }
  }
  for (const window of windows) {
    assert.ok(!input.includes(window), `${context}: a message copies more than ${MAX_ECHO} characters of the input: ${JSON.stringify(window)}`);
  }
}

// ---------------------------------------------------------------------------
// Parse preservation

/** Whether `text` parses as JSON. */
export function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** JSON Lines records as the product splits them: `\n`-separated, blank lines skipped, `\r` and spaces trimmed. */
export function jsonLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split('\n');
}

function isBlank(line: string): boolean {
  return /^[ \t\r\n]*$/.test(line);
}

/**
 * The parse-preservation invariant of an edit (a quick fix or fix-all):
 * JSON — a document that parsed still parses (a document that did not may
 * not lose a record that did: checked per record by the caller); JSON Lines —
 * no line is added or removed, every line that parsed still parses and every
 * edited line parses.
 */
export function assertStillParses(before: string, after: string, format: 'json' | 'jsonl', context: string): void {
  if (format === 'json') {
    const body = (t: string) => (t.charCodeAt(0) === 0xfeff ? t.slice(1) : t);
    if (parses(body(before))) {
      assert.ok(parses(body(after)), `${context}: the document parsed before the edit and no longer does`);
    }
    return;
  }
  const old = jsonLines(before);
  const now = jsonLines(after);
  assert.equal(now.length, old.length, `${context}: JSON Lines edit added or removed a line`);
  for (let i = 0; i < old.length; i++) {
    if (old[i] === now[i] || isBlank(now[i])) {
      continue;
    }
    assert.ok(parses(now[i]), `${context}: edited line ${i + 1} does not parse${parses(old[i]) ? ' (it did before)' : ''}`);
  }
}
