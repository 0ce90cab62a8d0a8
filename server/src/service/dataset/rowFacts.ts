/**
 * What the dataset view keeps of one record: the few facts a row, a filter
 * and the aggregates need, read from the record's summary (computed where the
 * record was checked, possibly in a worker) and its problems as published.
 * Every text is shown text: credentials masked once here, so no renderer,
 * Markdown card or CLI line can ever show one.
 */
import type { Range } from 'vscode-languageserver-types';
import type { ProblemSeverity } from '../../../../common/dataset';
import type { RecordSummary } from '../recordChecker';
import { parseInstant } from '../util/instant';
import { shownText } from '../util/text';

/** One problem of a record (or of the document, outside any record), as published. */
export interface RowProblem {
  readonly code: string;
  readonly severity: ProblemSeverity;
  readonly message: string;
  /** Where it is in the document (absolute), to go to. */
  readonly range: Range;
}

/** What the model is given per record: its summary (absent while unchecked, or when it is not valid JSON) and its problems. */
export interface RecordInput {
  readonly summary?: RecordSummary;
  readonly problems: readonly RowProblem[];
  /** For a record that is not valid JSON: what could be read of its text anyway (`readBrokenRecord`). */
  readonly partial?: PartialRecord;
  /** The record has not been checked yet (the first check of a large document is still running). */
  readonly unchecked?: boolean;
}

export interface PartialRecord {
  readonly title?: string;
  readonly service?: string;
  readonly severity?: string;
}

/**
 * The facts of one row, all texts masked except the title: titles are
 * unique per record, so masking 10,000 of them would cost more than the rest
 * of the row; a title is masked when it is shown (`shownTitle`), the few on
 * a page. Filtering and sorting read it as the document has it.
 */
export interface RowFacts {
  /** The title as written: show it only through `shownTitle`. */
  readonly rawTitle?: string;
  /** Lower-cased title, for the case-insensitive text filter and sorting (computed once, not per query). */
  readonly titleKey: string;
  readonly service?: string;
  readonly severity?: string;
  readonly success?: boolean;
  readonly resolutionSeconds?: number;
  readonly actions: number;
  readonly firstActionTime?: string;
  /** When the incident happened (as written) and its instant, when that is an ISO 8601 date-time. */
  readonly incidentTime?: string;
  readonly incidentInstant?: number;
  /** Per action: type and result (masked types; `''` where absent). */
  readonly actionTypes: readonly string[];
  readonly actionResults: readonly string[];
  readonly broken: boolean;
  readonly unchecked: boolean;
  /** Instant of `firstActionTime`, for sorting. */
  readonly firstActionInstant?: number;
}

/**
 * Record text repeats across a dataset (services, severities, action types,
 * titles of a systematic export): masking each distinct text once keeps
 * building 10,000 rows cheap. Bounded, so a dataset of unique titles cannot
 * grow it without limit.
 */
const MASKED = new Map<string, string>();
const MASKED_LIMIT = 20_000;

export function masked(text: string): string {
  let shown = MASKED.get(text);
  if (shown === undefined) {
    shown = shownText(text);
    if (MASKED.size >= MASKED_LIMIT) {
      MASKED.clear();
    }
    MASKED.set(text, shown);
  }
  return shown;
}

/** A row's title as shown: credentials masked. */
export function shownTitle(facts: RowFacts): string | undefined {
  return facts.rawTitle === undefined ? undefined : shownText(facts.rawTitle);
}

const maskedOrUndefined = (text: string | undefined): string | undefined => (text === undefined ? undefined : masked(text));

export function rowFacts(input: RecordInput): RowFacts {
  const summary = input.summary;
  const broken = input.problems.some((p) => p.code === 'IR001');
  const title = summary?.title ?? input.partial?.title;
  const incidentTime = summary?.incidentTime ?? summary?.firstActionTime;
  return {
    rawTitle: title,
    titleKey: title?.toLowerCase() ?? '',
    service: maskedOrUndefined(summary?.service ?? input.partial?.service),
    severity: maskedOrUndefined(summary?.severity ?? input.partial?.severity),
    success: summary?.success,
    resolutionSeconds: summary?.resolutionSeconds,
    actions: summary?.actionCount ?? 0,
    firstActionTime: maskedOrUndefined(summary?.firstActionTime),
    firstActionInstant: parseInstant(summary?.firstActionTime),
    incidentTime: maskedOrUndefined(incidentTime),
    incidentInstant: parseInstant(incidentTime),
    actionTypes: (summary?.actionTypes ?? []).map(masked),
    actionResults: summary?.actionResults ?? [],
    broken,
    unchecked: !!input.unchecked,
  };
}

/** Longest prefix of a broken record searched for its title, service and severity. */
const PARTIAL_SCAN_CHARS = 64 * 1024;

/** A string member of a record that may not parse, by name (escapes kept, at most 2,000 characters; linear in the text). */
const PARTIAL_FIELDS = {
  title: /"title"\s*:\s*"((?:[^"\\\n]|\\.){0,2000})"/,
  service: /"service"\s*:\s*"((?:[^"\\\n]|\\.){0,2000})"/,
  severity: /"severity"\s*:\s*"((?:[^"\\\n]|\\.){0,2000})"/,
} as const;

function stringField(text: string, name: keyof typeof PARTIAL_FIELDS): string | undefined {
  const match = PARTIAL_FIELDS[name].exec(text);
  if (!match) {
    return undefined;
  }
  try {
    return JSON.parse(`"${match[1]}"`) as string;
  } catch {
    return match[1];
  }
}

/**
 * What can be read of a record that is not valid JSON (a row, not a gap):
 * its title, service and severity where they appear as plain string fields.
 */
export function readBrokenRecord(text: string): PartialRecord | undefined {
  const head = text.length > PARTIAL_SCAN_CHARS ? text.slice(0, PARTIAL_SCAN_CHARS) : text;
  const partial = { title: stringField(head, 'title'), service: stringField(head, 'service'), severity: stringField(head, 'severity') };
  return partial.title === undefined && partial.service === undefined && partial.severity === undefined ? undefined : partial;
}

export const SEVERITY_RANK: Readonly<Record<ProblemSeverity, number>> = { error: 0, warning: 1, information: 2, hint: 3 };
export const SEVERITIES: readonly ProblemSeverity[] = ['error', 'warning', 'information', 'hint'];

/** The most severe of a row's problems. */
export function worstOf(problems: readonly RowProblem[]): ProblemSeverity | undefined {
  let worst: ProblemSeverity | undefined;
  for (const p of problems) {
    if (worst === undefined || SEVERITY_RANK[p.severity] < SEVERITY_RANK[worst]) {
      worst = p.severity;
    }
  }
  return worst;
}

/** Distinct codes of a row's problems, sorted. */
export function codesOf(problems: readonly RowProblem[]): string[] {
  if (problems.length === 0) {
    return [];
  }
  return [...new Set(problems.map((p) => p.code))].sort();
}

/** `(none)` where a record does not say: the key of counts per service or severity. */
export const NONE = '(none)';
