/**
 * What authoring features read from the record under the cursor: its
 * service, metadata and actions. The record is usually incomplete while it
 * is being written, so it is read from the tolerant parser's value and every
 * accessor copes with missing or mistyped parts.
 */
import { Node as JsonNode, getNodeValue, parseTree } from 'jsonc-parser';
import { ActionCatalog, ServiceName, builtInCatalog, isService } from '../catalog';
import { parseInstant } from '../util/durations';
import { shallowEnoughForTree } from '../parsing/scanner';

type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

export interface RecordFacts {
  /** The record as far as it parses (an empty object when it is not an object). */
  readonly record: JsonObject;
  readonly service?: ServiceName;
  readonly metadata: JsonObject;
  readonly actions: readonly unknown[];
  /** The action types the record may name: the built-in catalogue and the configuration's own. */
  readonly catalog: ActionCatalog;
}

/**
 * Tolerant parse of a record's text: a tree even for `{ "a": ` or trailing
 * commas; undefined for a text nested too deep for the recursive parser.
 */
export function parseTolerant(text: string): JsonNode | undefined {
  return shallowEnoughForTree(text) ? parseTree(text, [], { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true }) : undefined;
}

export function factsOf(value: unknown, catalog: ActionCatalog = builtInCatalog()): RecordFacts {
  const record = isObject(value) ? value : {};
  const incident = isObject(record.incident) ? record.incident : {};
  return {
    record,
    service: isService(incident.service) ? incident.service : undefined,
    metadata: isObject(incident.metadata) ? incident.metadata : {},
    actions: Array.isArray(record.actions_taken) ? record.actions_taken : [],
    catalog,
  };
}

export function factsOfTree(root: JsonNode | undefined, catalog?: ActionCatalog): RecordFacts {
  return factsOf(root ? getNodeValue(root) : undefined, catalog);
}

/** The value at `path` inside the metadata, or `undefined`. */
export function metadataValue(facts: RecordFacts, path: readonly string[]): unknown {
  let value: unknown = facts.metadata;
  for (const segment of path) {
    if (!isObject(value)) {
      return undefined;
    }
    value = value[segment];
  }
  return value;
}

function actionTime(action: unknown): string | undefined {
  if (!isObject(action) || typeof action.timestamp !== 'string') {
    return undefined;
  }
  return parseInstant(action.timestamp) === undefined ? undefined : action.timestamp;
}

/** The timestamp of the nearest action before `index` that has a valid one. */
export function previousActionTime(facts: RecordFacts, index: number): string | undefined {
  for (let i = Math.min(index, facts.actions.length) - 1; i >= 0; i--) {
    const time = actionTime(facts.actions[i]);
    if (time) {
      return time;
    }
  }
  return undefined;
}

/** The timestamp of the nearest action from `index` on that has a valid one. */
export function followingActionTime(facts: RecordFacts, index: number): string | undefined {
  for (let i = Math.max(0, index); i < facts.actions.length; i++) {
    const time = actionTime(facts.actions[i]);
    if (time) {
      return time;
    }
  }
  return undefined;
}

/** The first action's timestamp, the origin of the `+offset`s shown for actions. */
export function firstActionTime(facts: RecordFacts): string | undefined {
  return actionTime(facts.actions[0]);
}

/** `execution_date` of an airflow record, when it is a valid timestamp. */
export function executionDate(facts: RecordFacts): string | undefined {
  const value = facts.metadata.execution_date;
  return typeof value === 'string' && parseInstant(value) !== undefined ? value : undefined;
}
