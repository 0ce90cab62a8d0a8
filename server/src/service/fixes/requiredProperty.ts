/**
 * IR002: insert the missing required property with a typed placeholder (a
 * missing object gets its required skeleton), in schema order, so the user
 * only has to fill in the tab stops.
 */
import { fromPointer } from '../problems';
import { Fix, FixProvider, nodeAt } from './fixTypes';
import { insertMissing } from './insertMissing';
import { hasStops } from './template';

const TITLE = (property: string): string => `Insert the missing property "${property}"`;

export const requiredPropertyFix: FixProvider = ({ data, src }): Fix[] => {
  const property = data.property;
  if (typeof property !== 'string' || nodeAt(src, data.pointer)?.type !== 'object') {
    return [];
  }
  const changes = insertMissing(src, [{ path: [...fromPointer(data.pointer), property] }]);
  if (changes.length === 0) {
    return [];
  }
  return [{ title: TITLE(property), changes, safe: !changes.some((c) => hasStops(c.template)), preferred: true }];
};
