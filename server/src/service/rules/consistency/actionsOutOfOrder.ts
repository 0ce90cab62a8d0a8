/**
 * IR204 actions-out-of-order: `actions_taken` should be listed in the order
 * the actions ran; reported when an action's timestamp is earlier than the
 * one before it.
 *
 * Why: the seed's learning loop tracks "which action sequences are most
 * effective" and learns "optimal timing between actions"; both read the
 * array in order, and so does the timeline.
 *
 * Timestamps are compared as instants (`2024-03-14T10:00:00+02:00` is
 * 08:00Z), so a list in order in mixed time zones is fine. An unparseable
 * timestamp is IR005's problem and a future one IR209's: both are skipped,
 * so one wrong timestamp gives one diagnostic; the predecessor is the
 * nearest earlier action with a usable timestamp. One diagnostic per record, on the
 * timestamp of the first action that is earlier than its predecessor, with
 * `data.order`: the indices sorted by instant (stable; an action without a
 * usable timestamp stays after the action it follows) for the quick fix.
 *
 * Bad:  `[{ …, "timestamp": "2024-03-14T05:14:30Z" }, { …, "timestamp": "2024-03-14T05:02:10Z" }]`
 * Good: `[{ …, "timestamp": "2024-03-14T05:02:10Z" }, { …, "timestamp": "2024-03-14T05:14:30Z" }]`
 */
import { formatDuration } from '../../util/durations';
import type { RecordRule } from '../ruleTypes';
import { actionInstant, actionLabel, actionsOf, chronologicalOrder } from '../ruleHelpers';


export const actionsOutOfOrder: RecordRule = {
  code: 'IR204',
  check(ctx) {
    let previous: { index: number; instant: number } | undefined;
    let first: { index: number; before: number; by: number } | undefined;
    let count = 0;
    for (const [index] of actionsOf(ctx)) {
      const instant = actionInstant(ctx, index);
      if (instant === undefined) {
        continue;
      }
      if (previous && instant < previous.instant) {
        count++;
        first ??= { index, before: previous.index, by: (previous.instant - instant) / 1000 };
      }
      previous = { index, instant };
    }
    if (!first) {
      return;
    }
    const actions = ctx.record.actions_taken as Record<string, unknown>[];
    const label = (i: number): string => actionLabel(i, actions[i] as Record<string, unknown>, (type) => ctx.catalog.has(type));
    const more = count > 1 ? ` ${count - 1} more action${count === 2 ? ' is' : 's are'} out of order too.` : '';
    ctx.report({
      code: 'IR204',
      message:
        `${label(first.index)} ran ${formatDuration(first.by)} before ${label(first.before)} but is listed after it: ` +
        `list the actions in the order they ran, so the timeline and the learned action sequence are right.${more}`,
      path: ['actions_taken', first.index, 'timestamp'],
      target: 'value',
      data: { pointer: '/actions_taken', order: chronologicalOrder(ctx) },
    });
  },
};
