/**
 * Skeletons of values, built from the schema: what completion inserts for a
 * property, the metadata of a service, a whole record per service, an
 * action, a failure analysis. The snippet files in `snippets/` are generated
 * from the same functions (scripts/generate-snippets.mjs), so the editor's
 * snippets, the server's completions and the schema cannot drift apart.
 *
 * Placeholder defaults come from the schema: its `default`, else its first
 * example (valid by construction, and it shows the expected format), else a
 * neutral value. Enums and booleans become choices; timestamps propose a time.
 */
import { ActionInfo, SERVICES, ServiceName, actionTypes } from '../catalog';
import { SchemaNode, recordSchema, schemaDef } from '../schema/schemaStore';
import { prefillValue } from './prefill';
import { RecordFacts, isObject } from './recordFacts';
import { EffectiveSchema, effectiveSchema, isTimestamp, primaryType } from './schemaAt';
import { SnippetNode, arrayNode, choice, emptyNode, literal, objectNode, placeholder } from './snippetText';

export interface SkeletonOptions {
  /** `required`: only required properties (completing an object); `full`: every property (a record or metadata skeleton). */
  readonly mode: 'required' | 'full';
  /** The record, for pre-filling values the schema says come from it. */
  readonly facts?: RecordFacts;
  /** The time a timestamp placeholder proposes; `now` (the default) is the moment of insertion. */
  readonly timeFor?: (path: readonly string[]) => string | 'now' | undefined;
  /** Replaces the skeleton at a path (relative to where the skeleton starts). */
  readonly override?: (path: readonly string[]) => SnippetNode | undefined;
  /** Property names left out in full mode. */
  readonly omit?: ReadonlySet<string>;
  /**
   * Whether a path holds a field every service shares (the title, tags, the
   * learning feedback): its placeholder describes what to write rather than
   * showing an example, which would belong to one service's incident.
   */
  readonly shared?: (path: readonly string[]) => boolean;
}

type Scalar = string | number | boolean;
const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function firstExample(schema: EffectiveSchema): unknown {
  return schema.default !== undefined ? schema.default : schema.examples?.[0];
}

function ordered(options: readonly unknown[], first: unknown): Scalar[] {
  const scalars = options.filter(isScalar);
  return isScalar(first) && scalars.includes(first) ? [first, ...scalars.filter((o) => o !== first)] : scalars;
}

