/**
 * Action fixes. IR203: a failed or partially successful action gets an
 * `error` to fill in (placed after `result`, in schema order), or a tab stop
 * in its blank one; not safe. IR204: the actions are sorted by timestamp in
 * the rule's stable order; each action keeps its text and the separators stay
 * as they were (safe).
 */
import { fromPointer } from '../problems';
import { Fix, FixProvider, nodeAt, nodeAtPath } from './fixTypes';
import { insertMissing } from './insertMissing';
import { replaceNode, reorderItems } from './jsonEdits';
import { stop } from './template';

const TITLES = {
  error: 'Insert the error this action reported',
  fillError: 'Fill in the error this action reported',
  sort: 'Sort the actions by timestamp',
};

/** IR203. */
export const insertActionErrorFix: FixProvider = ({ data, src }): Fix[] => {
  if (nodeAt(src, data.pointer)?.type !== 'object') {
    return [];
  }
  const errorPath = [...fromPointer(data.pointer), 'error'];
  const existing = nodeAtPath(src, errorPath);
  if (existing) {
    const blank = existing.type === 'string' && String(existing.value).trim() === '';
    return blank ? [{ title: TITLES.fillError, changes: [replaceNode(existing, ['"', stop(''), '"'])], safe: false, preferred: true }] : [];
  }
  const changes = insertMissing(src, [{ path: errorPath }]);
  return changes.length ? [{ title: TITLES.error, changes, safe: false, preferred: true }] : [];
};

/** IR204. */
export const sortActionsFix: FixProvider = ({ data, src }): Fix[] => {
  const array = nodeAt(src, data.pointer);
  const order = data.order;
  if (array?.type !== 'array' || !Array.isArray(order)) {
    return [];
  }
  const change = reorderItems(src, array, order as number[]);
  return change ? [{ title: TITLES.sort, changes: [change], safe: true, preferred: true }] : [];
};
