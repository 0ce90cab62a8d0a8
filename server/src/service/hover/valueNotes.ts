/**
 * What a hover adds about a value beyond the field's description: an action
 * type's documentation, a timestamp's place in the incident (`+4m 12s` after
 * the first action, after `execution_date`), a number of seconds in human
 * form, an enum value's meaning.
 */
import { JSONPath } from 'jsonc-parser';
import { familyLabel } from '../catalog';
import { pathPattern } from '../completion/completionContext';
import { RecordFacts, executionDate, firstActionTime, isObject } from '../completion/recordFacts';
import { EffectiveSchema, isSeconds, isTimestamp } from '../completion/schemaAt';
import { explainValue } from '../completion/valueItems';
import { formatDuration, formatOffset, parseInstant, secondsBetween } from '../util/durations';
import { actionMarkdown, linkRuleCodes } from './markdown';

/** Documentation of the action type `value` at `actions_taken[*].action`, with a warning when it belongs to another service. */
export function actionTypeNote(value: unknown, facts: RecordFacts): string | undefined {
  const info = typeof value === 'string' ? facts.catalog.get(value) : undefined;
  if (!info) {
    return undefined;
  }
  const foreign = facts.service && !facts.catalog.allowedIn(facts.service, info);
  const warning = foreign ? `⚠ ${familyLabel(info)} actions do not belong in ${facts.service} records (IR206).` : undefined;
  return actionMarkdown(info, warning);
}

/** The span from the first to the last action with a valid timestamp, in seconds. */
function actionSpan(facts: RecordFacts): number | undefined {
  const instants = facts.actions.flatMap((a) => (isObject(a) ? [parseInstant(a.timestamp)] : [])).filter((t): t is number => t !== undefined);
  return instants.length >= 2 ? (Math.max(...instants) - Math.min(...instants)) / 1000 : undefined;
}

function timestampNote(value: string, facts: RecordFacts, path: JSONPath): string | undefined {
  if (parseInstant(value) === undefined) {
    return undefined;
  }
  const lines: string[] = [];
  const first = firstActionTime(facts);
  const isFirst = pathPattern(path) === 'actions_taken.*.timestamp' && path[1] === 0;
  const fromFirst = first ? secondsBetween(first, value) : undefined;
  if (isFirst) {
    lines.push('The first action: the origin of the actions’ offsets.');
  } else if (fromFirst !== undefined) {
    lines.push(`**${formatOffset(fromFirst)}** from the first action (${first})`);
  }
  const execution = executionDate(facts);
  const fromExecution = execution && path.join('.') !== 'incident.metadata.execution_date' ? secondsBetween(execution, value) : undefined;
  if (fromExecution !== undefined) {
    lines.push(`**${formatOffset(fromExecution)}** from \`execution_date\` (${execution})`);
  }
  return lines.length ? lines.join('  \n') : undefined;
}

function secondsNote(value: number, facts: RecordFacts, path: JSONPath): string | undefined {
  const human = formatDuration(value);
  if (human === undefined) {
    return undefined;
  }
  const lines = [`**${human}**`];
  if (path.join('.') === 'resolution_time') {
    const span = actionSpan(facts);
    if (span !== undefined) {
      lines.push(linkRuleCodes(`The actions span ${formatDuration(span)} (first to last action)${span > value ? ': longer than the resolution time (IR205)' : ''}.`));
    }
  }
  if (path.join('.') === 'incident.metadata.duration_seconds') {
    const expected = facts.metadata.expected_duration_seconds;
    if (typeof expected === 'number' && expected > 0) {
      lines.push(`${(value / expected).toFixed(1)}× the expected ${formatDuration(expected)}.`);
    }
  }
  return lines.join('  \n');
}

/** The notes for a scalar `value` at `path`, most specific first. */
export function valueNotes(value: unknown, path: JSONPath, schema: EffectiveSchema | undefined, facts: RecordFacts): string[] {
  const notes: string[] = [];
  if (pathPattern(path) === 'actions_taken.*.action') {
    const action = actionTypeNote(value, facts);
    if (action) {
      notes.push(action);
    }
  }
  if (schema && typeof value === 'string' && isTimestamp(schema)) {
    const note = timestampNote(value, facts, path);
    if (note) {
      notes.push(note);
    }
  }
  if (schema && typeof value === 'number' && isSeconds(schema)) {
    const note = secondsNote(value, facts, path);
    if (note) {
      notes.push(note);
    }
  }
  if (schema?.enum && typeof value === 'string') {
    const meaning = explainValue(schema.descriptions, value);
    if (meaning) {
      notes.push(`**${value}** — ${meaning}`);
    }
  }
  return notes;
}
