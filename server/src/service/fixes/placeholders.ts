/**
 * Typed placeholders from the schema: what to insert for a missing property
 * so that the record has the right shape while it is obvious what is still
 * to be filled (an empty string, 0, false, an empty list; an enum as a
 * choice). A missing object gets its required skeleton. Action parameters
 * are filled from the record's metadata when it has a field of that name,
 * because parameters are named after what they target.
 */
import { actionInfo } from '../catalog';
import { JsonPath } from '../problems';
import { SchemaNode, deref, recordSchema } from '../schema/schemaStore';
import { ValueSpec, PropertySpec } from './jsonEdits';
import { Template, stop } from './template';
import { fillSources } from '../completion/prefill';

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether an `if` of the schema's `allOf` (`{ properties: { x: { const } }, required }`) holds for the value. */
function ifHolds(condition: SchemaNode, value: Json): boolean {
  if (!isObject(value)) {
    return false;
  }
  if ((condition.required ?? []).some((key) => !(key in value))) {
    return false;
  }
  return Object.entries(condition.properties ?? {}).every(([key, sub]) => sub.const === undefined || value[key] === sub.const);
}

/** The schema for a value, with the properties of the `allOf` branches that apply to it merged in. */
function applicable(schema: SchemaNode | undefined, value: Json): SchemaNode | undefined {
  const node = deref(schema);
  if (!node?.allOf) {
    return node;
  }
  let properties = { ...(node.properties ?? {}) };
  for (const branch of node.allOf) {
    if (branch.if && branch.then && ifHolds(branch.if, value)) {
      properties = { ...properties, ...(deref(branch.then)?.properties ?? {}) };
    }
  }
  return { ...node, properties };
}

/**
 * The schema that applies at `path` of this record (service branch for
 * metadata, action type for parameters). An action's parameters name no
 * required member (a record may name them its own way); inserted whole, they
 * are what identifies the target, as completion inserts them.
 */
export function schemaAt(record: Json, path: JsonPath): SchemaNode | undefined {
  const schema = schemaAtPath(record, path);
  const isParameters = path.length === 3 && path[0] === 'actions_taken' && typeof path[1] === 'number' && path[2] === 'parameters';
  if (!isParameters || !schema || !isObject(record) || !Array.isArray(record.actions_taken)) {
    return schema;
  }
  const action = record.actions_taken[path[1] as number];
  const info = isObject(action) && typeof action.action === 'string' ? actionInfo(action.action) : undefined;
  return info ? { ...schema, required: [...info.insert] } : schema;
}

