/**
 * IR115 db-timing: a database record should carry the timing of the
 * failure: `error_details.last_successful_connection`,
 * `error_details.timeout_duration` and `error_details.failed_attempts_count`.
 *
 * Why: the seed's guideline for database issues, "Capture timing patterns for
 * load correlation". When connections stopped working, how long clients
 * waited and how often they retried are what correlate an outage with load.
 *
 * Bad:  `"error_details": { "error_code": "53300" }`
 * Good: `"error_details": { "last_successful_connection": "2024-05-02T14:11:52Z", "timeout_duration": 30, "failed_attempts_count": 1834, … }`
 */
import type { RecordRule } from '../../ruleTypes';
import { checkMetadataFields, field } from '../../ruleHelpers';

const FIELDS = [
  field('error_details.last_successful_connection'),
  field('error_details.timeout_duration'),
  field('error_details.failed_attempts_count'),
];

export const dbTiming: RecordRule = {
  code: 'IR115',
  services: ['database'],
  check(ctx) {
    checkMetadataFields(
      ctx,
      'IR115',
      FIELDS,
      (names, it) =>
        `Database record lacks ${names}: add ${it} so the failure can be correlated with load over time (guideline: capture timing patterns for load correlation).`,
    );
  },
};