/** The first clause of a description ("Short summary of the incident"), when it is short enough to be a placeholder. */
function descriptionClause(schema: EffectiveSchema): string | undefined {
  const clause = schema.descriptions[0]
    ?.split(/,? ?\b(?:e\.g|i\.e)\./)[0]
    ?.split(/[:.;(—]/)[0]
    ?.trim();
  return clause && clause.length <= 100 ? clause : undefined;
}

/**
 * A short example (an id, a host) shows the format and is kept; a long prose
 * example (a title, a log excerpt), or any example of a field every service
 * shares, would read as a real value of another incident, so those fields
 * get the first clause of their description instead ("Short summary of the
 * incident"), marked as prose.
 */
function stringPlaceholder(schema: EffectiveSchema, example: unknown, path: readonly string[], shared: boolean): SnippetNode {
  if (typeof example === 'string' && !shared && (example.length <= 40 || !/\s/.test(example))) {
    return placeholder(example);
  }
  const clause = descriptionClause(schema);
  if (clause) {
    return placeholder(clause, true);
  }
  return placeholder(typeof example === 'string' && !shared ? example : (path[path.length - 1] ?? 'value'), true);
}

/** One entry of an example object, with its key and value as placeholders (for free-form maps that need an entry). */
function entryFromExample(example: unknown): SnippetNode | undefined {
  if (!isObject(example)) {
    return undefined;
  }
  const [key, value] = Object.entries(example)[0] ?? [];
  if (key === undefined || !isScalar(value)) {
    return undefined;
  }
  return objectNode([[{ placeholder: key }, placeholder(value)]]);
}

function objectSkeleton(schema: EffectiveSchema, instance: unknown, path: readonly string[], options: SkeletonOptions): SnippetNode {
  const names = options.mode === 'full' ? Object.keys(schema.properties).filter((k) => !options.omit?.has(k)) : schema.required;
  if (names.length === 0) {
    const fromExample = (schema.minProperties ?? 0) > 0 ? entryFromExample(schema.examples?.[0]) : undefined;
    return fromExample ?? emptyNode('{}');
  }
  const child = isObject(instance) ? instance : {};
  return objectNode(names.map((name) => [name, skeletonAt(schema.properties[name], child[name], [...path, name], options)] as const));
}

function arraySkeleton(schema: EffectiveSchema, path: readonly string[], shared: boolean): SnippetNode {
  const item = effectiveSchema(schema.items, undefined);
  const example = Array.isArray(schema.examples?.[0]) ? (schema.examples[0] as unknown[])[0] : undefined;
  const type = primaryType(item);
  if (type === 'string' && shared) {
    return arrayNode([placeholder(descriptionClause(item) ?? path[path.length - 1] ?? 'value', true)]);
  }
  if (type === 'string' || type === 'number' || type === 'integer') {
    const value = isScalar(example) ? example : (item.examples?.find(isScalar) ?? (type === 'string' ? path[path.length - 1] : 0));
    return arrayNode([placeholder(value as Scalar)]);
  }
  if (type === 'object') {
    // A map (a directory → its size) is shown by its example entry, as the seed writes it.
    const mapEntry = isObject(item.additionalProperties) ? entryFromExample(example ?? item.examples?.[0]) : undefined;
    if (mapEntry) {
      return arrayNode([mapEntry]);
    }
    if (Object.keys(item.properties).length) {
      return arrayNode([objectSkeleton(item, undefined, [...path, '0'], { mode: 'full' })]);
    }
    const entry = entryFromExample(example ?? item.examples?.[0]);
    if (entry) {
      return arrayNode([entry]);
    }
  }
  return emptyNode('[]');
}

/** The skeleton of the value declared by `declaration` (a property schema, `$ref`s and branches included). */
export function skeletonAt(declaration: SchemaNode | undefined, instance: unknown, path: readonly string[], options: SkeletonOptions): SnippetNode {
  const override = options.override?.(path);
  if (override) {
    return override;
  }
  const schema = effectiveSchema(declaration, instance);
  if (options.facts) {
    const filled = prefillValue(schema.descriptions[0], schema, options.facts);
    if (filled) {
      return literal(filled.value);
    }
  }
  if (isTimestamp(schema)) {
    return { kind: 'timestamp', value: options.timeFor?.(path) ?? 'now' };
  }
  if (schema.enum?.length) {
    return choice(ordered(schema.enum, schema.default));
  }
  const example = firstExample(schema);
  switch (primaryType(schema)) {
    case 'boolean':
      return choice(ordered([true, false], schema.default));
    case 'string':
      return stringPlaceholder(schema, example, path, options.shared?.(path) ?? false);
    case 'number':
    case 'integer':
      return placeholder(typeof example === 'number' ? example : 0);
    case 'object':
      return objectSkeleton(schema, instance, path, options);
    case 'array':
      return arraySkeleton(schema, path, options.shared?.(path) ?? false);
    default:
      return isScalar(example) ? placeholder(example) : example !== undefined ? literal(example) : placeholder('');
  }
}

/** Every metadata field of a service (all guideline fields included), for an empty `metadata`. */
export function metadataSkeleton(service: ServiceName, facts?: RecordFacts): SnippetNode {
  return skeletonAt(schemaDef(`${service}Metadata`), undefined, [], { mode: 'full', facts });
}

/** Fields of the learning feedback that a new record leaves out: the failure analysis belongs only to failed resolutions (IR201/IR202). */
const RECORD_OMIT = new Set(['$schema', 'failure_analysis']);

/**
 * A whole record of a service: every field of the seed, every guideline
 * field of the service's metadata, the service fixed, and an empty
 * `actions_taken` where the cursor lands so that actions are added by
 * completion (which pre-fills their parameters from the metadata).
 */
/** Every field of a record but the service's metadata (and the actions, which are per type). */
const sharedField = (path: readonly string[]): boolean => !(path[0] === 'incident' && path[1] === 'metadata');

export function recordSkeleton(service: ServiceName): SnippetNode {
  return skeletonAt(recordSchema, { incident: { service } }, [], {
    mode: 'full',
    omit: RECORD_OMIT,
    shared: sharedField,
    override: (path) => {
      const key = path.join('.');
      if (key === 'incident.service') {
        return literal(service);
      }
      return key === 'actions_taken' ? emptyNode('[]', true) : undefined;
    },
  });
}

/** A failure analysis with every field, for a record whose resolution failed. */
export function failureAnalysisSkeleton(): SnippetNode {
  return skeletonAt(schemaDef('failureAnalysis'), undefined, [], { mode: 'full', shared: () => true });
}

/** A generic action: any type of the catalogue, empty parameters, a result and the current time. */
export function genericActionSkeleton(): SnippetNode {
  const result = effectiveSchema(schemaDef('action'), undefined).properties.result;
  return objectNode([
    ['action', choice(actionTypes())],
    ['parameters', emptyNode('{}')],
    ['result', choice((result?.enum ?? []).filter(isScalar))],
    ['timestamp', { kind: 'timestamp', value: 'now' }],
  ]);
}

/**
 * An action as completion inserts it: the parameters that identify its
 * target (and the new value, for actions that set one), pre-filled from the
 * record where the schema names their source, tab stops for the rest, a
 * result, and a timestamp `time`.
 */
export function actionSkeleton(info: ActionInfo, facts: RecordFacts | undefined, time: string): SnippetNode {
  const parameters = (): SnippetNode => {
    if (info.insert.length === 0) {
      return emptyNode('{}');
    }
    return objectNode(
      info.insert.map((name) => [name, skeletonAt(info.schema.properties?.[name], undefined, ['parameters', name], { mode: 'required', facts })] as const),
    );
  };
  return skeletonAt(schemaDef('action'), { action: info.type }, [], {
    mode: 'required',
    facts,
    timeFor: (path) => (path.join('.') === 'timestamp' ? time : undefined),
    override: (path) => {
      const key = path.join('.');
      return key === 'action' ? literal(info.type) : key === 'parameters' ? parameters() : undefined;
    },
  });
}



function collectProse(node: SnippetNode, out: Set<string>): void {
  switch (node.kind) {
    case 'placeholder':
      if (node.prose && typeof node.value === 'string') {
        out.add(node.value);
      }
      break;
    case 'object':
      for (const [, value] of node.entries) {
        collectProse(value, out);
      }
      break;
    case 'array':
      node.items.forEach((item) => collectProse(item, out));
      break;
    default:
      break;
  }
}

let proseTexts: ReadonlySet<string> | undefined;

/**
 * The placeholder texts of every skeleton (snippets, New Record…, completion
 * and quick fixes insert them) that describe what to write rather than show
 * an example: "Short summary of the incident", "What happened", … A record
 * that still contains one is unfinished (IR211).
 */
export function skeletonProse(): ReadonlySet<string> {
  if (!proseTexts) {
    const out = new Set<string>();
    for (const service of SERVICES) {
      collectProse(recordSkeleton(service), out);
      collectProse(metadataSkeleton(service), out);
    }
    collectProse(failureAnalysisSkeleton(), out);
    proseTexts = out;
  }
  return proseTexts;
}
