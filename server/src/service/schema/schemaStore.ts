/**
 * The record schema, compiled once. The schema file is the single source of
 * truth for structure, hover text and the action catalogue.
 */
import type { ValidateFunction } from 'ajv';
// Compiled from the schema at build time (scripts/validator-plugin.mjs): Ajv2020
// with allErrors, strict, verbose and the formats date-time, date, time, uri of ./formats.ts.
import compiledValidator from 'incident-records:validator';
import schemaJson from '../../../../schemas/incident-record.schema.json';

export const SCHEMA_URI = 'https://incident-records.dev/schemas/incident-record.schema.json';

/** A JSON Schema object as read from the schema file (only what the code reads is typed). */
export interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly title?: string;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, SchemaNode>>;
  readonly allOf?: readonly SchemaNode[];
  readonly anyOf?: readonly SchemaNode[];
  readonly if?: SchemaNode;
  readonly then?: SchemaNode;
  readonly examples?: readonly unknown[];
  readonly default?: unknown;
  readonly format?: string;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
}

/** Keys whose values are data (instances), not schemas: normalizing never looks inside them. */
const DATA_KEYS = new Set(['enum', 'const', 'examples', 'default']);

/**
 * The schema as editor features read it. The file says "null means absent"
 * for optional fields (`["string", "null"]`, a `{ "type": "null" }` branch,
 * `null` in an enum) and lists every spelling a value may take as `anyOf`
 * branches: completion, hover, skeletons and placeholders want the value a
 * person should write, so here `null` is dropped, a single remaining branch
 * is merged into its node, and several branches give the node their types
 * (first is primary). Validation uses the file itself (ajv, compiled at build).
 */
export function forFeatures(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(forFeatures);
  }
  if (!node || typeof node !== 'object') {
    return node;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === 'enum' && Array.isArray(value)) {
      out[key] = value.filter((v) => v !== null);
    } else {
      out[key] = DATA_KEYS.has(key) ? value : forFeatures(value);
    }
  }
  if (Array.isArray(out.type)) {
    const types = (out.type as string[]).filter((t) => t !== 'null');
    out.type = types.length === 1 ? types[0] : types;
  }
  if (Array.isArray(out.anyOf)) {
    const branches = (out.anyOf as Record<string, unknown>[]).filter((b) => !(b && b.type === 'null' && Object.keys(b).length === 1));
    delete out.anyOf;
    if (branches.length === 1) {
      for (const [key, value] of Object.entries(branches[0])) {
        if (out[key] === undefined) {
          out[key] = value;
        }
      }
    } else if (branches.length > 1) {
      out.anyOf = branches;
      if (out.type === undefined) {
        const types = [...new Set(branches.flatMap((b) => (Array.isArray(b.type) ? b.type : b.type !== undefined ? [b.type] : [])))];
        if (types.length) {
          out.type = types.length === 1 ? types[0] : types;
        }
      }
    }
  }
  return out;
}

export const recordSchema = forFeatures(schemaJson) as SchemaNode;

/**
 * The validator: every error, with the schema that raised it. It is compiled
 * when the product is built, so neither the server nor the CLI spends time
 * compiling the schema when it starts; it holds no per-document state.
 */
export function getValidator(): ValidateFunction {
  return compiledValidator;
}

/** Resolves a local `$ref` (`#/$defs/...`) against the record schema. */
export function resolveRef(ref: string): SchemaNode | undefined {
  if (!ref.startsWith('#')) {
    return undefined;
  }
  let node: unknown = recordSchema;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') {
      return undefined;
    }
    node = (node as Record<string, unknown>)[segment];
  }
  return node as SchemaNode | undefined;
}

/** Follows `$ref`s until a schema without one. */
export function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  let current = node;
  for (let i = 0; current?.$ref && i < 16; i++) {
    current = resolveRef(current.$ref);
  }
  return current;
}

export function schemaDef(name: string): SchemaNode | undefined {
  return recordSchema.$defs?.[name];
}
