/**
 * IR211 placeholder-left: a record still holds a skeleton's placeholder
 * text, one that describes what to write ("Short summary of the incident",
 * "What happened", "Root cause of the incident"…), from a snippet, New
 * Record… or a quick fix, so it was never filled in.
 *
 * Why: a record with skeleton text in it passes every shape check, yet it
 * teaches the agent nothing, or the wrong thing: the seed's guidelines ask
 * for detailed error context and real identifiers. The placeholder texts are
 * the skeletons' own (built from the schema), so the rule and the snippets
 * cannot drift apart. Example values the skeletons show (`orders_daily_etl`,
 * `web-prod-03.internal`) are plausible real values and are not reported.
 *
 * Reported on each such value.
 *
 * Bad:  `"title": "Short summary of the incident"`
 * Good: `"title": "orders_daily_etl: load_orders_to_warehouse SIGKILLed on airflow-worker-3"`
 */
import { skeletonProse } from '../../completion/skeletons';
import { JsonPath, toPointer } from '../../problems';
import type { RecordRule, RuleContext } from '../ruleTypes';
import { isObject } from '../ruleHelpers';

const MAX_DEPTH = 32;

interface Prose {
  readonly texts: ReadonlySet<string>;
  /** Lengths of the shortest and longest text: most strings are ruled out by their length alone. */
  readonly min: number;
  readonly max: number;
}

let proseCache: Prose | undefined;

function prose(): Prose {
  if (!proseCache) {
    const texts = skeletonProse();
    const lengths = [...texts].map((t) => t.length);
    proseCache = { texts, min: Math.min(...lengths), max: Math.max(...lengths) };
  }
  return proseCache;
}

/** `path` is one stack shared by the whole walk (copied only when something is reported). */
function walk(ctx: RuleContext, value: unknown, path: (string | number)[], p: Prose): void {
  if (typeof value === 'string') {
    if (value.length >= p.min && value.length <= p.max + 8) {
      const text = value.trim();
      if (p.texts.has(text)) {
        report(ctx, [...path], text);
      }
    }
    return;
  }
  if (path.length > MAX_DEPTH) {
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walk(ctx, value[i], path, p);
      path.pop();
    }
  } else if (isObject(value)) {
    for (const key in value) {
      path.push(key);
      walk(ctx, value[key], path, p);
      path.pop();
    }
  }
}

function report(ctx: RuleContext, path: JsonPath, text: string): void {
  ctx.report({
    code: 'IR211',
    message: `"${text}" is a skeleton's placeholder, not a value: write what happened in this incident here.`,
    path,
    target: 'value',
    data: { pointer: toPointer(path) },
  });
}

export const placeholderLeft: RecordRule = {
  code: 'IR211',
  check(ctx) {
    walk(ctx, ctx.record, [], prose());
  },
};
