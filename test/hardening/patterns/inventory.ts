/**
 * Every regular expression that can run on record text, found from the
 * sources rather than listed by hand, so a new one cannot escape the
 * linear-time test:
 * - each regex literal in `server/src/service/**`, read with the TypeScript
 *   parser;
 * - each `new RegExp(...)` there, rebuilt from the same source text (the
 *   token formats, their combined anchor scan and the secrets pre-filter), or
 *   named in `NOT_ON_RECORD_TEXT` with the reason it never sees record text —
 *   an unknown call site fails the test;
 * - every `pattern` of the record schema, compiled as ajv compiles it (`u`);
 * - the format checks our validator uses (`date-time`, and `date`, `time`,
 *   `uri`, which it registers): server/src/service/schema/formats.ts's,
 *   ajv-formats' but for date-time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { formats } from '../../../server/src/service/schema/formats';
import { TOKEN_ANCHORS } from '../../../server/src/service/secrets/tokens';
import { repoRoot } from '../../helpers/text';

export interface Pattern {
  /** Where it comes from: `file:line`, `schema /$defs/...` or `format ...`. */
  readonly origin: string;
  readonly regex?: RegExp;
  /** For a check that is a function (the date-time format): the function. */
  readonly check?: (text: string) => unknown;
  /** Text the adversarial inputs are derived from (the regex source). */
  readonly source: string;
  readonly flags: string;
}

/** `new RegExp` call sites whose input is never record text, with why. */
export const NOT_ON_RECORD_TEXT: Readonly<Record<string, string>> = {
  'server/src/service/completion/valueItems.ts': 'finds an enum value in a schema description (the product\'s own text)',
};

function serviceFiles(): string[] {
  const root = path.join(repoRoot(), 'server', 'src', 'service');
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
}

function stringArgs(call: ts.CallExpression | ts.NewExpression): (string | undefined)[] {
  return (call.arguments ?? []).map((a) => (ts.isStringLiteralLike(a) ? a.text : undefined));
}

interface SourceScan {
  literals: Pattern[];
  /** `new RegExp` sites: relative file → line numbers. */
  dynamicSites: Map<string, number[]>;
  /** Arguments of `format(kind, anchor, body)` calls in the token detector. */
  tokenBodies: string[];
  tokenEnd?: string;
  prefilterKeywords: string[];
}

