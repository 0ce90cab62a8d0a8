/**
 * Resolves JSON paths to text ranges inside one record. The position tree is
 * built only for records that have problems to report, and thrown away after.
 */
import { Node as JsonNode, parseTree, ParseError } from 'jsonc-parser';
import { DiagnosticData, JsonPath, LocatedProblem, Problem, toPointer } from '../problems';
import { shallowEnoughForTree } from './scanner';

export const PARSE_OPTIONS = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

/**
 * Parses record text into a position tree (offsets relative to the text);
 * undefined for a text nested too deep for the recursive parser.
 */
export function parseRecordTree(text: string, errors?: ParseError[]): JsonNode | undefined {
  return shallowEnoughForTree(text) ? parseTree(text, errors, PARSE_OPTIONS) : undefined;
}

/**
 * Finds the property node for `key` in an object node. When the key appears
 * more than once the last one wins, as with `JSON.parse`.
 */
export function findProperty(objectNode: JsonNode, key: string): JsonNode | undefined {
  if (objectNode.type !== 'object' || !objectNode.children) {
    return undefined;
  }
  let found: JsonNode | undefined;
  for (const property of objectNode.children) {
    const keyNode = property.children?.[0];
    if (keyNode && keyNode.value === key) {
      found = property;
    }
  }
  return found;
}

/** The value node at `path`, and how far the path could be followed. */
export function findNode(root: JsonNode, path: JsonPath): { node: JsonNode; depth: number } {
  let node = root;
  let depth = 0;
  for (const segment of path) {
    let next: JsonNode | undefined;
    if (typeof segment === 'number') {
      if (node.type === 'array' && node.children && segment < node.children.length) {
        next = node.children[segment];
      }
    } else {
      next = findProperty(node, segment)?.children?.[1];
    }
    if (!next) {
      break;
    }
    node = next;
    depth++;
  }
  return { node, depth };
}

function keyRangeOf(valueNode: JsonNode): [number, number] | undefined {
  const parent = valueNode.parent;
  if (parent && parent.type === 'property' && parent.children?.[0]) {
    const key = parent.children[0];
    return [key.offset, key.offset + key.length];
  }
  return undefined;
}

/** Where a string node's decoded character `index` sits in the raw text, if no escape precedes it. */
function rawOffsetInString(text: string, node: JsonNode, index: number): number | undefined {
  const raw = text.substr(node.offset + 1, Math.max(0, Math.min(index, node.length - 2)));
  return raw.includes('\\') ? undefined : node.offset + 1 + index;
}

function rangeFor(text: string, root: JsonNode, problem: Problem): [number, number] {
  const { node, depth } = findNode(root, problem.path);
  const complete = depth === problem.path.length;
  if (!complete) {
    // The node was not found (should not happen for problems from parsed
    // values): fall back to the nearest ancestor's key, or its first character.
    return keyRangeOf(node) ?? [node.offset, node.offset + 1];
  }
  switch (problem.target) {
    case 'key':
      return keyRangeOf(node) ?? [node.offset, node.offset + 1];
    case 'missing':
      return keyRangeOf(node) ?? [node.offset, node.offset + 1];
    case 'value': {
      if (problem.within && node.type === 'string') {
        const [from, to] = problem.within;
        const start = rawOffsetInString(text, node, from);
        const end = rawOffsetInString(text, node, to);
        if (start !== undefined && end !== undefined && end > start && end <= node.offset + node.length - 1) {
          return [start, end];
        }
      }
      return [node.offset, node.offset + node.length];
    }
  }
}

/** Resolves the ranges of a record's problems; `recordIndex` is stored in each diagnostic's data. */
export function locateProblems(recordText: string, problems: readonly Problem[], recordIndex: number, tree?: JsonNode): LocatedProblem[] {
  if (problems.length === 0) {
    return [];
  }
  const root = tree ?? parseRecordTree(recordText);
  return problems.map((problem) => {
    const [start, end] = root ? rangeFor(recordText, root, problem) : [0, Math.min(1, recordText.length)];
    const data: DiagnosticData = { ...problem.data, pointer: problem.data?.pointer ?? toPointer(problem.path), recordIndex };
    return { code: problem.code, message: problem.message, start, end, data };
  });
}

export type { JsonNode };
