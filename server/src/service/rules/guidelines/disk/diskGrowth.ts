/**
 * IR142 disk-growth: a disk record should say how fast the disk fills and
 * with what: `error_details.disk_growth_rate_gb_per_hour`,
 * `error_details.estimated_time_to_full` and `error_details.largest_directories`
 * (an empty list counts as missing).
 *
 * Why: the seed's guideline for all incidents, "Resource state - memory,
 * CPU, disk usage at time of incident", and its predictive goal,
 * "Preemptive actions based on early warning signs": growth rate and time to
 * full decide urgency, the largest directories decide what to clean.
 *
 * Bad:  `"error_details": { "recent_large_files": [ … ] }`
 * Good: `"error_details": { "disk_growth_rate_gb_per_hour": 18, "estimated_time_to_full": "1h 6m", "largest_directories": [{ "/var/log/nginx": "402G" }], … }`
 */
import type { RecordRule } from '../../ruleTypes';
import { checkMetadataFields, field } from '../../ruleHelpers';

const FIELDS = [
  field('error_details.disk_growth_rate_gb_per_hour'),
  field('error_details.estimated_time_to_full'),
  field('error_details.largest_directories', { nonEmptyArray: true }),
];

export const diskGrowth: RecordRule = {
  code: 'IR142',
  services: ['disk'],
  check(ctx) {
    checkMetadataFields(
      ctx,
      'IR142',
      FIELDS,
      (names, it) =>
        `Disk record lacks ${names}: add ${it} so the urgency and what to clean can be learned (guideline: resource state - memory, CPU, disk usage at time of incident).`,
    );
  },
};
