/**
 * IR124 spark-metrics: a spark record should carry the performance metrics
 * of the failure: `error_details.gc_time_percentage`,
 * `error_details.heap_usage_before_oom` and `error_details.partition_size_mb`.
 *
 * Why: the seed's guideline for Spark issues, "Include performance metrics
 * for resource tuning". GC pressure, heap use and partition size separate
 * "needs more memory" from "needs better partitioning".
 *
 * Bad:  `"error_details": { "exception_class": "java.lang.OutOfMemoryError" }`
 * Good: `"error_details": { "gc_time_percentage": 38.5, "heap_usage_before_oom": "7.1g", "partition_size_mb": 2860, … }`
 */
import type { RecordRule } from '../../ruleTypes';
import { checkMetadataFields, field } from '../../ruleHelpers';

const FIELDS = [
  field('error_details.gc_time_percentage'),
  field('error_details.heap_usage_before_oom'),
  field('error_details.partition_size_mb'),
];

export const sparkMetrics: RecordRule = {
  code: 'IR124',
  services: ['spark'],
  check(ctx) {
    checkMetadataFields(
      ctx,
      'IR124',
      FIELDS,
      (names, it) =>
        `Spark record lacks ${names}: add ${it} so memory can be tuned from evidence (guideline: include performance metrics for resource tuning).`,
    );
  },
};
