/**
 * Checks one record's text: syntax (IR001), duplicate keys (IR010), schema
 * (IR002–IR009), dataset entry shape (IR401) and every record rule. The fast
 * path is `JSON.parse` + ajv + rules on plain values; a position tree is built
 * only when there is something to report.
 */
import { ActionCatalog, builtInCatalog, isService, ServiceName } from './catalog';
import { MAX_TREE_DEPTH, countKeyTokens, scanValue, treeDepth } from './parsing/scanner';
import { JsonNode, locateProblems, parseRecordTree } from './parsing/locator';
import { duplicateKeyProblems, measureValue, syntaxProblems } from './parsing/syntax';
import { LocatedProblem, Problem, toPointer } from './problems';
import { RECORD_RULES } from './rules';
import { JsonObject, RecordRule } from './rules/ruleTypes';
import { schemaProblems } from './schema/schemaProblems';
import { unknownPropertyProblems } from './schema/unknownProperties';
import { explainValues } from './schema/valueMeanings';
import { identityKeys } from './rules/datasets/duplicateRecord';
import { jsonTypeOf, shownKey, typeWithArticle } from './util/text';

/** Deeper records are not parsed into trees (a real record is about six levels deep). */
export const MAX_DEPTH = MAX_TREE_DEPTH;

/** What the dataset and outline features need to know about a record, kept after checking. */
export interface RecordSummary {
  readonly title?: string;
  readonly service?: string;
  readonly severity?: string;
  readonly success?: boolean;
  readonly actionCount: number;
  readonly firstActionTime?: string;
  /**
   * `resolution_time` in seconds (top level, or under `learning_feedback`),
   * read generously: a non-negative number or numeric string. For the dataset
   * view's medians; IR003 reports a quoted number separately.
   */
  readonly resolutionSeconds?: number;
  /** When the incident happened, as written: the incident's own timestamp field when it has one, else the first action's timestamp. */
  readonly incidentTime?: string;
  /**
   * Per item of `actions_taken`, in order: its `action` and its `result`
   * (`''` where absent or not a string). Plain string arrays, so the summary
   * stays small when it crosses from a worker thread.
   */
  readonly actionTypes?: readonly string[];
  readonly actionResults?: readonly string[];
}

export interface RecordResult {
  readonly index: number;
  /** Problems with offsets relative to the record's first character. */
  readonly problems: readonly LocatedProblem[];
  /** Keys under which two records count as the same incident (IR402). */
  readonly identityKeys: readonly string[];
  readonly summary?: RecordSummary;
}

