/**
 * Small helpers shared by the record rules: reading values by path,
 * timestamps as instants, "is present" checks that leave wrong types to the
 * schema, and the one shape every missing-field guideline rule reports.
 *
 * "One problem, one diagnostic": whatever the schema already reported (a
 * wrong type, an empty string below `minLength`, a malformed timestamp) is
 * not reported again here, so every helper consults `ctx.schemaPointers`.
 */
import { JsonPath, toPointer } from '../problems';
import { parseInstant } from '../util/instant';
import type { JsonObject, RuleContext } from './ruleTypes';

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value at `path` inside `root`, or undefined when the path does not exist. */
export function valueAt(root: unknown, path: JsonPath): unknown {
  let node = root;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(node) || segment >= node.length) {
        return undefined;
      }
      node = node[segment];
    } else {
      if (!isObject(node) || !Object.prototype.hasOwnProperty.call(node, segment)) {
        return undefined;
      }
      node = node[segment];
    }
  }
  return node;
}

/** Whether the schema already reported a problem exactly at `path`. */
export function schemaReported(ctx: RuleContext, path: JsonPath): boolean {
  // Most records have no schema problem at all: skip building the pointer.
  return ctx.schemaPointers.size > 0 && ctx.schemaPointers.has(toPointer(path));
}

/** A finite JSON number at `path` that the schema did not reject, else undefined. */
export function numberAt(ctx: RuleContext, path: JsonPath): number | undefined {
  const value = valueAt(ctx.record, path);
  return typeof value === 'number' && Number.isFinite(value) && !schemaReported(ctx, path) ? value : undefined;
}

/** A boolean at `path` that the schema did not reject, else undefined. */
export function booleanAt(ctx: RuleContext, path: JsonPath): boolean | undefined {
  const value = valueAt(ctx.record, path);
  return typeof value === 'boolean' && !schemaReported(ctx, path) ? value : undefined;
}

/** The actions of the record as `[index, action]` pairs, skipping entries that are not objects (the schema's problem). */
export function actionsOf(ctx: RuleContext): [number, JsonObject][] {
  const actions = ctx.record.actions_taken;
  if (!Array.isArray(actions)) {
    return [];
  }
  const out: [number, JsonObject][] = [];
  actions.forEach((action, index) => {
    if (isObject(action)) {
      out.push([index, action]);
    }
  });
  return out;
}

// ---------------------------------------------------------------------------
// Timestamps

/**
 * Milliseconds since the epoch of an ISO 8601 date-time with a time zone, or
 * undefined for anything else (no zone, an impossible date, not a string).
 * See util/instant.ts.
 */
export const instantOf = parseInstant;

/** The instant of the timestamp at `path`, unless the schema already reported it or it does not parse. */
export function instantAt(ctx: RuleContext, path: JsonPath): number | undefined {
  return schemaReported(ctx, path) ? undefined : instantOf(valueAt(ctx.record, path));
}

/** Clock skew allowed between the machine that wrote a record and the one checking it (IR209). */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * The instant of action `index`'s timestamp for time comparisons (IR204,
 * IR205, IR207): undefined when the schema rejected it, it does not parse
 * (IR005's), or it lies in the future (IR209's), so that one wrong timestamp
 * gives one diagnostic rather than a cascade of "out of order" and "longer
 * than resolution_time".
 */
export function actionInstant(ctx: RuleContext, index: number): number | undefined {
  const instant = instantAt(ctx, ['actions_taken', index, 'timestamp']);
  return instant !== undefined && instant <= ctx.now + CLOCK_SKEW_MS ? instant : undefined;
}

/**
 * The action indices in the order they ran: a stable sort by timestamp. An
 * action without a usable timestamp travels with the action before it (a
 * leading one stays first), so sorting never separates it from its context.
 */
export function chronologicalOrder(ctx: RuleContext): number[] {
  const actions = ctx.record.actions_taken;
  if (!Array.isArray(actions)) {
    return [];
  }
  // IR204, IR205 and IR207 all need it: compute it once per checked record.
  const cached = orderMemo.get(ctx.record);
  if (cached && cached.context === ctx) {
    return [...cached.order];
  }
  const order = computeOrder(ctx, actions);
  orderMemo.set(ctx.record, { context: ctx, order });
  return [...order];
}

