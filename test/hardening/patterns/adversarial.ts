/**
 * Adversarial inputs derived from a regular expression's own syntax tree
 * (parsed with @eslint-community/regexpp): the characters it can match, its
 * literal runs (`password=`, `-----BEGIN `) and, for every quantifier, a
 * string its repeated element matches ("pump") — each repeated to any size,
 * with and without a character at the end that makes the match fail, the
 * classic way to make a backtracking engine retry. These are the inputs that
 * expose super-linear matching: nested or overlapping quantifiers, and
 * unanchored patterns that rescan from every start.
 */
import { AST, RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';

/** A unit of text and whether a failing character ends the repetition. */
export interface Family {
  readonly name: string;
  readonly unit: string;
  readonly terminator: string;
}

const MAX_UNIT = 256;

function setSample(node: AST.CharacterSet): string {
  switch (node.kind) {
    case 'digit':
      return node.negate ? 'a' : '1';
    case 'space':
      return node.negate ? 'a' : ' ';
    case 'word':
      return node.negate ? '-' : 'a';
    case 'any':
      return 'a';
    default:
      return 'a';
  }
}

function classSample(node: AST.CharacterClass | AST.ClassStringDisjunction | AST.ExpressionCharacterClass, regex: RegExp | undefined): string {
  if (node.type === 'CharacterClass' && !node.negate) {
    const first = node.elements[0];
    if (first?.type === 'Character') return String.fromCodePoint(first.value);
    if (first?.type === 'CharacterClassRange') return String.fromCodePoint(first.min.value);
    if (first?.type === 'CharacterSet') return setSample(first);
  }
  // A negated class: the first of a few candidates it accepts.
  const test = regex ? new RegExp(`^${node.raw}$`, regex.flags.replace(/[gy]/g, '')) : undefined;
  return ['a', '0', ' ', '-', '.', 'Z', '!'].find((c) => !test || test.test(c)) ?? 'a';
}

/** A short string that `node` matches (best effort: assertions and back-references match empty). */
function sample(node: AST.Node, regex: RegExp | undefined): string {
  switch (node.type) {
    case 'Character':
      return String.fromCodePoint(node.value);
    case 'CharacterSet':
      return setSample(node as AST.CharacterSet);
    case 'CharacterClass':
    case 'ExpressionCharacterClass':
      return classSample(node, regex);
    case 'Group':
    case 'CapturingGroup':
    case 'Pattern':
      return node.alternatives.length ? sample(node.alternatives[0], regex) : '';
    case 'Alternative':
      return node.elements.map((e) => sample(e, regex)).join('').slice(0, MAX_UNIT);
    case 'Quantifier':
      return sample(node.element, regex).repeat(Math.max(1, Math.min(node.min, 8))).slice(0, MAX_UNIT);
    default:
      return '';
  }
}

/** Whether `node` sits under a quantifier that can repeat it. */
function repeated(node: AST.Node): boolean {
  for (let n: AST.Node | null = node.parent; n; n = n.parent) {
    if (n.type === 'Quantifier' && n.max >= 2) return true;
  }
  return false;
}

/**
 * The representative characters of the parts of a pattern that can repeat
 * (only repetition can make matching super-linear; a literal that cannot
 * repeat is covered by the literal-run families).
 */
function characters(ast: AST.Pattern, regex: RegExp | undefined): Set<string> {
  const chars = new Set<string>();
  visitRegExpAST(ast, {
    onCharacterEnter(node) {
      if (node.parent.type !== 'CharacterClassRange' && repeated(node)) chars.add(String.fromCodePoint(node.value));
    },
    onCharacterClassRangeEnter(node) {
      if (repeated(node)) {
        chars.add(String.fromCodePoint(node.min.value));
        chars.add(String.fromCodePoint(node.max.value));
      }
    },
    onCharacterSetEnter(node) {
      if (repeated(node)) chars.add(setSample(node as AST.CharacterSet));
    },
    onCharacterClassEnter(node) {
      if (node.negate && repeated(node)) chars.add(classSample(node, regex));
    },
  });
  return chars;
}

/** Runs of two or more literal characters (`password=`), the text detectors key on. */
function literalRuns(ast: AST.Pattern): string[] {
  const runs: string[] = [];
  visitRegExpAST(ast, {
    onAlternativeEnter(node) {
      let run = '';
      for (const element of [...node.elements, undefined]) {
        if (element?.type === 'Character') {
          run += String.fromCodePoint(element.value);
        } else {
          if (run.length >= 2) runs.push(run);
          run = '';
        }
      }
    },
  });
  return runs;
}

/** A character `regex` never matches on its own, to end a repetition with a failure. */
function terminatorFor(chars: Set<string>): string {
  return ['!', '\u0001', '~', '#', ' ', '\u00e9'].find((c) => !chars.has(c)) ?? '\u0001';
}

/** The adversarial families of a pattern given as regex source (or, for a format, as an example value). */
export function familiesFor(source: string, flags: string, regex?: RegExp): Family[] {
  const units = new Map<string, string>();
  let terminator = '!';
  if (flags === 'literal') {
    // A format check given by an example: every character, every prefix shape.
    const chars = new Set([...source]);
    terminator = terminatorFor(chars);
    for (const c of chars) units.set(`"${c}" repeated`, c);
    for (let i = 2; i <= source.length; i += 3) units.set(`prefix "${source.slice(0, i)}" repeated`, source.slice(0, i));
  } else {
    const ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(source, 0, source.length, { unicode: flags.includes('u'), unicodeSets: flags.includes('v') });
    const chars = characters(ast, regex);
    terminator = terminatorFor(chars);
    for (const c of chars) units.set(`"${c}" repeated`, c);
    if (chars.size > 1) units.set('every character', [...chars].join('').slice(0, MAX_UNIT));
    for (const run of literalRuns(ast)) units.set(`literal "${run}" repeated`, run);
    units.set('a whole match repeated', sample(ast, regex) || 'a');
    visitRegExpAST(ast, {
      onQuantifierEnter(node) {
        if (node.max >= 2) {
          const pump = sample(node.element, regex) || 'a';
          units.set(`pump of ${node.raw.slice(0, 40)}`, pump);
          // What comes before the quantifier in its alternative, then the pump many times.
          const alternative = node.parent.type === 'Alternative' ? node.parent : undefined;
          if (alternative) {
            const before = alternative.elements.slice(0, alternative.elements.indexOf(node)).map((e) => sample(e, regex)).join('');
            if (before) units.set(`${before.slice(0, 20)} + pump of ${node.raw.slice(0, 30)}`, (before + pump.repeat(64)).slice(0, MAX_UNIT * 4));
          }
        }
      },
    });
  }
  const families: Family[] = [];
  for (const [name, unit] of units) {
    if (!unit) continue;
    families.push({ name, unit, terminator: '' }, { name: `${name}, then a failing "${terminator}"`, unit, terminator });
  }
  return families;
}

/** `unit` repeated to `size` characters, the last one replaced by `terminator` when there is one. */
export function inputOf(family: Family, size: number): string {
  const body = family.unit.repeat(Math.ceil(size / family.unit.length)).slice(0, size - family.terminator.length);
  return body + family.terminator;
}
