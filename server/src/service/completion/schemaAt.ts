/**
 * The schema that applies at a JSON path of a (possibly incomplete) record,
 * with the record's own discriminators applied: `incident.service` selects
 * the metadata schema and each action's type selects its `parameters`
 * schema, exactly as the `allOf`/`if`/`then` branches of the schema say.
 *
 * Completion and hover need one merged view of a node (its properties, the
 * required ones, its description with the property's own text first), not
 * the raw schema with `$ref`s and conditional branches.
 */
import { JSONPath } from 'jsonc-parser';
import { SchemaNode, recordSchema, resolveRef } from '../schema/schemaStore';

export interface EffectiveSchema {
  /** Merged properties: the schema's own, then those of `allOf` parts and matching `then` branches. */
  readonly properties: Readonly<Record<string, SchemaNode>>;
  readonly required: readonly string[];
  /** Scalars and annotations, first definition wins (the property's own declaration first). */
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
  readonly minProperties?: number;
  readonly items?: SchemaNode;
  readonly additionalProperties?: boolean | SchemaNode;
  /** Descriptions of every layer, own first, without repeats. */
  readonly descriptions: readonly string[];
  /** Titled layers (named definitions such as "Airflow metadata"), in order. */
  readonly titled: readonly { readonly title: string; readonly description?: string }[];
  /** `$ref`s followed, e.g. `#/$defs/seconds`: what kind of value this is. */
  readonly refs: readonly string[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Whether an `if` of the kind the record schema uses (required keys, `const`/`enum` properties) holds for `instance`. */
function ifHolds(condition: SchemaNode, instance: unknown): boolean {
  if (!isObject(instance)) {
    return false;
  }
  for (const key of condition.required ?? []) {
    if (!(key in instance)) {
      return false;
    }
  }
  for (const [key, sub] of Object.entries(condition.properties ?? {})) {
    if (!(key in instance)) {
      continue;
    }
    if ('const' in sub && instance[key] !== sub.const) {
      return false;
    }
    if (sub.enum && !sub.enum.includes(instance[key])) {
      return false;
    }
  }
  return true;
}

/** Merges a schema node, its `$ref` chain, `allOf` parts and the `then` branches that hold for `instance`. */
export function effectiveSchema(node: SchemaNode | undefined, instance: unknown): EffectiveSchema {
  const out: Mutable<EffectiveSchema> & { properties: Record<string, SchemaNode>; required: string[]; descriptions: string[]; titled: { title: string; description?: string }[]; refs: string[] } = {
    properties: {},
    required: [],
    descriptions: [],
    titled: [],
    refs: [],
  };
  const visit = (schema: SchemaNode | undefined, depth: number): void => {
    if (!schema || depth > 16) {
      return;
    }
    if (schema.description && !out.descriptions.includes(schema.description)) {
      out.descriptions.push(schema.description);
    }
    if (schema.title) {
      out.titled.push({ title: schema.title, description: schema.description });
    }
    for (const key of ['type', 'enum', 'format', 'default', 'examples', 'minProperties', 'items', 'additionalProperties'] as const) {
      if (schema[key] !== undefined && out[key] === undefined) {
        (out as Record<string, unknown>)[key] = schema[key];
      }
    }
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      // A property declared again by a branch (metadata per service, parameters per action type) adds to the first declaration.
      const first = out.properties[key];
      out.properties[key] = first ? { allOf: [first, sub] } : sub;
    }
    for (const key of schema.required ?? []) {
      if (!out.required.includes(key)) {
        out.required.push(key);
      }
    }
    if (schema.$ref) {
      out.refs.push(schema.$ref);
      visit(resolveRef(schema.$ref), depth + 1);
    }
    for (const part of schema.allOf ?? []) {
      visit(part, depth + 1);
    }
    if (schema.if && schema.then && ifHolds(schema.if, instance)) {
      visit(schema.then, depth + 1);
    }
  };
  visit(node, 0);
  return out;
}

export interface SchemaAtPath {
  /** The merged schema of the node at the path. */
  readonly schema: EffectiveSchema;
  /** The declaration of the last segment as its parent wrote it (before `$ref`), if any. */
  readonly declaration?: SchemaNode;
}

/**
 * The schema at `path` inside `record` (a plain, possibly partial value, as
 * the tolerant parser reads an incomplete record). `undefined` when the path
 * leaves the schema (an unknown property, or inside a free-form object).
 */
export function schemaAt(record: unknown, path: JSONPath): SchemaAtPath | undefined {
  let node: SchemaNode | undefined = recordSchema;
  let value: unknown = record;
  let declaration: SchemaNode | undefined;
  for (const segment of path) {
    const merged = effectiveSchema(node, value);
    let next: SchemaNode | undefined;
    if (typeof segment === 'number') {
      next = merged.items;
      value = Array.isArray(value) ? value[segment] : undefined;
    } else {
      next = merged.properties[segment] ?? (isObject(merged.additionalProperties) ? merged.additionalProperties : undefined);
      value = isObject(value) ? value[segment] : undefined;
    }
    if (!next) {
      return undefined;
    }
    declaration = next;
    node = next;
  }
  return { schema: effectiveSchema(node, value), declaration };
}

/** The first `type` of a merged schema, or the type of its enum values when it declares none. */
export function primaryType(schema: EffectiveSchema): string | undefined {
  const type = schema.type;
  if (Array.isArray(type)) {
    return type[0];
  }
  if (typeof type === 'string') {
    return type;
  }
  return schema.enum?.length ? typeof schema.enum[0] : undefined;
}

/** Whether the schema is one of the record's timestamps (ISO 8601 date-time). */
export function isTimestamp(schema: EffectiveSchema): boolean {
  return schema.format === 'date-time' || schema.refs.includes('#/$defs/timestamp');
}

/** Whether the value is a duration in seconds (`resolution_time`, `duration_seconds`, …). */
export function isSeconds(schema: EffectiveSchema): boolean {
  return schema.refs.includes('#/$defs/seconds');
}
