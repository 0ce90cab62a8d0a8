/**
 * Syntax problems (IR001) and duplicate keys (IR010), found with the tolerant
 * parser only when the fast path says there is something to find.
 */
import { ParseError, ParseErrorCode, printParseErrorCode } from 'jsonc-parser';

type ParseErrorName = ReturnType<typeof printParseErrorCode>;
import { DiagnosticData, JsonPath, LocatedProblem, toPointer } from '../problems';
import { JsonNode, parseRecordTree } from './locator';

const SYNTAX_MESSAGES: Partial<Record<ParseErrorName, string>> = {
  InvalidSymbol: 'Unexpected character: expected a JSON value (an object, array, string, number, true, false or null).',
  InvalidNumberFormat: 'Invalid number: JSON numbers have no leading zeros, no trailing dot and no hex or NaN.',
  PropertyNameExpected: 'Expected a property name in double quotes.',
  ValueExpected: 'Expected a value.',
  ColonExpected: 'Expected a colon after the property name.',
  CommaExpected: 'Expected a comma between values.',
  CloseBraceExpected: 'Expected "}" to close the object.',
  CloseBracketExpected: 'Expected "]" to close the array.',
  EndOfFileExpected: 'Unexpected text after the end of the JSON value. In JSON Lines each record must be on one line; in a JSON file use an array for several records.',
  InvalidCommentToken: 'Comments are not allowed in JSON.',
  UnexpectedEndOfComment: 'Comments are not allowed in JSON.',
  UnexpectedEndOfString: 'Unterminated string: add the closing double quote.',
  UnexpectedEndOfNumber: 'Unterminated number.',
  InvalidUnicode: 'Invalid unicode escape: use \\u followed by four hex digits.',
  InvalidEscapeCharacter: 'Invalid escape sequence in a string.',
  InvalidCharacter: 'Invalid character in a string: control characters must be escaped (\\n, \\t, \\u0000).',
};

/** Later errors in one record are nearly always consequences of the first. */
const MAX_SYNTAX_PROBLEMS = 1;

/** Messages for the parser's error codes. */
export function syntaxMessage(error: ParseErrorCode): string {
  const name = printParseErrorCode(error);
  return SYNTAX_MESSAGES[name] ?? `Invalid JSON (${name}).`;
}

/**
 * Reports the syntax errors of a record's text (offsets relative to the text).
 * A trailing comma is reported as such rather than as a missing value.
 */
export function syntaxProblems(text: string, recordIndex: number, errors?: ParseError[]): LocatedProblem[] {
  const parseErrors = errors ?? [];
  if (!errors) {
    parseRecordTree(text, parseErrors);
  }
  const problems: LocatedProblem[] = [];
  let lastOffset = -1;
  for (const error of parseErrors) {
    if (problems.length >= MAX_SYNTAX_PROBLEMS) {
      break;
    }
    if (error.offset === lastOffset) {
      continue; // one error per place: the parser often reports a cascade at one offset
    }
    lastOffset = error.offset;
    let message = syntaxMessage(error.error);
    const before = text.slice(0, error.offset).trimEnd();
    const name = printParseErrorCode(error.error);
    if ((name === 'PropertyNameExpected' || name === 'ValueExpected') && before.endsWith(',')) {
      const next = text.slice(error.offset, error.offset + 1);
      if (next === '}' || next === ']') {
        message = 'Trailing comma: JSON does not allow a comma before "' + next + '".';
      }
    }
    const start = Math.min(error.offset, text.length);
    const end = Math.min(start + Math.max(error.length, 1), text.length);
    problems.push({
      code: 'IR001',
      message,
      start: end > start ? start : Math.max(0, start - 1),
      end: end > start ? end : start,
      data: { pointer: '', recordIndex, parseError: printParseErrorCode(error.error) },
    });
  }
  return problems;
}

/** Finds keys that occur more than once in one object; each later copy is reported. */
export function duplicateKeyProblems(root: JsonNode, recordIndex: number): LocatedProblem[] {
  const problems: LocatedProblem[] = [];
  const visit = (node: JsonNode, path: (string | number)[]): void => {
    if (node.type === 'object' && node.children) {
      const seen = new Map<string, JsonNode>();
      for (const property of node.children) {
        const keyNode = property.children?.[0];
        const valueNode = property.children?.[1];
        if (!keyNode) {
          continue;
        }
        const key = String(keyNode.value);
        const first = seen.get(key);
        if (first) {
          const data: DiagnosticData = { pointer: toPointer([...path, key]), recordIndex, firstOffset: first.offset };
          problems.push({
            code: 'IR010',
            message: `Duplicate key ${JSON.stringify(truncateKey(key))}: this object already has it, and a JSON parser keeps only the last value. Remove or rename one of them.`,
            start: keyNode.offset,
            end: keyNode.offset + keyNode.length,
            data,
          });
        } else {
          seen.set(key, keyNode);
        }
        if (valueNode) {
          visit(valueNode, [...path, key]);
        }
      }
    } else if (node.type === 'array' && node.children) {
      node.children.forEach((child, i) => visit(child, [...path, i]));
    }
  };
  visit(root, []);
  return problems;
}

function truncateKey(key: string): string {
  return key.length > 60 ? key.slice(0, 57) + '…' : key;
}

/** Own keys of every object in a parsed value, and its nesting depth, without recursion. */
export function measureValue(value: unknown): { keys: number; depth: number } {
  let keys = 0;
  let depth = 0;
  const stack: unknown[] = [value];
  const depths: number[] = [1];
  while (stack.length) {
    const v = stack.pop();
    const d = depths.pop()!;
    if (v === null || typeof v !== 'object') {
      continue;
    }
    if (d > depth) {
      depth = d;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item = v[i];
        if (item !== null && typeof item === 'object') {
          stack.push(item);
          depths.push(d + 1);
        }
      }
    } else {
      for (const key in v as Record<string, unknown>) {
        keys++;
        const item = (v as Record<string, unknown>)[key];
        if (item !== null && typeof item === 'object') {
          stack.push(item);
          depths.push(d + 1);
        }
      }
    }
  }
  return { keys, depth };
}

export type { JsonPath };
