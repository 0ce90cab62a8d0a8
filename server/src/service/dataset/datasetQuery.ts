/**
 * Filtering, sorting and paging the rows of the dataset view. Sorting is
 * stable with ties broken by line (the record's index), missing values last
 * in either direction; the order per sort key is cached by the model until
 * the rows change, so a filter change only walks the rows once.
 */
import type { DatasetFilter, DatasetSortKey, ProblemSeverity, SuccessKey } from '../../../../common/dataset';
import { NONE, RowFacts, RowProblem, SEVERITY_RANK } from './rowFacts';

/** A row as the model keeps it. */
export interface ModelRow {
  readonly facts: RowFacts;
  problems: readonly RowProblem[];
  readonly worst?: ProblemSeverity;
  readonly codes: readonly string[];
}

/** The largest page a client may ask for. */
export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 100;

/** Incident severities from the most to the least severe (the seed's enum); anything else after them. */
const INCIDENT_SEVERITY: Readonly<Record<string, number>> = { critical: 0, high: 1, medium: 2, low: 3 };
const SUCCESS_ORDER: Readonly<Record<SuccessKey, number>> = { true: 0, false: 1, unknown: 2 };

const successKey = (s: boolean | undefined): SuccessKey => (s === undefined ? 'unknown' : s ? 'true' : 'false');

/** A row's sort value: a number or a string; undefined sorts last. */
type SortValue = number | string | undefined;

const SORT_VALUES: Readonly<Record<Exclude<DatasetSortKey, 'line'>, (row: ModelRow) => SortValue>> = {
  title: (r) => r.facts.titleKey || undefined,
  service: (r) => r.facts.service,
  severity: (r) => (r.facts.severity === undefined ? undefined : (INCIDENT_SEVERITY[r.facts.severity] ?? 10)),
  success: (r) => SUCCESS_ORDER[successKey(r.facts.success)],
  resolution: (r) => r.facts.resolutionSeconds,
  actions: (r) => r.facts.actions,
  firstAction: (r) => r.facts.firstActionInstant ?? (r.facts.firstActionTime === undefined ? undefined : Number.MAX_VALUE),
  // Rows with problems by count; the most severe first among equal counts is left to the secondary key (line).
  problems: (r) => r.problems.length,
};

/** Indices of `rows` in the order of `key` (ascending, or descending with ties still by line). */
export function sortedOrder(rows: readonly ModelRow[], key: DatasetSortKey, descending: boolean): Int32Array {
  const order = new Int32Array(rows.length);
  for (let i = 0; i < order.length; i++) {
    order[i] = descending && key === 'line' ? rows.length - 1 - i : i;
  }
  if (key === 'line') {
    return order;
  }
  const valueOf = SORT_VALUES[key];
  const values: SortValue[] = rows.map(valueOf);
  const sign = descending ? -1 : 1;
  const numeric = values.every((v) => v === undefined || typeof v === 'number');
  const compareDefined = numeric
    ? (a: SortValue, b: SortValue) => (a as number) - (b as number)
    : (a: SortValue, b: SortValue) => (a === b ? 0 : String(a) < String(b) ? -1 : 1);
  return order.sort((i, j) => {
    const a = values[i];
    const b = values[j];
    if (a === undefined || b === undefined) {
      return a === b ? i - j : a === undefined ? 1 : -1;
    }
    return sign * compareDefined(a, b) || i - j;
  });
}

/** Whether a row passes the filter. */
export function rowFilter(filter: DatasetFilter | undefined): ((row: ModelRow) => boolean) | undefined {
  if (!filter) {
    return undefined;
  }
  const tests: ((row: ModelRow) => boolean)[] = [];
  const setOf = (values: readonly string[] | undefined) => (values && values.length ? new Set(values) : undefined);
  const services = setOf(filter.services);
  if (services) {
    tests.push((r) => services.has(r.facts.service ?? NONE));
  }
  const severities = setOf(filter.severities);
  if (severities) {
    tests.push((r) => severities.has(r.facts.severity ?? NONE));
  }
  const success = setOf(filter.success);
  if (success) {
    tests.push((r) => success.has(successKey(r.facts.success)));
  }
  const codes = setOf(filter.codes);
  if (codes) {
    tests.push((r) => r.codes.some((c) => codes.has(c)));
  }
  if (filter.worst === 'none') {
    tests.push((r) => r.worst === undefined);
  } else if (filter.worst !== undefined && filter.worst in SEVERITY_RANK) {
    const limit = SEVERITY_RANK[filter.worst];
    tests.push((r) => r.worst !== undefined && SEVERITY_RANK[r.worst] <= limit);
  }
  const text = typeof filter.text === 'string' ? filter.text.trim().toLowerCase() : '';
  if (text) {
    tests.push((r) => r.facts.titleKey.includes(text));
  }
  if (tests.length === 0) {
    return undefined;
  }
  return (row) => {
    for (const t of tests) {
      if (!t(row)) {
        return false;
      }
    }
    return true;
  };
}

/** A page of matching rows: their indices, and how many match in all. */
export function queryRows(
  rows: readonly ModelRow[],
  order: Int32Array,
  filter: DatasetFilter | undefined,
  offset: number,
  limit: number,
): { readonly matching: number; readonly indices: number[] } {
  const passes = rowFilter(filter);
  const indices: number[] = [];
  let matching = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    if (passes && !passes(rows[i])) {
      continue;
    }
    if (matching >= offset && indices.length < limit) {
      indices.push(i);
    }
    matching++;
  }
  return { matching, indices };
}

/** A page request's offset and limit, made safe (whole numbers, limit 0–500). */
export function pageOf(offset: unknown, limit: unknown): { offset: number; limit: number } {
  const o = typeof offset === 'number' && Number.isFinite(offset) ? Math.max(0, Math.floor(offset)) : 0;
  const l = typeof limit === 'number' && Number.isFinite(limit) ? Math.min(MAX_PAGE, Math.max(0, Math.floor(limit))) : DEFAULT_PAGE;
  return { offset: o, limit: l };
}