const orderMemo = new WeakMap<object, { context: RuleContext; order: readonly number[] }>();

function computeOrder(ctx: RuleContext, actions: readonly unknown[]): number[] {
  let previous = -Infinity;
  const keys = actions.map((_, i) => {
    const instant = actionInstant(ctx, i);
    previous = instant ?? previous;
    return previous;
  });
  const order = actions.map((_, i) => i);
  // Records list their actions in time order: only sort when they do not.
  return keys.every((key, i) => i === 0 || keys[i - 1] <= key) ? order : order.sort((a, b) => keys[a] - keys[b] || a - b);
}

// ---------------------------------------------------------------------------
// Text

/** "a", "a and b", "a, b and c" */
export function listAnd(items: readonly string[]): string {
  if (items.length <= 1) {
    return items.join('');
  }
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A number as a message shows it: at most two decimals, no trailing zeros. */
export function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** `actions_taken[2] (restart_pod)`, naming the action type only when it is safe to echo. */
export function actionLabel(index: number, action: JsonObject, known: (type: string) => boolean): string {
  const type = action.action;
  return typeof type === 'string' && known(type) ? `actions_taken[${index}] (${type})` : `actions_taken[${index}]`;
}

// ---------------------------------------------------------------------------
// Missing fields (the IR1xx guideline rules)

/** A field a guideline wants, relative to the object the rule checks (usually `incident.metadata`). */
export interface FieldSpec {
  readonly path: JsonPath;
  /** An empty array counts as missing (e.g. `affected_services: []` says nothing about impact). */
  readonly nonEmptyArray?: boolean;
}

export function field(dotted: string, options: Omit<FieldSpec, 'path'> = {}): FieldSpec {
  return { path: dotted.split('.'), ...options };
}

export interface MissingField {
  /** Path from the record root. */
  readonly path: JsonPath;
  /** The property exists but says nothing: a blank string, `{}`, `[]` where a list must not be empty, or `null`. */
  readonly empty: boolean;
  /** The property is `null` (null means absent: named without "(empty)"). */
  readonly isNull?: boolean;
}

export const METADATA: JsonPath = ['incident', 'metadata'];

function isEmptyValue(value: unknown, spec: FieldSpec): boolean {
  if (typeof value === 'string') {
    return value.trim() === '';
  }
  if (Array.isArray(value)) {
    return spec.nonEmptyArray === true && value.length === 0;
  }
  return isObject(value) && Object.keys(value).length === 0;
}

/**
 * The fields of `specs` missing under the object at `base`, in spec order, or
 * undefined when `base` itself is absent or not an object: a required
 * container (`incident.metadata`) that is missing is the schema's IR002, and
 * a wrong type is its IR003. Below `base`, an absent optional container
 * (`error_details`, `pool_config`) makes every field in it missing, and so
 * does `null` (null means absent); a container or field of the wrong type,
 * or with any schema problem, is the schema's to report and counts as present.
 */
export function missingFields(ctx: RuleContext, base: JsonPath, specs: readonly FieldSpec[]): MissingField[] | undefined {
  const root = valueAt(ctx.record, base);
  if (!isObject(root) || schemaReported(ctx, base)) {
    return undefined;
  }
  const missing: MissingField[] = [];
  // One path for every spec (it is only read, never kept): a clean record allocates one array, not one per field.
  const path: (string | number)[] = [...base];
  for (const spec of specs) {
    let node: unknown = root;
    path.length = base.length;
    let state: 'present' | 'missing' | 'empty' | 'null' = 'present';
    for (const segment of spec.path) {
      if (!isObject(node)) {
        state = 'present'; // a container of the wrong type: the schema reports it
        break;
      }
      path.push(segment);
      if (schemaReported(ctx, path)) {
        state = 'present';
        break;
      }
      if (!Object.prototype.hasOwnProperty.call(node, segment)) {
        state = 'missing';
        break;
      }
      node = node[segment as string];
      // null means absent ("executor_id": null when the failure is not executor-specific).
      state = node === null ? 'null' : isEmptyValue(node, spec) ? 'empty' : 'present';
    }
    if (state === 'null') {
      missing.push({ path: [...base, ...spec.path], empty: true, isNull: true });
    } else if (state !== 'present') {
      missing.push({ path: [...base, ...spec.path], empty: state === 'empty' });
    }
  }
  return missing;
}

/** The deepest existing object on the way to `path` (the object that should hold it). */
export function nearestHolder(record: JsonObject, path: JsonPath): JsonPath {
  let holder: JsonPath = [];
  let node: unknown = record;
  for (let i = 0; i < path.length - 1; i++) {
    const next = isObject(node) ? node[path[i] as string] : undefined;
    if (!isObject(next)) {
      break;
    }
    node = next;
    holder = path.slice(0, i + 1);
  }
  return holder;
}

/**
 * Names the missing fields for a message, relative to `base`:
 * `dag_run_id`, `error_details.last_heartbeat`, `airflow_instance (empty)`,
 * and a whole absent container as `pool_config (max_connections, …)`.
 */
export function describeMissing(record: JsonObject, base: JsonPath, missing: readonly MissingField[]): string[] {
  const names: string[] = [];
  const absentContainers = new Map<string, string[]>();
  for (const m of missing) {
    const relative = m.path.slice(base.length).map(String);
    const containerPath = [...base, ...relative.slice(0, -1)];
    const container = valueAt(record, containerPath);
    if (relative.length > 1 && !m.empty && (container === undefined || container === null)) {
      const container = relative.slice(0, -1).join('.');
      const fields = absentContainers.get(container);
      if (fields) {
        fields.push(relative[relative.length - 1]);
        continue;
      }
      absentContainers.set(container, [relative[relative.length - 1]]);
      names.push(container);
      continue;
    }
    names.push(m.empty && !m.isNull ? `${relative.join('.')} (empty)` : relative.join('.'));
  }
  return names.map((name) => {
    const fields = absentContainers.get(name);
    return fields ? `${name} (${fields.join(', ')})` : name;
  });
}

export interface MissingReport {
  readonly code: string;
  readonly base: JsonPath;
  readonly missing: readonly MissingField[];
  /** Builds the message from the names of the missing fields and the pronoun for them ("it"/"them"). */
  readonly message: (names: string, pronoun: 'it' | 'them') => string;
  /** Extra data for quick fixes (IR101's `suggestedRunId`). */
  readonly data?: Readonly<Record<string, unknown>>;
}

/**
 * Reports one diagnostic for all missing fields of a rule, with the JSON
 * pointer of each missing field in `data.missing` (blank ones flagged
 * `empty`). A rule about a value that is present points at that value: when
 * every field it reports is there but empty (`"affected_services": []`), the
 * diagnostic is on the value; otherwise it is on the nearest existing object
 * that should hold the first missing field.
 */
export function reportMissing(ctx: RuleContext, report: MissingReport): void {
  if (report.missing.length === 0) {
    return;
  }
  const names = describeMissing(ctx.record, report.base, report.missing);
  const pronoun = report.missing.length === 1 ? 'it' : 'them';
  const onValue = report.missing.length === 1 && report.missing[0].empty;
  const holder = onValue ? report.missing[0].path : nearestHolder(ctx.record, report.missing[0].path);
  ctx.report({
    code: report.code,
    message: report.message(listAnd(names), pronoun),
    path: holder,
    target: onValue ? 'value' : 'missing',
    data: {
      pointer: toPointer(holder),
      missing: report.missing.map((m) => (m.empty ? { pointer: toPointer(m.path), empty: true } : { pointer: toPointer(m.path) })),
      ...report.data,
    },
  });
}

/** The shape of most guideline rules: the fields a guideline wants in `incident.metadata`. */
export function checkMetadataFields(ctx: RuleContext, code: string, specs: readonly FieldSpec[], message: MissingReport['message']): void {
  const missing = missingFields(ctx, METADATA, specs);
  if (missing) {
    reportMissing(ctx, { code, base: METADATA, missing, message });
  }
}
