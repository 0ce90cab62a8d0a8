/**
 * IR121 spark-ids: a spark record must carry `application_id`, and
 * `executor_id` when the failure is executor-side.
 *
 * Why: the seed's guideline for Spark issues, "Include application and
 * executor IDs for precise targeting". Killing, restarting or blacklisting
 * needs the application; an executor failure also needs the executor.
 *
 * Executor-side is decided from what distinguishes the case, first match
 * wins (the seed lists the executor heap figures for every Spark record, so
 * their presence says nothing about where the failure was):
 * 1. `exception_class`, `exception_message` or the incident title mentions an
 *    executor (`ExecutorLostFailure`, "Lost executor 7", "executor 17 OOM"…);
 * 2. the exception is an out-of-memory error (`OutOfMemoryError`, "Java heap
 *    space", "GC overhead limit exceeded", "OOM") and neither the exception
 *    message nor the title names the driver: Spark's OOMs are executor-side
 *    unless the driver is named.
 * `"executor_id": null` is a missing executor id (null means absent), which
 * is right for a failure that is not executor-specific.
 * A driver-side failure that trips the heuristic is recorded with
 * `"executor_id": "driver"`, as Spark itself names the driver's executor.
 *
 * Bad:  `"metadata": { "application_name": "sessionize-daily", "error_details": { "exception_class": "java.lang.OutOfMemoryError" } }`
 * Good: `"metadata": { "application_id": "application_1710400000000_0042", "executor_id": "7", … }`
 */
import type { JsonObject, RecordRule, RuleContext } from '../../ruleTypes';
import { METADATA, field, isObject, missingFields, reportMissing, valueAt } from '../../ruleHelpers';

const MENTIONS_EXECUTOR = /executor/i;
const OUT_OF_MEMORY = /OutOfMemoryError|\bOOM|Java heap space|GC overhead limit exceeded/i;
const MENTIONS_DRIVER = /driver/i;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Why the failure looks executor-side, in words for the message, or undefined when it does not. */
export function executorSideEvidence(ctx: RuleContext): string | undefined {
  const metadata = valueAt(ctx.record, METADATA);
  const details: JsonObject = isObject(metadata) && isObject(metadata.error_details) ? metadata.error_details : {};
  const title = text(valueAt(ctx.record, ['incident', 'title']));
  const exceptionClass = text(details.exception_class);
  const exceptionMessage = text(details.exception_message);
  if (MENTIONS_EXECUTOR.test(exceptionClass) || MENTIONS_EXECUTOR.test(exceptionMessage)) {
    return 'the exception mentions an executor';
  }
  if (MENTIONS_EXECUTOR.test(title)) {
    return 'the title mentions an executor';
  }
  const outOfMemory = OUT_OF_MEMORY.test(exceptionClass) || OUT_OF_MEMORY.test(exceptionMessage);
  if (outOfMemory && !MENTIONS_DRIVER.test(exceptionMessage) && !MENTIONS_DRIVER.test(title)) {
    return 'the exception is an out-of-memory error and the driver is not named';
  }
  return undefined;
}

export const sparkIds: RecordRule = {
  code: 'IR121',
  services: ['spark'],
  check(ctx) {
    const evidence = executorSideEvidence(ctx);
    const fields = evidence ? [field('application_id'), field('executor_id')] : [field('application_id')];
    const missing = missingFields(ctx, METADATA, fields);
    if (!missing?.length) {
      return;
    }
    const needsExecutor = missing.some((m) => m.path[m.path.length - 1] === 'executor_id');
    reportMissing(ctx, {
      code: 'IR121',
      base: METADATA,
      missing,
      message: (names, it) =>
        `Spark record lacks ${names}` +
        (needsExecutor ? ` although the failure is executor-side (${evidence}): add ${it}, with "driver" as executor_id for a driver-side failure,` : `: add ${it}`) +
        ' so the agent can target the exact application and executor (guideline: include application and executor IDs for precise targeting).',
    });
  },
};
