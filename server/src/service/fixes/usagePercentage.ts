/**
 * IR208 for `usage_percentage`: when it is the number that contradicts
 * used / total, set it to the recomputed value the rule carries in
 * `data.expected` (safe: the sizes are the measurements, the percentage is
 * derived from them).
 */
import { Fix, FixProvider, nodeAt } from './fixTypes';
import { replaceNode } from './jsonEdits';

const TITLE = (expected: number): string => `Set usage_percentage to ${expected} (used / total × 100)`;

export const usagePercentageFix: FixProvider = ({ data, src }): Fix[] => {
  const expected = data.expected;
  if (data.metric !== 'usage_percentage' || typeof expected !== 'number' || !Number.isFinite(expected)) {
    return [];
  }
  const node = nodeAt(src, data.pointer);
  if (!node || node.type !== 'number' || node.value === expected) {
    return [];
  }
  return [{ title: TITLE(expected), changes: [replaceNode(node, [JSON.stringify(expected)])], safe: true, preferred: true }];
};
