/**
 * IR210 learning-feedback-inconsistent: the learning feedback must agree with
 * itself and with the catalogue:
 * - `new_patterns_learned` lists patterns while `knowledge_base_updated` is
 *   false (reported on the `knowledge_base_updated` value): a pattern learned
 *   but not stored is lost;
 * - an entry of `failure_analysis.improved_action_sequence` is not an action
 *   type of the catalogue (reported on that entry, with the closest action
 *   types in `data.suggestions`): a sequence the agent cannot replay teaches
 *   nothing.
 *
 * Why: the seed's learning loop, "New incident types expand the knowledge
 * base" and "Track which action sequences are most effective"; both only work
 * when the feedback is consistent and names real actions.
 *
 * Bad:  `"knowledge_base_updated": false, "new_patterns_learned": ["oom_from_partition_skew"]`
 * Good: `"knowledge_base_updated": true, "new_patterns_learned": ["oom_from_partition_skew"]`
 */
import { toPointer } from '../../problems';
import type { RecordRule, RuleContext } from '../ruleTypes';
import { booleanAt, isObject, schemaReported } from '../ruleHelpers';
import { closestMatches, describeValue } from '../../util/text';

function checkPatterns(ctx: RuleContext): void {
  const patterns = isObject(ctx.record.learning_feedback) ? ctx.record.learning_feedback.new_patterns_learned : undefined;
  const path = ['learning_feedback', 'knowledge_base_updated'];
  if (!Array.isArray(patterns) || patterns.length === 0 || booleanAt(ctx, path) !== false) {
    return;
  }
  const count = patterns.length === 1 ? 'a new pattern' : `${patterns.length} new patterns`;
  ctx.report({
    code: 'IR210',
    message: `knowledge_base_updated is false, but new_patterns_learned lists ${count}: set it to true if the knowledge base was updated with ${patterns.length === 1 ? 'it' : 'them'}, or empty the list.`,
    path,
    target: 'value',
    data: { pointer: toPointer(path), kind: 'patterns-not-stored' },
  });
}

function checkImprovedSequence(ctx: RuleContext): void {
  const feedback = ctx.record.learning_feedback;
  const analysis = isObject(feedback) ? feedback.failure_analysis : undefined;
  const sequence = isObject(analysis) ? analysis.improved_action_sequence : undefined;
  if (!Array.isArray(sequence)) {
    return;
  }
  const allowed = ctx.catalog.types();
  sequence.forEach((entry, i) => {
    const path = ['learning_feedback', 'failure_analysis', 'improved_action_sequence', i];
    if (typeof entry !== 'string' || entry === '' || allowed.includes(entry) || schemaReported(ctx, path)) {
      return;
    }
    const suggestions = closestMatches(entry, allowed);
    const didYouMean = suggestions.length ? ` Did you mean ${JSON.stringify(suggestions[0])}?` : '';
    ctx.report({
      code: 'IR210',
      message: `${describeValue(entry)} in improved_action_sequence is not an action type of the catalogue.${didYouMean} Name catalogue actions so the agent can replay the sequence.`,
      path,
      target: 'value',
      data: { pointer: toPointer(path), kind: 'unknown-action', allowed, suggestions },
    });
  });
}

export const learningFeedbackInconsistent: RecordRule = {
  code: 'IR210',
  check(ctx) {
    checkPatterns(ctx);
    checkImprovedSequence(ctx);
  },
};
