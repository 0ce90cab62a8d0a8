/**
 * IR104 airflow-worker: an airflow record should say where the task ran and
 * what the worker last said: `airflow_instance`,
 * `error_details.worker_log_excerpt` and `error_details.last_heartbeat`.
 *
 * Why: the seed's guideline for DAG issues, "Include worker information for
 * resource correlation". A stale heartbeat or a SIGKILL in the log points to
 * a lost or starved worker rather than a bug in the task.
 *
 * Bad:  `"error_details": { "retry_count": 1, "max_retries": 3 }`
 * Good: `"error_details": { "last_heartbeat": "2024-03-14T02:41:17+00:00", "worker_log_excerpt": "… SIGTERM …", … }`
 */
import type { RecordRule } from '../../ruleTypes';
import { checkMetadataFields, field } from '../../ruleHelpers';

const FIELDS = [field('airflow_instance'), field('error_details.worker_log_excerpt'), field('error_details.last_heartbeat')];

export const airflowWorker: RecordRule = {
  code: 'IR104',
  services: ['airflow'],
  check(ctx) {
    checkMetadataFields(
      ctx,
      'IR104',
      FIELDS,
      (names, it) =>
        `Airflow record lacks ${names}: add ${it} so failures can be correlated with the worker's resources (guideline: include worker information for resource correlation).`,
    );
  },
};