export interface RecordCheckOptions {
  /** Whether the record is an entry of a dataset (JSON Lines line or array item). */
  readonly inDataset: boolean;
  readonly now: number;
  /** Rules to run; defaults to every record rule. */
  readonly rules?: readonly RecordRule[];
  /** The action catalogue with the configuration's own action types; the built-in one by default. */
  readonly catalog?: ActionCatalog;
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Incident fields that say when it happened, in order of preference (the seed names none; teams add one of these). */
const INCIDENT_TIME_FIELDS = ['timestamp', 'started_at', 'start_time', 'detected_at', 'created_at', 'occurred_at'] as const;

/** Seconds as a number or a numeric string (`"2460"`, `" 2460.5 "`); undefined otherwise or when negative. */
function seconds(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(?:\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

export function summarize(record: JsonObject): RecordSummary {
  const incident = isObject(record.incident) ? record.incident : {};
  const actions = Array.isArray(record.actions_taken) ? record.actions_taken : [];
  const first = actions.find(isObject);
  const firstActionTime = first ? str(first.timestamp) : undefined;
  const feedback = isObject(record.learning_feedback) ? record.learning_feedback : {};
  let incidentTime: string | undefined;
  for (const field of INCIDENT_TIME_FIELDS) {
    incidentTime ??= str(incident[field]);
  }
  return {
    title: str(incident.title),
    service: str(incident.service),
    severity: str(incident.severity),
    success: typeof record.success === 'boolean' ? record.success : undefined,
    actionCount: actions.length,
    firstActionTime,
    resolutionSeconds: seconds(record.resolution_time) ?? seconds(feedback.resolution_time),
    incidentTime: incidentTime ?? firstActionTime,
    actionTypes: actions.map((a) => (isObject(a) ? (str(a.action) ?? '') : '')),
    actionResults: actions.map((a) => (isObject(a) ? (str(a.result) ?? '') : '')),
  };
}

/**
 * The schema knows only the built-in action types: an action type the
 * configuration declares is not unknown (IR009), and the fixes of an unknown
 * one may suggest the declared ones too.
 */
function withDeclaredActions(problems: Problem[], record: JsonObject, catalog: ActionCatalog): Problem[] {
  if (!catalog.declared) {
    return problems;
  }
  const actions = Array.isArray(record.actions_taken) ? record.actions_taken : [];
  return problems.flatMap((p): Problem[] => {
    if (p.code !== 'IR009') {
      return [p];
    }
    const action = actions[p.path[1] as number];
    const type = isObject(action) ? action.action : undefined;
    if (typeof type === 'string' && catalog.has(type)) {
      return [];
    }
    return [{ ...p, data: { ...p.data, allowed: catalog.types() } }];
  });
}

/** IR003 for the parameters of a declared action whose value is not of the declared type (null means absent). */
function declaredParameterProblems(record: JsonObject, catalog: ActionCatalog): Problem[] {
  if (!catalog.declared) {
    return [];
  }
  const problems: Problem[] = [];
  const actions = Array.isArray(record.actions_taken) ? record.actions_taken : [];
  actions.forEach((action, index) => {
    const info = isObject(action) && typeof action.action === 'string' ? catalog.get(action.action) : undefined;
    if (!info?.declared || !isObject(action) || !isObject(action.parameters)) {
      return;
    }
    for (const [name, value] of Object.entries(action.parameters)) {
      const expected = catalog.parameter(info, name)?.schema.type;
      const actual = jsonTypeOf(value);
      if (typeof expected !== 'string' || value === null || actual === expected || (expected === 'number' && actual === 'integer')) {
        continue;
      }
      const path = ['actions_taken', index, 'parameters', name];
      problems.push({
        code: 'IR003',
        message: `${shownKey(name)} of ${info.type} must be ${typeWithArticle(expected)}, as the configuration declares it; found ${typeWithArticle(actual)}.`,
        path,
        target: 'value',
        data: { pointer: toPointer(path), expected: [expected], actual },
      });
    }
  });
  return problems;
}

function runRules(record: JsonObject, schema: Problem[], options: RecordCheckOptions, catalog: ActionCatalog): Problem[] {
  const problems: Problem[] = [];
  const schemaPointers = new Set<string>();
  for (const p of schema) {
    schemaPointers.add(p.data?.pointer ?? '');
    if (p.code === 'IR002' && typeof p.data?.propertyPointer === 'string') {
      schemaPointers.add(p.data.propertyPointer);
    }
    // `dag_run` for dag_run_id is one problem (IR007's), not also a missing dag_run_id.
    if (p.code === 'IR007' && typeof p.data?.suggestedPointer === 'string') {
      schemaPointers.add(p.data.suggestedPointer);
    }
  }
  const incident = isObject(record.incident) ? record.incident : undefined;
  const service: ServiceName | undefined = incident && isService(incident.service) ? incident.service : undefined;
  const context = {
    record,
    service,
    catalog,
    now: options.now,
    schemaPointers,
    report: (problem: Problem) => problems.push(problem),
  };
  for (const rule of options.rules ?? RECORD_RULES) {
    if (rule.services && (!service || !rule.services.includes(service))) {
      continue;
    }
    rule.check(context);
  }
  return problems;
}

function tooDeep(index: number, depth: number, length: number): RecordResult {
  return {
    index,
    identityKeys: [],
    problems: [
      {
        code: 'IR001',
        message: `This value is nested ${depth} levels deep; records deeper than ${MAX_DEPTH} levels are not checked. A real record is about six levels deep.`,
        start: 0,
        end: Math.min(1, length),
        data: { pointer: '', recordIndex: index, tooDeep: true },
      },
    ],
  };
}

/** Checks the text of one record. */
export function checkRecord(text: string, index: number, options: RecordCheckOptions): RecordResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The tolerant parser recurses: never hand it a pathologically deep text.
    const depth = treeDepth(text);
    if (depth > MAX_DEPTH) {
      return tooDeep(index, depth, text.length);
    }
    const problems = syntaxProblems(text, index);
    return {
      index,
      identityKeys: [],
      problems: problems.length
        ? problems
        : [{ code: 'IR001', message: 'Invalid JSON.', start: 0, end: Math.min(1, text.length), data: { pointer: '', recordIndex: index } }],
    };
  }
  const measured = measureValue(value);
  if (measured.depth > MAX_DEPTH) {
    return tooDeep(index, measured.depth, text.length);
  }
  let tree: JsonNode | undefined;
  const located: LocatedProblem[] = [];
  let keyTokens = countKeyTokens(text, 0, text.length);
  if (keyTokens < 0) {
    keyTokens = scanValue(text, 0, text.length).keyCount;
  }
  if (keyTokens !== measured.keys) {
    tree = parseRecordTree(text);
    if (tree) {
      located.push(...duplicateKeyProblems(tree, index));
    }
  }
  if (!isObject(value)) {
    const found = typeWithArticle(jsonTypeOf(value));
    const problem: LocatedProblem = options.inDataset
      ? { code: 'IR401', message: `This entry is ${found}, not a record: each entry of a dataset must be a JSON object.`, start: 0, end: text.length, data: { pointer: '', recordIndex: index, actual: jsonTypeOf(value) } }
      : { code: 'IR003', message: `A record must be an object; found ${found}.`, start: 0, end: text.length, data: { pointer: '', recordIndex: index, expected: ['object'], actual: jsonTypeOf(value) } };
    return { index, identityKeys: [], problems: [...located, problem] };
  }
  const catalog = options.catalog ?? builtInCatalog();
  const schema = explainValues(withDeclaredActions(schemaProblems(value), value, catalog), value, catalog).concat(
    unknownPropertyProblems(value),
    declaredParameterProblems(value, catalog),
  );
  const rules = runRules(value, schema, options, catalog);
  const all = schema.concat(rules);
  if (all.length) {
    tree = tree ?? parseRecordTree(text);
    located.push(...locateProblems(text, all, index, tree));
  }
  const summary = summarize(value);
  return { index, problems: located, identityKeys: identityKeys(value, summary), summary };
}
