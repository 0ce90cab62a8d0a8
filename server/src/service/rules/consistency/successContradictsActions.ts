/**
 * IR207 success-contradicts-actions: `success` must agree with the results of
 * the actions: `success: true` while the last action failed, or
 * `success: false` while every action succeeded, is a contradiction.
 *
 * Why: the seed's learning loop learns from outcomes ("Success patterns
 * strengthen confidence thresholds", "Failed resolutions create negative
 * training examples"); a verdict that contradicts the actions teaches the
 * wrong lesson.
 *
 * "Last" is by time: the actions sorted by timestamp as instants (stable,
 * array order breaking ties, an action without a usable timestamp (malformed,
 * or in the future) staying after the one it follows), so a list out of order (IR204) is still judged
 * by what happened last. A `partial_success` last action does not contradict
 * `success: true`. Actions with an invalid `result` (IR004) make the rule
 * skip the record. Reported on the `success` value.
 *
 * Bad:  `"success": true` with the last action `{ "result": "failed", … }`
 * Good: `"success": false` with the last action `{ "result": "failed", … }` and a failure analysis
 */
import type { JsonObject, RecordRule, RuleContext } from '../ruleTypes';
import { actionLabel, booleanAt, chronologicalOrder, isObject, schemaReported } from '../ruleHelpers';

const RESULTS = new Set(['success', 'failed', 'partial_success']);

/** Every action's result, or undefined when one is not a valid result. */
function resultsOf(ctx: RuleContext, actions: readonly unknown[]): string[] | undefined {
  const results: string[] = [];
  for (let i = 0; i < actions.length; i++) {
    const action = actions[i];
    const result = isObject(action) ? action.result : undefined;
    if (typeof result !== 'string' || !RESULTS.has(result) || schemaReported(ctx, ['actions_taken', i, 'result'])) {
      return undefined;
    }
    results.push(result);
  }
  return results;
}

export const successContradictsActions: RecordRule = {
  code: 'IR207',
  check(ctx) {
    const success = booleanAt(ctx, ['success']);
    const actions = ctx.record.actions_taken;
    if (success === undefined || !Array.isArray(actions) || actions.length === 0) {
      return;
    }
    const results = resultsOf(ctx, actions);
    if (!results) {
      return;
    }
    let message: string | undefined;
    if (success) {
      const order = chronologicalOrder(ctx);
      const last = order[order.length - 1];
      if (results[last] === 'failed') {
        const label = actionLabel(last, actions[last] as JsonObject, (type) => ctx.catalog.has(type));
        message = `success is true, but the last action, ${label}, failed: record the action that resolved the incident, or set success to false and add a failure_analysis.`;
      }
    } else if (results.every((r) => r === 'success')) {
      const all = results.length === 1 ? 'the only action succeeded' : `all ${results.length} actions succeeded`;
      message = `success is false, but ${all}: set success to true if the incident was resolved, or record the action that failed, with its error.`;
    }
    if (message) {
      ctx.report({ code: 'IR207', message, path: ['success'], target: 'value', data: { pointer: '/success' } });
    }
  },
};