function schemaAtPath(record: Json, path: JsonPath): SchemaNode | undefined {
  let schema: SchemaNode | undefined = recordSchema;
  let value: Json = record;
  for (const segment of path) {
    const node = applicable(schema, value);
    if (!node) {
      return undefined;
    }
    if (typeof segment === 'number') {
      schema = node.items;
      value = Array.isArray(value) ? value[segment] : undefined;
    } else {
      schema = node.properties?.[segment] ?? (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
      value = isObject(value) ? value[segment] : undefined;
    }
  }
  return applicable(schema, value);
}

/** The schema's property names in schema order: where inserted properties go. */
export function propertyOrder(schema: SchemaNode | undefined): string[] {
  return Object.keys(schema?.properties ?? {});
}

function typeOf(schema: SchemaNode): string | undefined {
  return Array.isArray(schema.type) ? schema.type[0] : (schema.type as string | undefined);
}

/** A known value as a tab stop whose default is that value (still to be confirmed by the user). */
function prefilled(value: Json, schema: SchemaNode): Template | undefined {
  const type = typeOf(schema);
  if (typeof value === 'string' && value && (type === 'string' || type === undefined)) {
    return ['"', stop(JSON.stringify(value).slice(1, -1)), '"'];
  }
  if (typeof value === 'number' && (type === 'number' || (type === 'integer' && Number.isInteger(value)))) {
    return [stop(String(value))];
  }
  return undefined;
}

export interface PlaceholderOptions {
  /** Known values for the properties of the object being built (action parameters from metadata). */
  readonly fill?: (key: string) => Json;
}

const MAX_DEPTH = 6;

/** A placeholder value for a property with this schema. */
export function placeholderFor(schema: SchemaNode | undefined, options: PlaceholderOptions = {}, depth = 0): ValueSpec {
  const node = deref(schema) ?? {};
  if (node.const !== undefined) {
    return [JSON.stringify(node.const)];
  }
  if (node.enum && node.enum.length) {
    if (node.enum.every((v) => typeof v === 'string')) {
      return ['"', stop('', node.enum.map((v) => JSON.stringify(v).slice(1, -1))), '"'];
    }
    return [stop('', node.enum.map((v) => JSON.stringify(v)))];
  }
  switch (typeOf(node)) {
    case 'number':
    case 'integer':
      return [stop('0')];
    case 'boolean':
      return [stop('', ['false', 'true'])];
    case 'array':
      return ['[', stop(''), ']'];
    case 'object':
      return objectPlaceholder(node, [], options, depth);
    default:
      return ['"', stop(''), '"'];
  }
}

/**
 * An object with its required properties (and `extra` keys) as placeholders,
 * in schema order; `{}` with a tab stop inside when there is nothing to put in it.
 */
export function objectPlaceholder(schema: SchemaNode, extra: readonly PropertySpec[], options: PlaceholderOptions = {}, depth = 0): ValueSpec {
  const required = depth < MAX_DEPTH ? (schema.required ?? []) : [];
  const keys = [...new Set([...required, ...extra.map((e) => e.key)])];
  if (keys.length === 0) {
    return ['{', stop(''), '}'];
  }
  const order = propertyOrder(schema);
  const rank = (key: string): number => (order.indexOf(key) < 0 ? order.length : order.indexOf(key));
  keys.sort((a, b) => rank(a) - rank(b));
  const entries = keys.map((key): PropertySpec => {
    const given = extra.find((e) => e.key === key);
    if (given) {
      return given;
    }
    const sub = deref(schema.properties?.[key]);
    const known = options.fill?.(key);
    return { key, value: (known !== undefined && sub && prefilled(known, sub)) || placeholderFor(sub, {}, depth + 1) };
  });
  return { entries };
}

/**
 * For an action's parameters, the record's metadata values: where the
 * action's schema says a parameter is filled from ("fill from
 * incident.metadata.server_hostname, or from the record's airflow_instance,
 * …"), else the metadata field of the same name (top level and error_details).
 */
export function fillForPath(record: Json, path: JsonPath): PlaceholderOptions {
  const isParameters = path.length === 3 && path[0] === 'actions_taken' && typeof path[1] === 'number' && path[2] === 'parameters';
  if (!isParameters || !isObject(record) || !isObject(record.incident) || !isObject(record.incident.metadata)) {
    return {};
  }
  const metadata = record.incident.metadata;
  const details = isObject(metadata.error_details) ? metadata.error_details : {};
  const actions = Array.isArray(record.actions_taken) ? record.actions_taken : [];
  const action = actions[path[1] as number];
  const type = isObject(action) && typeof action.action === 'string' ? action.action : undefined;
  const parameters = type ? deref(recordSchema.$defs?.[`action.${type}`])?.properties : undefined;
  const lookup = (segments: readonly string[]): Json => {
    let node: Json = metadata;
    for (const segment of segments) {
      node = isObject(node) && Object.prototype.hasOwnProperty.call(node, segment) ? node[segment] : undefined;
    }
    return node;
  };
  return {
    fill: (key) => {
      const description = parameters && Object.prototype.hasOwnProperty.call(parameters, key) ? parameters[key].description : undefined;
      for (const source of fillSources(description)) {
        const value = lookup(source);
        if (value !== undefined && value !== null && value !== '') {
          return value;
        }
      }
      return Object.prototype.hasOwnProperty.call(metadata, key) ? metadata[key] : Object.prototype.hasOwnProperty.call(details, key) ? details[key] : undefined;
    },
  };
}
