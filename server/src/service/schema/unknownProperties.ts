/**
 * IR007 unknown-property, read generously. The schema leaves objects open:
 * the seed's sections are "detailed information", its guidelines ask for
 * more (environmental information, dependency information), and an action
 * may carry result-specific fields, so a property the schema does not name
 * is not a problem in itself. What is a problem is a property that stands
 * for one the schema names and the object lacks: a typo (`dag_run_idd`), a
 * different spelling (`dagRunId`, `DAG_RUN_ID`), a shortened name
 * (`dag_run` for `dag_run_id`) or another tool's name for it (`host` for
 * `database_host`). Those are reported with the name to use; the rename is
 * safe when one name fits.
 *
 * Action parameters are a vocabulary of their own (IR161, IR162), and
 * free-form maps (a directory → its size, threshold names, Spark settings)
 * have no names to miss, so neither is looked at here.
 */
import { effectiveSchema, EffectiveSchema } from '../completion/schemaAt';
import { JsonPath, Problem, displayPath, toPointer } from '../problems';
import { describeValue, editDistance } from '../util/text';
import { vocabulary } from '../vocabulary';
import { SchemaNode, recordSchema } from './schemaStore';

type JsonObject = { readonly [key: string]: unknown };

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

const MAX_DEPTH = 16;

/** Names repeat across records (the schema's, and a team's own extra keys): squashed once each. */
const SQUASHED = new Map<string, string>();

/** Letters and digits only, lower case: `dagRunId`, `DAG_RUN_ID` and `dag-run-id` read alike. */
function squash(name: string): string {
  let squashed = SQUASHED.get(name);
  if (squashed === undefined) {
    squashed = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (SQUASHED.size >= 4096) {
      SQUASHED.clear();
    }
    SQUASHED.set(name, squashed);
  }
  return squashed;
}

let aliasOwners: Map<string, string[]> | undefined;

/** The schema names another tool's name stands for (`host` → database_host, server_hostname, …). */
function aliasTargets(key: string): readonly string[] {
  if (!aliasOwners) {
    aliasOwners = new Map();
    for (const [name, aliases] of Object.entries(vocabulary.parameterAliases)) {
      for (const alias of aliases) {
        const squashed = squash(alias);
        aliasOwners.set(squashed, [...(aliasOwners.get(squashed) ?? []), name]);
      }
    }
  }
  return aliasOwners.get(squash(key)) ?? [];
}

/** How far apart two squashed names may be and still be one name mistyped. */
function typoBudget(length: number): number {
  return length <= 4 ? 0 : length <= 7 ? 1 : length <= 14 ? 2 : 3;
}

/**
 * The names the object lacks that `key` stands for, best first (several
 * only when it is truly ambiguous).
 */
export function meantProperty(key: string, candidates: readonly string[]): string[] {
  if (candidates.length === 0) {
    return [];
  }
  const k = squash(key);
  if (k === '') {
    return [];
  }
  const spelled = candidates.filter((c) => squash(c) === k);
  if (spelled.length) {
    return spelled;
  }
  const owners = aliasTargets(key).filter((name) => candidates.includes(name));
  if (owners.length) {
    return owners;
  }
  const shortened = candidates.filter((c) => {
    const s = squash(c);
    return s === `${k}id` || s === `${k}name` || s === `${k}s` || `${s}s` === k;
  });
  if (shortened.length) {
    return shortened;
  }
  let best: string[] = [];
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const c = squash(candidate);
    const budget = typoBudget(Math.min(c.length, k.length));
    if (budget === 0) {
      continue;
    }
    const distance = editDistance(k, c, budget);
    if (distance <= budget && distance < bestDistance) {
      best = [candidate];
      bestDistance = distance;
    } else if (distance <= budget && distance === bestDistance) {
      best.push(candidate);
    }
  }
  return best;
}

/** `meantProperty` over every name of a schema's properties, per key: teams repeat their own extra keys in every record. */
const meantMemo = new WeakMap<object, Map<string, readonly string[]>>();

/**
 * `meantProperty(key, absent())`, where `absent()` is the names of `known`
 * the object lacks. When every name meant among all of `known` is absent,
 * it is also the answer among the absent ones (each step of `meantProperty`
 * keeps the candidates that pass it, and an earlier step that finds none
 * among all finds none among fewer), so the answer over all names is
 * remembered and only checked against the object.
 */
