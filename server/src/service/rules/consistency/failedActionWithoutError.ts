/**
 * IR203 failed-action-without-error: an action whose `result` is `failed` or
 * `partial_success` should say what went wrong in `error` (a blank `error`
 * counts as none and is flagged `data.empty`; `"error": null` is none).
 * A partly successful action may say what went wrong in a note of its own
 * instead (`note`, `details`, `message`, `reason`…: the seed allows
 * result-specific fields, and names `error` only for failures).
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
import { toPointer } from '../../problems';
import type { RecordRule } from '../ruleTypes';
import { actionLabel, actionsOf, schemaReported } from '../ruleHelpers';

/** Result-specific fields in which a partly successful action says what did not work. */
const PARTIAL_NOTES = ['note', 'notes', 'details', 'detail', 'message', 'reason', 'error_message', 'warning', 'warnings', 'remaining'];

function says(value: unknown): boolean {
  return (typeof value === 'string' && value.trim() !== '') || (Array.isArray(value) && value.some(says));
}

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
      if (error !== undefined && error !== null && !empty) {
        continue;
      }
      if (result === 'partial_success' && PARTIAL_NOTES.some((name) => says(action[name]))) {
        continue;
      }
      const label = actionLabel(index, action, (type) => ctx.catalog.has(type));
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
