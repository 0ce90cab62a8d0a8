/**
 * IR209 future-timestamp: no timestamp of a record may lie in the future.
 *
 * Why: a record describes an incident that already happened; a timestamp
 * after "now" is a typo in the date or a wrong time zone, and it corrupts
 * the timeline and every duration computed from it ("learn optimal timing
 * between actions").
 *
 * Which values are timestamps comes from the schema: every property the
 * schema declares as `$defs/timestamp` (action `timestamp`, `execution_date`,
 * `last_heartbeat`, `last_successful_connection`, `modified`, and any the
 * schema adds), wherever it appears in the record, including action
 * parameters. A value counts when it parses as an ISO 8601 date-time with a
 * time zone; unparseable ones are IR005's. Five minutes of clock skew are
 * allowed. Reported on each future timestamp.
 *
 * Bad:  `"timestamp": "2204-03-14T05:02:10Z"`
 * Good: `"timestamp": "2024-03-14T05:02:10Z"`
 */
import { formatDuration } from '../../util/durations';
import { JsonPath, toPointer } from '../../problems';
import { SchemaNode, recordSchema } from '../../schema/schemaStore';
import type { RecordRule, RuleContext } from '../ruleTypes';
import { CLOCK_SKEW_MS, instantOf, isObject, schemaReported } from '../ruleHelpers';
import { describeValue } from '../../util/text';

const TIMESTAMP_REF = '#/$defs/timestamp';

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/** How far ahead: "3h 05m 00s", or "about 180 years" for a mistyped century. */
function howFar(ms: number): string {
  return ms >= YEAR_MS ? `about ${Math.round(ms / YEAR_MS)} year${Math.round(ms / YEAR_MS) === 1 ? '' : 's'}` : `${formatDuration(ms / 1000)}`;
}

let timestampNames: ReadonlySet<string> | undefined;

/** Names of every property the schema declares as a timestamp. */
export function timestampProperties(): ReadonlySet<string> {
  if (timestampNames) {
    return timestampNames;
  }
  const names = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) {
      return;
    }
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    const schema = node as SchemaNode;
    for (const [name, sub] of Object.entries(schema.properties ?? {})) {
      if (sub.$ref === TIMESTAMP_REF) {
        names.add(name);
      }
    }
    Object.values(node).forEach(walk);
  };
  walk(recordSchema);
  timestampNames = names;
  return names;
}

function visit(ctx: RuleContext, node: unknown, path: (string | number)[], names: ReadonlySet<string>, limit: number): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      path.push(i);
      visit(ctx, node[i], path, names, limit);
      path.pop();
    }
    return;
  }
  if (!isObject(node)) {
    return;
  }
  for (const key in node) {
    const value = node[key];
    if (names.has(key) && typeof value === 'string') {
      const instant = instantOf(value);
      if (instant !== undefined && instant > limit) {
        const childPath: JsonPath = [...path, key];
        if (!schemaReported(ctx, childPath)) {
          ctx.report({
            code: 'IR209',
            message:
              `${key} ${describeValue(value)} is ${howFar(instant - ctx.now)} in the future: ` +
              'a record describes a past incident, so check the date and the time zone.',
            path: childPath,
            target: 'value',
            data: { pointer: toPointer(childPath) },
          });
        }
      }
    } else if (value !== null && typeof value === 'object') {
      path.push(key);
      visit(ctx, value, path, names, limit);
      path.pop();
    }
  }
}

export const futureTimestamp: RecordRule = {
  code: 'IR209',
  check(ctx) {
    visit(ctx, ctx.record, [], timestampProperties(), ctx.now + CLOCK_SKEW_MS);
  },
};
