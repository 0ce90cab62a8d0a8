/**
 * "Did you mean": replace a value that is not allowed (IR004 enum, IR008
 * service, IR009 action type) with what it was meant to be, or rename a
 * property (IR007) to the schema's name it stands for. The candidates come
 * ranked from the diagnostic (`data.suggestions`, best first: the
 * vocabulary's meaning, the record's own evidence for a service, the
 * record's families for an action type, then spelling); `data.clear` says
 * whether the first is the one obvious answer, which makes it preferred and
 * safe. Fix-all and `lint --fix` still apply it only when it raises no other
 * problem (see fixAll).
 */
import { JsonNode } from '../parsing/locator';
import { Fix, FixProvider, nodeAt, stringList } from './fixTypes';
import { replaceNode } from './jsonEdits';

const TITLES = {
  value: (candidate: string) => `Change to "${candidate}"`,
  property: (candidate: string) => `Rename the property to "${candidate}"`,
};

function toFixes(candidates: readonly string[], clear: boolean, node: JsonNode, title: (c: string) => string): Fix[] {
  return candidates.map((candidate, i) => ({
    title: title(candidate),
    changes: [replaceNode(node, [JSON.stringify(candidate)])],
    safe: clear && i === 0,
    preferred: clear && i === 0,
  }));
}

/** IR004, IR008, IR009. */
export const closestValueFix: FixProvider = (input): Fix[] => {
  const { data, src } = input;
  const node = nodeAt(src, data.pointer);
  if (!node || node.type !== 'string' || typeof node.value !== 'string') {
    return [];
  }
  const allowed = new Set(stringList(data, 'allowed'));
  if (allowed.has(node.value)) {
    return [];
  }
  const candidates = stringList(data, 'suggestions').filter((s) => s !== node.value && (input.code !== 'IR004' || allowed.size === 0 || allowed.has(s)));
  return toFixes(candidates, data.clear === true, node, TITLES.value);
};

/** IR007: rename the key; a name the object already has is never offered (it would duplicate a key). */
export const closestPropertyFix: FixProvider = ({ data, src }): Fix[] => {
  const value = nodeAt(src, data.pointer);
  const property = value?.parent;
  const key = property?.children?.[0];
  const object = property?.parent;
  if (!property || property.type !== 'property' || !key || typeof key.value !== 'string' || !object) {
    return [];
  }
  const taken = new Set((object.children ?? []).map((p) => p.children?.[0]?.value));
  const candidates = stringList(data, 'suggestions').filter((s) => !taken.has(s));
  return toFixes(candidates, candidates.length === 1, key, TITLES.property);
};
