/**
 * IR003: convert a value to the expected type when nothing is lost: a quoted
 * number (`"42"` → `42`), a quoted boolean (`"true"` → `true`), a number
 * where a string is expected (`17` → `"17"`, keeping the digits as written),
 * and a single value where a list is expected (`"oom"` → `["oom"]`).
 */
import { JsonNode } from '../parsing/locator';
import { fromPointer } from '../problems';
import { deref } from '../schema/schemaStore';
import { Fix, FixProvider, nodeAt, stringList } from './fixTypes';
import { replaceNode } from './jsonEdits';
import { schemaAt } from './placeholders';
import { RecordSource } from './recordSource';

const TITLES = {
  number: 'Convert to a number',
  integer: 'Convert to an integer',
  boolean: 'Convert to a boolean',
  string: 'Convert to a string',
  array: 'Wrap the value in a list',
} as const;

/** A JSON number literal exactly as JSON writes it: removing the quotes keeps every character. */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

function rawText(src: RecordSource, node: JsonNode): string {
  return src.text.slice(node.offset, node.offset + node.length);
}

function fix(kind: keyof typeof TITLES, node: JsonNode, text: string): Fix {
  return { title: TITLES[kind], changes: [replaceNode(node, [text])], safe: true, preferred: true };
}

/** The item type a list at this pointer accepts, from the schema. */
function itemType(src: RecordSource, pointer: string): string | undefined {
  const items = deref(schemaAt(src.value, fromPointer(pointer))?.items);
  return Array.isArray(items?.type) ? items?.type[0] : (items?.type as string | undefined);
}

function scalarFix(node: JsonNode, raw: string, expected: readonly string[]): Fix | undefined {
  const value: unknown = node.value;
  if (typeof value === 'string') {
    const number = Number(value);
    if (JSON_NUMBER.test(value) && Number.isFinite(number)) {
      if (expected.includes('number')) {
        return fix('number', node, value);
      }
      if (expected.includes('integer') && Number.isSafeInteger(number)) {
        return fix('integer', node, value);
      }
    }
    if ((value === 'true' || value === 'false') && expected.includes('boolean')) {
      return fix('boolean', node, value);
    }
  }
  if (typeof value === 'number' && expected.includes('string')) {
    return fix('string', node, JSON.stringify(raw));
  }
  return undefined;
}

export const typeConversionFix: FixProvider = ({ data, src }): Fix[] => {
  const node = nodeAt(src, data.pointer);
  const expected = stringList(data, 'expected');
  if (!node || expected.length === 0) {
    return [];
  }
  const raw = rawText(src, node);
  const converted = scalarFix(node, raw, expected);
  if (converted) {
    return [converted];
  }
  const scalar = node.type === 'string' || node.type === 'number' || node.type === 'boolean';
  if (scalar && expected.includes('array')) {
    const accepts = itemType(src, data.pointer);
    const type = node.type === 'number' && Number.isInteger(node.value) && accepts === 'integer' ? 'integer' : node.type;
    if (accepts === undefined || accepts === type) {
      return [fix('array', node, `[${raw}]`)];
    }
  }
  return [];
};