function scanSources(): SourceScan {
  const scan: SourceScan = { literals: [], dynamicSites: new Map(), tokenBodies: [], prefilterKeywords: [] };
  for (const file of serviceFiles()) {
    const relative = path.relative(repoRoot(), file).replace(/\\/g, '/');
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText();
        const end = text.lastIndexOf('/');
        const body = text.slice(1, end);
        const flags = text.slice(end + 1);
        scan.literals.push({ origin: `${relative}:${lineOf(node)}`, regex: new RegExp(body, flags), source: body, flags });
      } else if (ts.isNewExpression(node) && node.expression.getText() === 'RegExp') {
        const lines = scan.dynamicSites.get(relative) ?? [];
        lines.push(lineOf(node));
        scan.dynamicSites.set(relative, lines);
      } else if (relative.endsWith('secrets/tokens.ts') && ts.isCallExpression(node) && node.expression.getText() === 'format') {
        const [, , body] = stringArgs(node);
        if (body !== undefined) {
          scan.tokenBodies.push(body);
        }
      } else if (ts.isVariableDeclaration(node) && node.initializer) {
        const name = node.name.getText();
        if (relative.endsWith('secrets/tokens.ts') && name === 'TOKEN_END' && ts.isStringLiteralLike(node.initializer)) {
          scan.tokenEnd = node.initializer.text;
        }
        if (relative.endsWith('secrets/prefilter.ts') && name === 'KEYWORDS' && ts.isArrayLiteralExpression(node.initializer)) {
          scan.prefilterKeywords = node.initializer.elements.filter(ts.isStringLiteralLike).map((e) => e.text);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return scan;
}

const anyCase = (word: string): string => word.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);

/** The dynamic regexes, rebuilt as their modules build them; throws on a call site nobody accounted for. */
function dynamicPatterns(scan: SourceScan): Pattern[] {
  const rebuilt: Record<string, () => Pattern[]> = {
    'server/src/service/secrets/tokens.ts': () => {
      if (scan.tokenEnd === undefined || scan.tokenBodies.length < 30) {
        throw new Error('the token formats of secrets/tokens.ts were not found: update test/hardening/patterns/inventory.ts');
      }
      const anchors = `(?<![A-Za-z0-9_])(?:${TOKEN_ANCHORS.map((a) => `(${a})`).join('|')})`;
      return [
        ...scan.tokenBodies.map((body) => ({ origin: `secrets/tokens.ts format ${body.slice(0, 24)}…`, regex: new RegExp(`(?:${body})${scan.tokenEnd}`, 'y'), source: body, flags: 'y' })),
        { origin: 'secrets/tokens.ts ANCHORS', regex: new RegExp(anchors, 'g'), source: anchors, flags: 'g' },
      ];
    },
    'server/src/service/secrets/prefilter.ts': () => {
      if (scan.prefilterKeywords.length === 0) {
        throw new Error('the KEYWORDS of secrets/prefilter.ts were not found: update test/hardening/patterns/inventory.ts');
      }
      const source = [':\\/\\/', '@', '-----BEGIN ', ...scan.prefilterKeywords.map(anyCase), ...TOKEN_ANCHORS].join('|');
      return [
        { origin: 'secrets/prefilter.ts PREFILTER', regex: new RegExp(source), source, flags: '' },
        { origin: 'secrets/prefilter.ts PREFILTER, anchored', regex: new RegExp(source, 'y'), source, flags: 'y' },
      ];
    },
  };
  const out: Pattern[] = [];
  for (const [file, lines] of scan.dynamicSites) {
    if (NOT_ON_RECORD_TEXT[file]) {
      continue;
    }
    const build = rebuilt[file];
    if (!build) {
      throw new Error(`new RegExp in ${file} (line ${lines.join(', ')}): rebuild it in test/hardening/patterns/inventory.ts, or say why it never sees record text`);
    }
    out.push(...build());
  }
  return out;
}

/** Every `pattern` in the record schema, with its JSON pointer. */
function schemaPatterns(): Pattern[] {
  const schema = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'schemas', 'incident-record.schema.json'), 'utf8'));
  const out: Pattern[] = [];
  const walk = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${pointer}/${i}`));
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'pattern' && typeof value === 'string') {
          out.push({ origin: `schema ${pointer}/pattern`, regex: new RegExp(value, 'u'), source: value, flags: 'u' });
        } else if (key === 'patternProperties' && value && typeof value === 'object') {
          for (const name of Object.keys(value)) {
            out.push({ origin: `schema ${pointer}/patternProperties`, regex: new RegExp(name, 'u'), source: name, flags: 'u' });
          }
          walk(value, `${pointer}/${key}`);
        } else {
          walk(value, `${pointer}/${key}`);
        }
      }
    }
  };
  walk(schema, '');
  return out;
}

/** The format checks the validator is built with (scripts/validator-plugin.mjs, server/src/service/schema/formats.ts). */
function formatChecks(): Pattern[] {
  return (['date-time', 'date', 'time', 'uri'] as const).map((name) => {
    const format = formats[name];
    const validate = (format as { validate?: unknown }).validate ?? format;
    const check = validate instanceof RegExp ? (text: string) => validate.test(text) : (validate as (text: string) => boolean);
    // Adversarial inputs for a format come from what a valid value looks like.
    const source = { 'date-time': '2024-03-14T02:41:17.123+00:00 t', date: '2024-03-14', time: '02:41:17.5Z+-', uri: 'https://u:p@h.io:80/a/b?q=1#f%2F[::1]' }[name];
    return { origin: `format ${name}`, check, source, flags: 'literal' };
  });
}

export function inventory(): { patterns: Pattern[]; literalCount: number; dynamicSites: number } {
  const scan = scanSources();
  const patterns = [...scan.literals, ...dynamicPatterns(scan), ...schemaPatterns(), ...formatChecks()];
  return { patterns, literalCount: scan.literals.length, dynamicSites: [...scan.dynamicSites.values()].reduce((n, l) => n + l.length, 0) };
}
