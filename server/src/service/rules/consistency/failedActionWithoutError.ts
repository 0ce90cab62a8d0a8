/**
 * IR203 failed-action-without-error: an action whose `result` is `failed` or
 * `partial_success` should say what went wrong in `error` (a blank `error`
 * counts as none and is flagged `data.empty`).
 *
 * Why: the seed's action schema, `"error": "string - error message if
 * failed"`; the agent learns "when to escalate vs. retry" from why actions
 * failed.
 *
 * Reported on the action's `result` value, with `data.pointer` the action.
 *
 * Bad:  `{ "action": "clean_disk_space", "result": "failed", "timestamp": "…" }`
 * Good: `{ "action": "clean_disk_space", "result": "failed", "error": "Permission denied on /data/spark/local", "timestamp": "…" }`
 */
import { actionInfo } from '../../catalog';
import { toPointer } from '../../problems';
import type { RecordRule } from '../ruleTypes';
import { actionLabel, actionsOf, schemaReported } from '../ruleHelpers';

const OUTCOME: Readonly<Record<string, string>> = {
  failed: 'failed',
  partial_success: 'only partly succeeded',
};

export const failedActionWithoutError: RecordRule = {
  code: 'IR203',
  check(ctx) {
    for (const [index, action] of actionsOf(ctx)) {
      const result = action.result;
      const resultPath = ['actions_taken', index, 'result'];
      if (typeof result !== 'string' || !OUTCOME[result] || schemaReported(ctx, resultPath)) {
        continue;
      }
      const error = action.error;
      const empty = typeof error === 'string' && error.trim() === '';
      if (error !== undefined && !empty) {
        continue;
      }
      const label = actionLabel(index, action, (type) => actionInfo(type) !== undefined);
      ctx.report({
        code: 'IR203',
        message: `${label} ${OUTCOME[result]} but ${empty ? 'its error is empty' : 'has no error'}: add "error" with what went wrong, so the agent can learn when to retry and when to escalate.`,
        path: resultPath,
        target: 'value',
        data: empty ? { pointer: toPointer(['actions_taken', index]), empty: true } : { pointer: toPointer(['actions_taken', index]) },
      });
    }
  },
};
