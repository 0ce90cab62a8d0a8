/**
 * IR122 spark-resources: a spark record should carry the application's full
 * `resource_config`: `executor_memory`, `executor_cores`, `num_executors` and
 * `driver_memory`. A missing `resource_config` is reported once, listing
 * every field.
 *
 * Why: the seed's guideline for Spark issues, "Record resource configuration
 * for optimization decisions". Whether to add memory, cores or executors can
 * only be learned from what the job ran with.
 *
 * Bad:  `"resource_config": { "executor_memory": "8g" }`
 * Good: `"resource_config": { "executor_memory": "8g", "executor_cores": 4, "num_executors": 20, "driver_memory": "4g" }`
 */
import type { RecordRule } from '../../ruleTypes';
import { checkMetadataFields, field } from '../../ruleHelpers';

const FIELDS = [
  field('resource_config.executor_memory'),
  field('resource_config.executor_cores'),
  field('resource_config.num_executors'),
  field('resource_config.driver_memory'),
];

export const sparkResources: RecordRule = {
  code: 'IR122',
  services: ['spark'],
  check(ctx) {
    checkMetadataFields(
      ctx,
      'IR122',
      FIELDS,
      (names, it) =>
        `Spark record lacks ${names}: add ${it} so the agent can decide between more memory, cores or executors (guideline: record resource configuration for optimization decisions).`,
    );
  },
};
