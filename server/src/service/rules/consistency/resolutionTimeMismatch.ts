/**
 * IR205 resolution-time-mismatch: `resolution_time` must be at least the
 * span from the earliest to the latest action timestamp.
 *
 * Why: `resolution_time` is the time from detection to resolution, so it
 * contains every action; the seed's learning loop compares it across
 * incidents ("resolution faster than average"), and a value shorter than the
 * actions themselves makes that comparison wrong.
 *
 * Timestamps are compared as instants; unparseable (IR005) and future
 * (IR209) ones are skipped;
 * at least two usable timestamps are needed. A tolerance of one second
 * absorbs `resolution_time` rounded to whole seconds against fractional
 * timestamps. Reported on the `resolution_time` value.
 *
 * Bad:  `"resolution_time": 300` with actions at 12:05:00Z and 12:20:00Z (15 minutes apart)
 * Good: `"resolution_time": 1500` with the same actions
 */
import { formatDuration } from '../../util/durations';
import type { RecordRule } from '../ruleTypes';
import { actionInstant, actionsOf, formatNumber, numberAt } from '../ruleHelpers';

/** Seconds of slack for rounding. */
const TOLERANCE_SECONDS = 1;

export const resolutionTimeMismatch: RecordRule = {
  code: 'IR205',
  check(ctx) {
    const resolution = numberAt(ctx, ['resolution_time']);
    if (resolution === undefined) {
      return;
    }
    let earliest: { index: number; instant: number } | undefined;
    let latest: { index: number; instant: number } | undefined;
    for (const [index] of actionsOf(ctx)) {
      const instant = actionInstant(ctx, index);
      if (instant === undefined) {
        continue;
      }
      if (!earliest || instant < earliest.instant) {
        earliest = { index, instant };
      }
      if (!latest || instant >= latest.instant) {
        latest = { index, instant };
      }
    }
    if (!earliest || !latest || earliest.index === latest.index) {
      return;
    }
    const span = (latest.instant - earliest.instant) / 1000;
    if (resolution + TOLERANCE_SECONDS >= span) {
      return;
    }
    ctx.report({
      code: 'IR205',
      message:
        `resolution_time is ${formatNumber(resolution)} s (${formatDuration(resolution)}), but the actions span ${formatDuration(span)} ` +
        `(actions_taken[${earliest.index}] to actions_taken[${latest.index}]): it is ${formatDuration(span - resolution)} too short. ` +
        'resolution_time runs from detection to resolution and must cover every action: correct it, or the action timestamps.',
      path: ['resolution_time'],
      target: 'value',
      data: { pointer: '/resolution_time', span, shortBy: span - resolution },
    });
  },
};
