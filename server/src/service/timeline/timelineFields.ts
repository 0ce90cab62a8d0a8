/**
 * Reading one item of `actions_taken` for the timeline: what it is, how it
 * ended, when it ran, and the few fields a reviewer needs to follow the story.
 * Tolerant of records mid-edit: any field may be missing or of the wrong type.
 */
import type { TimelineField, TimelineResult } from '../../../../common/timeline';
import { findConnectionStringSecrets, findFieldSecrets, MASK } from '../secrets';
import { parseInstant } from '../util/durations';

/** Parameters shown per action; the rest are counted. */
export const MAX_PARAMETERS = 6;
/** Result-specific extra fields shown per action. */
export const MAX_DETAILS = 4;
/** Longest value text shown for a parameter or detail. */
export const MAX_VALUE_LENGTH = 120;

const RESULTS: ReadonlySet<string> = new Set(['success', 'failed', 'partial_success']);
const ACTION_KEYS: ReadonlySet<string> = new Set(['action', 'parameters', 'result', 'error', 'timestamp']);

type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Credentials in `text` replaced by `***` (IR301/IR112 report them in the
 * editor): the timeline is the view reviewers share and paste into
 * postmortems, so it never shows a secret. `key` is the property the text is
 * the value of, so that `"password": "Summer2024!"` is masked whole.
 */
export function withoutSecrets(text: string, key?: string): string {
  let out = '';
  let last = 0;
  const findings = key === 'connection_string' ? findConnectionStringSecrets(text) : findFieldSecrets(key, text);
  for (const finding of findings) {
    if (finding.start >= last) {
      out += text.slice(last, finding.start) + MASK;
      last = finding.end;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * A value as display text: strings as written, anything else as compact JSON,
 * without credentials, cut at `max` characters.
 */
export function displayValue(value: unknown, max = MAX_VALUE_LENGTH, key?: string): string {
  const text = withoutSecrets(typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)), key);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function fields(entries: [string, unknown][], max: number): { shown: TimelineField[]; hidden: number } {
  return {
    shown: entries.slice(0, max).map(([name, value]) => ({ name, value: displayValue(value, MAX_VALUE_LENGTH, name) })),
    hidden: Math.max(0, entries.length - max),
  };
}

/** An action item as read from the record, before it is placed on the axis. */
export interface ActionFacts {
  readonly type?: string;
  readonly result: TimelineResult;
  readonly resultText?: string;
  /** The timestamp when it is a string, and its instant (epoch ms) when that string is a valid ISO 8601 date-time. */
  readonly timestamp?: string;
  readonly instant?: number;
  /** Whether the item has a `timestamp` at all (of any type). */
  readonly hasTimestamp: boolean;
  readonly parameters: TimelineField[];
  readonly hiddenParameters: number;
  readonly details: TimelineField[];
  readonly error?: string;
}

export function readAction(value: unknown): ActionFacts {
  if (!isObject(value)) {
    return { result: 'unknown', hasTimestamp: false, parameters: [], hiddenParameters: 0, details: [] };
  }
  const result = typeof value.result === 'string' && RESULTS.has(value.result) ? (value.result as TimelineResult) : 'unknown';
  const parameters = fields(isObject(value.parameters) ? Object.entries(value.parameters) : [], MAX_PARAMETERS);
  const details = fields(
    Object.entries(value).filter(([key]) => !ACTION_KEYS.has(key)),
    MAX_DETAILS,
  );
  return {
    type: typeof value.action === 'string' && value.action !== '' ? value.action : undefined,
    result,
    resultText: result === 'unknown' && value.result !== undefined ? displayValue(value.result, 40) : undefined,
    timestamp: typeof value.timestamp === 'string' ? value.timestamp : undefined,
    instant: parseInstant(value.timestamp),
    hasTimestamp: value.timestamp !== undefined,
    parameters: parameters.shown,
    hiddenParameters: parameters.hidden,
    details: details.shown,
    error: value.error === undefined || value.error === null ? undefined : displayValue(value.error, 2000, 'error'),
  };
}

const TIMESTAMP_PARTS = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.\d+)?([Zz]|[+-]\d{2}:?\d{2})$/;

/**
 * The wall-clock part of a valid timestamp as written (`03:52:40`), with its
 * date when that differs from the start's date, and its zone when that
 * differs from the start's zone, so that no two entries read alike by mistake.
 */
export function clockOf(timestamp: string, start: string): string | undefined {
  const parts = TIMESTAMP_PARTS.exec(timestamp);
  if (!parts) {
    return undefined;
  }
  const base = TIMESTAMP_PARTS.exec(start);
  const [, date, time, zone] = parts;
  const sameZone = base !== null && base[3].toUpperCase() === zone.toUpperCase();
  const zoneText = sameZone ? '' : zone.toUpperCase() === 'Z' ? 'Z' : zone;
  return `${base && base[1] === date ? '' : `${date} `}${time}${zoneText}`;
}
