/**
 * "Did you mean": replace a value that is not allowed (IR004 enum, IR008
 * service, IR009 action type) with a close allowed one, or rename an unknown
 * property (IR007) to a close known name. Candidates come from the
 * diagnostic's `suggestions` (already limited to close matches), ranked by
 * edit distance; for action types, a tie goes to the families the record's
 * service may use. A fix is preferred and safe only when one candidate is
 * clearly best.
 */
import { ActionFamily, actionInfo, isService, SERVICE_FAMILIES } from '../catalog';
import { JsonNode } from '../parsing/locator';
import { editDistance } from '../util/text';
import { Fix, FixInput, FixProvider, nodeAt, stringList } from './fixTypes';
import { replaceNode } from './jsonEdits';

const TITLES = {
  value: (candidate: string) => `Change to "${candidate}"`,
  property: (candidate: string) => `Rename the property to "${candidate}"`,
};

interface Ranked {
  readonly candidate: string;
  /** Lower is better, compared element by element. */
  readonly key: readonly number[];
}

function distance(value: string, candidate: string): number {
  const a = value.toLowerCase();
  const b = candidate.toLowerCase();
  return a === b ? 0 : editDistance(a, b);
}

function better(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return a[i] < b[i];
    }
  }
  return false;
}

/** The candidates ranked best first, and whether the first is clearly better than the rest. */
function rank(value: string, candidates: readonly string[], tieBreak: (candidate: string) => number = () => 0): { ranked: Ranked[]; clear: boolean } {
  const ranked = candidates
    .filter((c) => c !== value)
    .map((candidate) => ({ candidate, key: [distance(value, candidate), tieBreak(candidate)] }))
    .sort((x, y) => (better(x.key, y.key) ? -1 : better(y.key, x.key) ? 1 : 0));
  return { ranked, clear: ranked.length === 1 || (ranked.length > 1 && better(ranked[0].key, ranked[1].key)) };
}

function toFixes(ranked: readonly Ranked[], clear: boolean, node: JsonNode, title: (c: string) => string): Fix[] {
  return ranked.map((r, i) => ({
    title: title(r.candidate),
    changes: [replaceNode(node, [JSON.stringify(r.candidate)])],
    safe: clear && i === 0,
    preferred: clear && i === 0,
  }));
}

/** For action types: 0 when the record's service may use the candidate's family, else 1. */
function familyTieBreak(input: FixInput): (candidate: string) => number {
  const incident = input.src.value.incident as { service?: unknown } | undefined;
  const service = incident && typeof incident === 'object' ? incident.service : undefined;
  if (!isService(service)) {
    return () => 0;
  }
  const families: readonly ActionFamily[] = SERVICE_FAMILIES[service];
  return (candidate) => (families.includes(actionInfo(candidate)?.family as ActionFamily) ? 0 : 1);
}

/** IR004, IR008, IR009. */
export const closestValueFix: FixProvider = (input): Fix[] => {
  const { data, src } = input;
  const node = nodeAt(src, data.pointer);
  if (!node || node.type !== 'string' || typeof node.value !== 'string') {
    return [];
  }
  const allowed = new Set(stringList(data, 'allowed'));
  const candidates = stringList(data, 'suggestions').filter((s) => allowed.size === 0 || allowed.has(s));
  if (allowed.has(node.value)) {
    return [];
  }
  const { ranked, clear } = rank(node.value, candidates, input.code === 'IR009' ? familyTieBreak(input) : undefined);
  return toFixes(ranked, clear, node, TITLES.value);
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
  const { ranked, clear } = rank(key.value, candidates);
  return toFixes(ranked, clear, key, TITLES.property);
};
