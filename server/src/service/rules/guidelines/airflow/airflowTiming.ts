/**
 * IR103 airflow-timing: an airflow record should carry its timing:
 * `execution_date`, `duration_seconds` and `expected_duration_seconds`.
 *
 * Why: the seed's guideline for DAG issues, "Record timing information for
 * performance pattern analysis". A stuck task is recognised by comparing how
 * long it ran with how long it usually takes.
 *
 * Bad:  `"metadata": { "dag_id": "billing_nightly", "duration_seconds": 10840 }`
 * Good: `"metadata": { "execution_date": "2024-03-14T02:00:00+00:00", "duration_seconds": 10840, "expected_duration_seconds": 2700, … }`
 */
import type { RecordRule } from '../../ruleTypes';
import { checkMetadataFields, field } from '../../ruleHelpers';

const FIELDS = [field('execution_date'), field('duration_seconds'), field('expected_duration_seconds')];

export const airflowTiming: RecordRule = {
  code: 'IR103',
  services: ['airflow'],
  check(ctx) {
    checkMetadataFields(
      ctx,
      'IR103',
      FIELDS,
      (names, it) =>
        `Airflow record lacks ${names}: add ${it} so slow and stuck runs can be told apart from normal ones (guideline: record timing information for performance pattern analysis).`,
    );
  },
};
