/**
 * A JSON array of records whose outer structure is broken (a missing comma
 * between items, an unclosed bracket): the tolerant parser recovers the items
 * it can and reports the syntax error once for the whole text.
 */
import { LocatedProblem } from '../problems';
import { parseRecordTree } from './locator';
import { RecordSpan } from './recordSpans';
import { MAX_TREE_DEPTH, treeDepth } from './scanner';
import { syntaxProblems } from './syntax';

/** Nesting deeper than this is not handed to the (recursive) tolerant parser. */
export const MAX_TOLERANT_DEPTH = MAX_TREE_DEPTH;

export function tolerantArray(text: string): { spans: RecordSpan[]; problems: LocatedProblem[] } {
  const start = Math.max(0, text.indexOf('['));
  const body = text.slice(start);
  const depth = treeDepth(body);
  if (depth > MAX_TOLERANT_DEPTH) {
    const problem: LocatedProblem = {
      code: 'IR001',
      message: `Invalid JSON, nested ${depth} levels deep: the file is not checked further. A real dataset is about seven levels deep.`,
      start,
      end: start + 1,
      data: { pointer: '', recordIndex: -1, tooDeep: true },
    };
    return { spans: [], problems: [problem] };
  }
  const problems = syntaxProblems(body, -1).map((p) => ({ ...p, start: p.start + start, end: p.end + start }));
  const root = parseRecordTree(body);
  const spans: RecordSpan[] = [];
  if (root?.type === 'array') {
    for (const child of root.children ?? []) {
      spans.push({ index: spans.length, start: child.offset + start, end: child.offset + child.length + start });
    }
  }
  return { spans, problems };
}