function meantAmongAbsent(key: string, known: Readonly<Record<string, SchemaNode>>, value: JsonObject, absent: () => readonly string[]): readonly string[] {
  let byKey = meantMemo.get(known);
  if (!byKey) {
    byKey = new Map();
    meantMemo.set(known, byKey);
  }
  let meant = byKey.get(key);
  if (meant === undefined) {
    meant = meantProperty(key, Object.keys(known));
    if (byKey.size < 1024) {
      byKey.set(key, meant);
    }
  }
  return meant.every((name) => !Object.prototype.hasOwnProperty.call(value, name)) ? meant : meantProperty(key, absent());
}

/** The merged schema of a node for one value, memoized: only the incident (its service) and an action (its type) select branches. */
const memo = new Map<SchemaNode, Map<string, EffectiveSchema>>();

function discriminator(value: JsonObject): string {
  const { service, action } = value;
  if (typeof service !== 'string' && typeof action !== 'string') {
    return ''; // every object but an incident and an action: no string built per node
  }
  return `${typeof service === 'string' ? service : ''}\u0000${typeof action === 'string' ? action : ''}`;
}

function merged(node: SchemaNode, value: JsonObject): EffectiveSchema {
  let byValue = memo.get(node);
  if (!byValue) {
    byValue = new Map();
    memo.set(node, byValue);
  }
  const key = discriminator(value);
  let schema = byValue.get(key);
  if (!schema) {
    schema = effectiveSchema(node, value);
    if (byValue.size < 256) {
      byValue.set(key, schema);
    }
  }
  return schema;
}

function isParameters(path: JsonPath): boolean {
  return path.length === 3 && path[0] === 'actions_taken' && path[2] === 'parameters';
}

/** The items schema of an array node, memoized like `merged`. */
const itemsMemo = new Map<SchemaNode, SchemaNode | null>();

function itemsOf(node: SchemaNode): SchemaNode | undefined {
  let items = itemsMemo.get(node);
  if (items === undefined) {
    items = effectiveSchema(node, undefined).items ?? null;
    itemsMemo.set(node, items);
  }
  return items ?? undefined;
}

/** `path` is one stack shared by the whole walk (copied only when something is reported): a clean record allocates nothing per node. */
function walk(node: SchemaNode | undefined, value: unknown, path: (string | number)[], out: Problem[]): void {
  if (!node || path.length > MAX_DEPTH) {
    return;
  }
  if (Array.isArray(value)) {
    const items = itemsOf(node);
    if (items) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        if (item !== null && typeof item === 'object') {
          path.push(i);
          walk(items, item, path, out);
          path.pop();
        }
      }
    }
    return;
  }
  if (!isObject(value) || isParameters(path)) {
    return;
  }
  const schema = merged(node, value);
  const known = schema.properties;
  const free = isObject(schema.additionalProperties) ? (schema.additionalProperties as SchemaNode) : undefined;
  let absent: string[] | undefined;
  // for-in over a parsed object visits its own keys in Object.keys order without allocating their array.
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) {
      continue;
    }
    const sub = Object.prototype.hasOwnProperty.call(known, key) ? known[key] : undefined;
    if (sub || free) {
      const child = value[key];
      if (child !== null && typeof child === 'object') {
        path.push(key);
        walk(sub ?? free, child, path, out);
        path.pop();
      }
      continue;
    }
    const meant = meantAmongAbsent(key, known, value, () => (absent ??= Object.keys(known).filter((name) => !Object.prototype.hasOwnProperty.call(value, name))));
    if (meant.length === 0) {
      continue;
    }
    const propertyPath = [...path, key];
    const didYouMean = meant.length === 1 ? ` Did you mean "${meant[0]}"?` : ` Did you mean ${meant.map((m) => `"${m}"`).join(' or ')}?`;
    out.push({
      code: 'IR007',
      message: `Unknown property ${describeValue(key)} in ${displayPath(path)}.${didYouMean} The checks and the agent read the schema's name.`,
      path: propertyPath,
      target: 'key',
      data: {
        pointer: toPointer(propertyPath),
        property: key,
        known: Object.keys(known),
        suggestions: [...meant],
        ...(meant.length === 1 ? { suggestedPointer: toPointer([...path, meant[0]]) } : {}),
      },
    });
  }
}

/** Properties that stand for a name the schema gives and the object lacks (IR007). */
export function unknownPropertyProblems(record: JsonObject): Problem[] {
  const out: Problem[] = [];
  walk(recordSchema, record, [], out);
  return out;
}
