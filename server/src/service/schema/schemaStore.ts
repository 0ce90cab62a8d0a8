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

export const recordSchema = schemaJson as unknown as SchemaNode;

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
