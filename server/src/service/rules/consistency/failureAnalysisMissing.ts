/**
 * IR201 failure-analysis-missing: a record with `success: false` must
 * explain the failure in `learning_feedback.failure_analysis`.
 *
 * Why: the seed's learning feedback schema says the failure analysis is
 * present when `success: false`, and its learning loop, "Failed resolutions
 * create negative training examples", needs the root cause and the better
 * action sequence to learn anything from a failure.
 *
 * Reported on `learning_feedback` (the object that lacks it). A missing
 * `learning_feedback` is the schema's IR002, so this rule is then silent;
 * `"failure_analysis": null` counts as none (null means absent).
 *
 * Bad:  `"success": false, "learning_feedback": { "confidence_score": 0.55, … }`
 * Good: `"success": false, "learning_feedback": { …, "failure_analysis": { "root_cause": "…", "recommended_escalation": "…" } }`
 */
import type { RecordRule } from '../ruleTypes';
import { booleanAt, isObject } from '../ruleHelpers';

export const failureAnalysisMissing: RecordRule = {
  code: 'IR201',
  check(ctx) {
    const feedback = ctx.record.learning_feedback;
    if (booleanAt(ctx, ['success']) !== false || !isObject(feedback) || (feedback.failure_analysis !== undefined && feedback.failure_analysis !== null)) {
      return;
    }
    ctx.report({
      code: 'IR201',
      message:
        'success is false, but learning_feedback has no failure_analysis: add one with root_cause, recommended_escalation and improved_action_sequence, so the failed resolution becomes a negative training example.',
      path: ['learning_feedback'],
      target: 'missing',
      data: { pointer: '/learning_feedback' },
    });
  },
};
