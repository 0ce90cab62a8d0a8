/**
 * IR202 failure-analysis-unexpected: a record with `success: true` should
 * not carry a `learning_feedback.failure_analysis`.
 *
 * Why: the seed's learning feedback schema marks the failure analysis "Only
 * present if success: false". A failure analysis on a success teaches the
 * agent that a working sequence was wrong.
 *
 * Reported on the `failure_analysis` key. `"failure_analysis": null` means
 * there is none (null means absent), as exports write it.
 *
 * Bad:  `"success": true, "learning_feedback": { …, "failure_analysis": { "root_cause": "…" } }`
 * Good: `"success": true, "learning_feedback": { "confidence_score": 0.9, … }`
 */
import type { RecordRule } from '../ruleTypes';
import { booleanAt, isObject } from '../ruleHelpers';

export const failureAnalysisUnexpected: RecordRule = {
  code: 'IR202',
  check(ctx) {
    const feedback = ctx.record.learning_feedback;
    if (booleanAt(ctx, ['success']) !== true || !isObject(feedback) || feedback.failure_analysis === undefined || feedback.failure_analysis === null) {
      return;
    }
    ctx.report({
      code: 'IR202',
      message:
        'success is true, but learning_feedback has a failure_analysis, which belongs only to failed resolutions: remove it, or set success to false if the resolution failed.',
      path: ['learning_feedback', 'failure_analysis'],
      target: 'key',
      data: { pointer: '/learning_feedback/failure_analysis' },
    });
  },
};
