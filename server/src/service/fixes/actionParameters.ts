/**
 * IR161: insert the parameters that identify an action's target, filled
 * from the record's metadata where the catalogue says they come from (a tab
 * stop otherwise); not safe, the user confirms the target. IR162: rename a
 * parameter given under an alias to the catalogue's name (safe: the value
 * stays, only the name changes), never onto a name the object already has.
 */
import { fromPointer } from '../problems';
import { Fix, FixProvider, nodeAt, stringList } from './fixTypes';
import { insertMissing } from './insertMissing';
import { replaceNode } from './jsonEdits';
import { shownKey } from '../util/text';

export const insertTargetsFix: FixProvider = ({ data, src }): Fix[] => {
  const names = stringList(data, 'missing');
  if (names.length === 0 || nodeAt(src, data.pointer)?.type !== 'object') {
    return [];
  }
  const base = fromPointer(data.pointer);
  const changes = insertMissing(
    src,
    names.map((name) => ({ path: [...base, name] })),
  );
  return changes.length ? [{ title: `Insert ${names.join(', ')}`, changes, safe: false, preferred: true }] : [];
};

export const renameParameterFix: FixProvider = ({ data, src }): Fix[] => {
  const rename = data.rename;
  const value = nodeAt(src, data.pointer);
  const property = value?.parent;
  const key = property?.children?.[0];
  const object = property?.parent;
  if (typeof rename !== 'string' || !property || property.type !== 'property' || !key || !object) {
    return [];
  }
  if ((object.children ?? []).some((p) => p.children?.[0]?.value === rename)) {
    return [];
  }
  return [{ title: `Rename "${shownKey(String(key.value))}" to "${rename}"`, changes: [replaceNode(key, [JSON.stringify(rename)])], safe: true, preferred: true }];
};
