/**
 * Inserts properties that are missing at given JSON paths. Each goes into
 * the deepest object of its path that exists; objects missing on the way are
 * created with their required skeleton. Properties are placed in schema order
 * and rendered with placeholders unless a value is given.
 */
import { findNode, JsonNode } from '../parsing/locator';
import { JsonPath } from '../problems';
import { PropertySpec, TextChange, ValueSpec, insertProperties } from './jsonEdits';
import { fillForPath, objectPlaceholder, placeholderFor, propertyOrder, schemaAt } from './placeholders';
import { RecordSource } from './recordSource';
import { stop } from './template';

export interface MissingProperty {
  readonly path: JsonPath;
  /** The value to insert; a typed placeholder when absent. */
  readonly value?: ValueSpec;
}

interface Pending {
  value?: ValueSpec;
  readonly children: Map<string, Pending>;
}

function prefilledParameter(src: RecordSource, path: JsonPath): ValueSpec | undefined {
  const parent = path.slice(0, -1);
  const key = path[path.length - 1];
  const known = fillForPath(src.value, parent).fill?.(String(key));
  if (typeof known === 'string' && known) {
    return ['"', stop(JSON.stringify(known).slice(1, -1)), '"'];
  }
  if (typeof known === 'number') {
    return [stop(String(known))];
  }
  return undefined;
}

/** The value to insert at `path`: given, or a placeholder with the path's nested additions. */
function specFor(src: RecordSource, path: JsonPath, pending: Pending): ValueSpec {
  if (pending.children.size === 0) {
    return pending.value ?? prefilledParameter(src, path) ?? placeholderFor(schemaAt(src.value, path), fillForPath(src.value, path));
  }
  const extra: PropertySpec[] = [...pending.children].map(([key, child]) => ({ key, value: specFor(src, [...path, key], child) }));
  return objectPlaceholder(schemaAt(src.value, path) ?? {}, extra, fillForPath(src.value, path));
}

/** The text changes that insert every missing property that is still missing (none when nothing is). */
export function insertMissing(src: RecordSource, missing: readonly MissingProperty[]): TextChange[] {
  const byObject = new Map<JsonNode, { path: JsonPath; pending: Map<string, Pending> }>();
  for (const item of missing) {
    const { node, depth } = findNode(src.root, item.path);
    const rest = item.path.slice(depth);
    if (rest.length === 0 || node.type !== 'object' || rest.some((s) => typeof s !== 'string')) {
      continue; // already there, or the path runs through something that is not an object
    }
    const entry = byObject.get(node) ?? { path: item.path.slice(0, depth), pending: new Map<string, Pending>() };
    byObject.set(node, entry);
    let level = entry.pending;
    rest.forEach((segment, i) => {
      const key = String(segment);
      const next = level.get(key) ?? { children: new Map<string, Pending>() };
      level.set(key, next);
      if (i === rest.length - 1 && item.value) {
        next.value = item.value;
      }
      level = next.children;
    });
  }
  const changes: TextChange[] = [];
  for (const [object, { path, pending }] of byObject) {
    const entries = [...pending].map(([key, p]) => ({ key, value: specFor(src, [...path, key], p) }));
    changes.push(...insertProperties(src, object, entries, propertyOrder(schemaAt(src.value, path))));
  }
  return changes.sort((a, b) => a.start - b.start);
}
