/**
 * IR123 spark-data-context: a spark record should say how far the job got:
 * `data_processed` with `input_records`, `processed_records` and
 * `failed_at_record`. A missing `data_processed` is reported once, listing
 * every field.
 *
 * Why: the seed's guideline for Spark issues, "Capture data processing
 * context for checkpoint recovery". A restart can resume from the record
 * where the job failed instead of reprocessing everything.
 *
 * Bad:  `"data_processed": { "input_records": 182000000 }`
 * Good: `"data_processed": { "input_records": 182000000, "processed_records": 121500000, "failed_at_record": 121500001 }`
 */
import type { RecordRule } from '../../ruleTypes';
import { checkMetadataFields, field } from '../../ruleHelpers';

const FIELDS = [field('data_processed.input_records'), field('data_processed.processed_records'), field('data_processed.failed_at_record')];

export const sparkDataContext: RecordRule = {
  code: 'IR123',
  services: ['spark'],
  check(ctx) {
    checkMetadataFields(
      ctx,
      'IR123',
      FIELDS,
      (names, it) =>
        `Spark record lacks ${names}: add ${it} so a restart can resume from where the job failed (guideline: capture data processing context for checkpoint recovery).`,
    );
  },
};
